using System.CommandLine;
using NetTrainer.Activations;
using NetTrainer.Cli.Course;
using NetTrainer.Course;

namespace NetTrainer.Cli.Commands;

/// <summary>`nettrainer derive`: the cost that δ^L = a − y integrates to, derived step by step and checked numerically.</summary>
public static class DeriveCommand
{
    /// <summary>At most this many outputs and samples: every number is printed.</summary>
    public const int MaxOutputs = 10, MaxSamples = 20;

    private static readonly Option<string> OutputOption = Options.Output();
    // At least 2: one output has nothing to normalise over.
    private static readonly Option<int> OutputsOption = Options.Number("--outputs", $"Output neurons n of the random samples, 2 to {MaxOutputs}.",
        3, n => n is >= 2 and <= MaxOutputs, $"between 2 and {MaxOutputs}");
    private static readonly Option<int> SamplesOption = Options.Positive("--samples", "Random (z, y) samples checked.", 3, maximum: MaxSamples);
    private static readonly Option<int?> SeedOption = Options.OptionalWhole("--seed", "Seed of the random logits and targets (default 1).", minimum: 0);

    public static Command Create()
    {
        var command = new Command("derive",
            "Start from dC/dz = a - y, integrate it back to the cost (cross-entropy for sigmoid, NLL for softmax), and check the result numerically; the quadratic cost fails the same requirement.")
        {
            OutputOption, OutputsOption, SamplesOption, SeedOption,
        };
        command.SetAction((parse, cancellation) => Guarded.RunAsync(parse, (output, _) => Task.FromResult(Run(parse, output)), cancellation));
        return command;
    }

    private static int Run(ParseResult parse, TextWriter output)
    {
        Derivation derivation = CostDerivations.Derive(ActivationCatalog.ParseOutput(parse.GetValue(OutputOption)!), parse.GetValue(OutputsOption),
            parse.GetValue(SamplesOption), new Random(parse.GetValue(SeedOption) ?? 1));
        DerivationText.Write(output, derivation);
        if (!derivation.Recovered.MeetsRequirement || derivation.Recovered.ConstantSpread > DerivationText.ConstantTolerance)
        {
            // Exit 1 as gradcheck's: the command ran and the mathematics it checks disagrees.
            parse.InvocationConfiguration.Error.WriteLine(
                $"nettrainer: derive check failed: the recovered cost has max |dC/dz - (a - y)| = {DerivationText.Small(derivation.Recovered.DeviationFromAMinusY)} " +
                $"and a constant that varies by {DerivationText.Small(derivation.Recovered.ConstantSpread)}.");
            return ExitCodes.Failure;
        }
        return ExitCodes.Success;
    }
}
