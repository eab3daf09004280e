using System.CommandLine;
using NetTrainer.Reports;
using NetTrainer.Cli.Course;
using NetTrainer.Course;

namespace NetTrainer.Cli.Commands;

/// <summary>`nettrainer explain`: one example through the forward pass and BP1–BP4, every number shown.</summary>
public static class ExplainCommand
{
    public const string DefaultSizes = "2,3,2";

    private static readonly NetworkOptions Network = new(DefaultSizes);
    private static readonly Option<double[]?> InputOption = Options.NumberList("--input",
        "The input x, comma-separated, one number per input neuron. Default: random in [0, 1] from the seed.");
    private static readonly Option<double[]?> TargetOption = Options.NumberList("--target",
        "The target y, comma-separated, one number per output neuron. Default: a random one-hot vector from the seed.");
    private static readonly Option<string> FormatOption = Options.Choice("--format",
        "text for the terminal, markdown (with LaTeX) for notes.", WalkthroughFormat.Text);
    private static readonly Option<int> DigitsOption = Options.Positive("--digits", "Decimals printed per number.", 4);

    public static Command Create()
    {
        var command = new Command("explain",
            "Take one example through the forward pass and backprop's equations BP1-BP4, printing every vector and matrix.")
        {
            InputOption, TargetOption, FormatOption, DigitsOption,
        };
        Network.AddTo(command);
        command.SetAction((parse, cancellation) => Guarded.RunAsync(parse, (output, _) => Task.FromResult(Run(parse, output)), cancellation));
        return command;
    }

    private static int Run(ParseResult parse, TextWriter output)
    {
        int digits = parse.GetValue(DigitsOption);
        if (digits > 15)
            throw new UsageException($"--digits must be at most 15 (a double's precision); got {digits}.");
        var rng = new Random(Network.SeedValue(parse));
        if (parse.GetValue(Network.Model) is null)
            Limits.Require(parse.LayerSizes(Network.Sizes), "--input", 1, sizeof(double));
        Network<double> network = Network.Create(parse, rng);
        double[] x = Given(parse, InputOption) ?? RandomInput(network.InputSize, rng);
        double[] y = Given(parse, TargetOption) ?? RandomOneHot(network.OutputSize, rng);
        if (x.Length != network.InputSize)
            throw new UsageException($"--input has {Phrases.Count(x.Length, "number")} but the network's input layer has {Phrases.Count(network.InputSize, "neuron")}.");
        if (y.Length != network.OutputSize)
            throw new UsageException($"--target has {Phrases.Count(y.Length, "number")} but the network's output layer has {Phrases.Count(network.OutputSize, "neuron")}.");

        BackpropWalkthrough walk = Walkthrough.Explain(network, x, y);
        WalkthroughReport.Write(walk, Notation.Create(output, parse.GetChoice<WalkthroughFormat>(FormatOption), digits));
        return ExitCodes.Success;
    }

    // An array option left out reads as an empty array, not null.
    private static double[]? Given(ParseResult parse, Option<double[]?> option) =>
        parse.GetResult(option) is { Implicit: false } ? parse.GetValue(option) : null;

    // Two decimals, so the products can be checked by hand.
    private static double[] RandomInput(int n, Random rng) =>
        Enumerable.Range(0, n).Select(_ => Math.Round(rng.NextDouble(), 2)).ToArray();

    private static double[] RandomOneHot(int n, Random rng)
    {
        var y = new double[n];
        y[rng.Next(n)] = 1.0;
        return y;
    }
}
