using NetTrainer.Activations;
using NetTrainer.Costs;
using NetTrainer.Data;
using NetTrainer.Inspection;
using NetTrainer.Tests.Training;

namespace NetTrainer.Tests.Inspection;

public class LayerProbeTests
{
    private static readonly Dataset Data = SyntheticData.Create(50, seed: 3);

    private static Network<float> Net(WeightInit init) =>
        Network<float>.CreateRandom([16, 8, 3], Sigmoid.Instance, Sigmoid.Instance, CrossEntropyCost.Instance, init, new Random(1));

    [Test]
    public void The_probe_reports_what_backprop_computes_and_changes_nothing()
    {
        Network<float> network = Net(WeightInit.Default);
        float[] before = network.Weights[0].ToArray();
        LayerStatistics stats = new LayerProbe<float>(network, Data).Measure(epoch: 0);
        Assert.That(network.Weights[0].ToArray(), Is.EqualTo(before), "the probe only reads the network");

        var batch = MiniBatch<float>.For(network, Data.Count);
        Batches.GatherRange(Data, 0, batch);
        Gradients<float> g = network.Backprop(batch);
        for (int l = 0; l < network.LayerCount; l++)
        {
            double meanGradient = g.NablaW[l].ToArray().Average(v => Math.Abs((double)v)) / Data.Count;
            double meanDelta = g.Deltas[l].ToArray().Average(v => Math.Abs((double)v));
            double norm = Math.Sqrt(network.Weights[l].ToArray().Sum(v => (double)v * v));
            Assert.That(stats.Layers[l].MeanAbsWeightGradient, Is.EqualTo(meanGradient).Within(1e-6 * meanGradient), $"w{l + 1}: mean |dC/dw| (BP4)");
            Assert.That(stats.Layers[l].MeanAbsDelta, Is.EqualTo(meanDelta).Within(1e-6 * meanDelta), $"w{l + 1}: mean |δ| (BP1/BP2)");
            Assert.That(stats.Layers[l].WeightNorm, Is.EqualTo(norm).Within(1e-5 * norm), $"w{l + 1}: ||w||");
            Assert.That(stats.Layers[l].ZHistogram.Sum(), Is.EqualTo(Data.Count * network.Sizes[l + 1]), $"w{l + 1}: every z in a bin");
        }
    }

    [Test]
    public void Large_initial_weights_saturate_more_than_the_default_and_spread_z_wider()
    {
        LayerStatistics small = new LayerProbe<float>(Net(WeightInit.Default), Data).Measure(0);
        LayerStatistics large = new LayerProbe<float>(Net(WeightInit.Large), Data).Measure(0);
        Assert.That(large.Layers[0].StdZ, Is.GreaterThan(small.Layers[0].StdZ), "std of z: N(0, 1) against N(0, 1/n_in)");
        Assert.That(large.Layers[0].FractionSaturated, Is.GreaterThanOrEqualTo(small.Layers[0].FractionSaturated));
    }

    [Test]
    public void Saturation_is_counted_where_the_slope_is_below_a_hundredth()
    {
        Network<float> network = Net(WeightInit.Default);
        Array.Fill(network.Biases[0], 30f); // every hidden sigmoid at σ(≥ 30 - |wx|): slope far below 0.01
        Assert.That(new LayerProbe<float>(network, Data).Measure(0).Layers[0].FractionSaturated, Is.EqualTo(1.0));
        Array.Fill(network.Biases[0], 0f);
        network.Weights[0].AsSpan().Fill(0f); // z = 0, σ' = 1/4
        Assert.That(new LayerProbe<float>(network, Data).Measure(0).Layers[0].FractionSaturated, Is.Zero);
    }
}
