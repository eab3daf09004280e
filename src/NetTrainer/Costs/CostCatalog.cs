namespace NetTrainer.Costs;

/// <summary>The costs by the names the command line and saved networks use.</summary>
public static class CostCatalog
{
    /// <summary>Every cost: quadratic, cross-entropy and negative log-likelihood.</summary>
    public static readonly IReadOnlyList<ICost> All =
        [QuadraticCost.Instance, CrossEntropyCost.Instance, NegativeLogLikelihoodCost.Instance];

    /// <summary>The cost named <paramref name="name"/> as written on the command line; an unknown name throws, listing the choices.</summary>
    public static ICost Parse(string name) =>
        All.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException(
            $"Unknown cost '{name}'; expected one of {string.Join(", ", All.Select(c => c.Name))}.");
}
