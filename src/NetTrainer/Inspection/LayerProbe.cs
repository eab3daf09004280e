// Glossary: see LayerStatistics. m = the sample size (rows of the probe's workspace).
using System.Numerics;
using System.Numerics.Tensors;
using NetTrainer.Data;
using NetTrainer.LinearAlgebra;

namespace NetTrainer.Inspection;

/// <summary>
/// Measures saturation and learning speed per layer with one forward and one backward pass over a fixed sample,
/// beside training (after an epoch, or before the first): it reads the network and never changes it.
/// </summary>
public sealed class LayerProbe<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Examples in the sample: 1000 make each layer's figures steady to about 3% (1/sqrt(1000)).</summary>
    public const int DefaultSampleSize = 1000;

    private readonly Network<T> network;
    private readonly Dataset sample;
    private readonly Workspace<T> workspace;

    /// <summary>A probe of <paramref name="network"/> on the first <paramref name="sampleSize"/> examples of <paramref name="data"/> (all of them when fewer).</summary>
    public LayerProbe(Network<T> network, Dataset data, int sampleSize = DefaultSampleSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleSize, 1);
        if (data.Count == 0)
            throw new ArgumentException("The probe needs at least one example.", nameof(data));
        this.network = network;
        sample = data.Slice(0, Math.Min(sampleSize, data.Count));
        workspace = network.CreateWorkspace(sample.Count);
    }

    /// <summary>m, the examples the probe measures.</summary>
    public int SampleSize => sample.Count;

    /// <summary>The network's figures now, labelled with <paramref name="epoch"/>.</summary>
    public LayerStatistics Measure(int epoch)
    {
        var batch = MiniBatch<T>.For(network, sample.Count);
        Batches.GatherRange(sample, 0, batch);
        ForwardPass<T> pass = network.Feedforward(batch.X, workspace);
        Gradients<T> gradients = network.Backprop(pass, batch.Y, workspace);
        var layers = new LayerFigures[network.LayerCount];
        for (int l = 0; l < network.LayerCount; l++)
        {
            ReadOnlySpan<T> z = pass.Zs[l].AsSpan(), a = pass.Activations[l + 1].AsSpan();
            double mean = Mean(z), std = Math.Sqrt(Math.Max(0, MeanOfSquares(z) - mean * mean));
            var histogram = new int[LayerStatistics.Bins];
            foreach (T value in z)
            {
                int bin = (int)Math.Floor((double.CreateSaturating(value) + LayerStatistics.HistogramLimit) / LayerStatistics.HistogramStep);
                histogram[Math.Clamp(bin, 0, histogram.Length - 1)]++;
            }
            layers[l] = new LayerFigures(l, mean, std, histogram,
                FractionSaturated(network.ActivationOf(l).Name, z, a),
                MeanAbs(gradients.Deltas[l].AsSpan()),
                MeanAbs(gradients.NablaW[l].AsSpan()) / sample.Count,
                Math.Sqrt(double.CreateSaturating(TensorPrimitives.SumOfSquares<T>(network.Weights[l].AsSpan()))));
        }
        return new LayerStatistics(epoch, sample.Count, layers);
    }

    // The slope f'(z) from the cached activation, as backprop computes it; ReLU saturates where it is flat (z ≤ 0).
    private static double FractionSaturated(string activation, ReadOnlySpan<T> z, ReadOnlySpan<T> a)
    {
        int saturated = 0;
        for (int i = 0; i < z.Length; i++)
        {
            double ai = double.CreateSaturating(a[i]);
            double slope = activation switch
            {
                "relu" => z[i] > T.Zero ? 1 : 0,
                "tanh" => 1 - ai * ai,
                _ => ai * (1 - ai), // sigmoid, and softmax's diagonal a_j(1 - a_j)
            };
            if (slope < LayerStatistics.SaturationSlope)
                saturated++;
        }
        return z.Length == 0 ? 0 : (double)saturated / z.Length;
    }

    private static double Mean(ReadOnlySpan<T> values) =>
        double.CreateSaturating(TensorPrimitives.Sum(values)) / Math.Max(values.Length, 1);

    private static double MeanOfSquares(ReadOnlySpan<T> values) =>
        double.CreateSaturating(TensorPrimitives.SumOfSquares(values)) / Math.Max(values.Length, 1);

    private static double MeanAbs(ReadOnlySpan<T> values) =>
        double.CreateSaturating(TensorPrimitives.SumOfMagnitudes(values)) / Math.Max(values.Length, 1);
}
