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

    /// <summary>A workspace holding m inputs uniform in [0, 1] and one-hot targets.</summary>
    public static Workspace<T> Batch<T>(Network<T> network, int m, int seed = 2)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var rng = new Random(seed);
        Workspace<T> workspace = network.CreateWorkspace(m);
        for (int j = 0; j < m; j++)
        {
            foreach (ref T v in workspace.Inputs.Row(j))
                v = T.CreateChecked(rng.NextDouble());
            workspace.Targets.Row(j).Clear();
            workspace.Targets[j, rng.Next(network.OutputSize)] = T.One;
        }
        return workspace;
    }
}
