using NetTrainer.Activations;
using NetTrainer.Costs;

namespace NetTrainer.Comparison;

/// <summary>The runs a comparison makes by default: the six cost × output pairings, each with its cost's usual learning rate.</summary>
public static class RunList
{
    /// <summary>
    /// The learning rate a pairing gets when none is given: the book's 3.0 for quadratic (chapter 1), 0.5 for
    /// cross-entropy (chapter 3) and 0.5 for NLL, whose δ^L = a − y is on the same scale as cross-entropy's.
    /// </summary>
    public static double DefaultEta(ICost cost) => cost == QuadraticCost.Instance ? 3.0 : 0.5;

    /// <summary>Every cost with every output activation, cost by cost, each with its default learning rate.</summary>
    public static IReadOnlyList<RunSpec> AllPairings() =>
        CostCatalog.All.SelectMany(cost => ActivationCatalog.Output.Select(output => new RunSpec(cost, output, DefaultEta(cost))))
            .ToList();
}
