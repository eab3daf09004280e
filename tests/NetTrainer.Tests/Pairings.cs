using NetTrainer.Activations;
using NetTrainer.Costs;

namespace NetTrainer.Tests;

/// <summary>Every cost x output activation x hidden activation, as NUnit test cases named after the pairing.</summary>
public static class Pairings
{
    public static IEnumerable<TestCaseData> CostOutputHidden()
    {
        foreach (ICost cost in CostCatalog.All)
            foreach (IActivation output in ActivationCatalog.Output)
                foreach (IActivation hidden in ActivationCatalog.Hidden)
                    yield return new TestCaseData(cost, output, hidden)
                        .SetArgDisplayNames(cost.Name, output.Name, hidden.Name);
    }

    public static IEnumerable<TestCaseData> CostOutput()
    {
        foreach (ICost cost in CostCatalog.All)
            foreach (IActivation output in ActivationCatalog.Output)
                yield return new TestCaseData(cost, output).SetArgDisplayNames(cost.Name, output.Name);
    }
}

/// <summary>Seeded random networks and mini-batches for the math tests.</summary>
public static class Seeded
{
    public static Network<double> Network(int[] sizes, ICost cost, IActivation output, IActivation hidden, int seed = 1) =>
        Network<double>.CreateRandom(sizes, hidden, output, cost, WeightInit.Default, new Random(seed));

    /// <summary>A mini-batch of m inputs uniform in [0, 1] and one-hot targets.</summary>
    public static MiniBatch<T> Batch<T>(Network<T> network, int m, int seed = 2)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var rng = new Random(seed);
        var batch = MiniBatch<T>.For(network, m);
        for (int j = 0; j < m; j++)
        {
            foreach (ref T v in batch.X.Row(j))
                v = T.CreateChecked(rng.NextDouble());
            batch.Y.Row(j).Clear();
            batch.Labels[j] = rng.Next(network.OutputSize);
            batch.Y[j, batch.Labels[j]] = T.One;
        }
        return batch;
    }
}

/// <summary>The library's steps on one mini-batch, each in fresh scratch, for tests that look at one step.</summary>
public static class OneStep
{
    public static ForwardPass<T> Feedforward<T>(this Network<T> network, MiniBatch<T> batch)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T> =>
        network.Feedforward(batch.X, network.CreateWorkspace(batch.Size));

    public static Gradients<T> Backprop<T>(this Network<T> network, MiniBatch<T> batch, bool fusedOutputDelta = true)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        Workspace<T> scratch = network.CreateWorkspace(batch.Size);
        return network.Backprop(network.Feedforward(batch.X, scratch), batch.Y, scratch, fusedOutputDelta);
    }

    /// <summary>The book's weight-decay step, fused as training takes it.</summary>
    public static void UpdateMiniBatch<T>(this Network<T> network, MiniBatch<T> batch, T eta, T lambda, int n)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T> =>
        new NetTrainer.Training.WeightDecaySgd<T>(eta, lambda, n).UpdateMiniBatchFused(network, batch, network.CreateWorkspace(batch.Size));

    public static void UpdateMiniBatch<T>(this Network<T> network, MiniBatch<T> batch, NetTrainer.Training.IUpdateRule<T> rule)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T> =>
        network.UpdateMiniBatch(batch, rule, network.CreateWorkspace(batch.Size));
}
