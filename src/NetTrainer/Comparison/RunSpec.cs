// Glossary
//   pairing   a cost with an output activation (quadratic + sigmoid, NLL + softmax, ...)
//   run       one pairing trained with one learning rate η; its id "cost:output@eta" is also how --runs writes it
using System.Globalization;
using NetTrainer.Activations;
using NetTrainer.Costs;

namespace NetTrainer.Comparison;

/// <summary>One run of a comparison: a cost, an output activation and a learning rate.</summary>
public sealed record RunSpec(ICost Cost, IActivation Output, double Eta)
{
    /// <summary>"cost:output@eta", e.g. "quadratic:sigmoid@3": unique within a comparison, and valid in --runs.</summary>
    public string Id => $"{Pairing}@{Eta.ToString("R", CultureInfo.InvariantCulture)}";

    /// <summary>"cost:output", e.g. "cross-entropy:softmax".</summary>
    public string Pairing => $"{Cost.Name}:{Output.Name}";

    /// <summary>The run's <see cref="Id"/>, "cost:output@eta".</summary>
    public override string ToString() => Id;
}
