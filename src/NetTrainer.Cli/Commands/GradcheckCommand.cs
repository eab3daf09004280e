using System.CommandLine;
using NetTrainer.Cli.Course;
using NetTrainer.Cli.Runs;
using NetTrainer.Diagnostics;


namespace NetTrainer.Cli.Commands;

/// <summary>`nettrainer gradcheck`: backprop's gradients against central finite differences, layer by layer.</summary>
public static class GradcheckCommand
{
    public const string DefaultSizes = "5,4,3";

    /// <summary>‖g − ĝ‖/‖g + ĝ‖ allowed: central differences with h = 1e-5 agree with a correct backprop to about 1e-9 in double.</summary>
    public const double DefaultThreshold = 1e-7;

    private static readonly NetworkOptions Network = new(DefaultSizes);
    private static readonly Option<int> ExamplesOption = Options.Positive("--examples", "Examples in the checked mini-batch (the cost is summed over them).", 3);
    private static readonly Option<double> ThresholdOption = Options.Number("--threshold",
        "Largest relative error ‖g − ĝ‖/‖g + ĝ‖ that passes; over it the command exits 1.", DefaultThreshold, v => v > 0 && double.IsFinite(v), "positive");
    private static readonly Option<double> StepOption = Options.Number("--step",
        "Finite-difference step h: ĝ = (C(θ + h) − C(θ − h)) / 2h.", GradientCheck.DefaultStep, v => v > 0 && double.IsFinite(v), "positive");
    private static readonly Option<string?> DataDirOption = new("--data-dir")
    {
        Description = "Check on the first training images of this IDX folder instead of random examples.",
        HelpName = "DIR",
    };

    public static Command Create()
    {
        var command = new Command("gradcheck",
            "Compare backprop's gradients with central finite differences in float64 for every weight and bias; exit 1 when they disagree.")
        {
            ExamplesOption, ThresholdOption, StepOption, DataDirOption,
        };
        Network.AddTo(command);
        command.SetAction((parse, cancellation) => Guarded.RunAsync(parse,
            (output, ct) => GradcheckRun.RunAsync(Request(parse), output, parse.InvocationConfiguration.Error, ct), cancellation));
        return command;
    }

    private static GradcheckRequest Request(ParseResult parse) => new(
        Network: Network.Request(parse),
        Seed: Network.SeedValue(parse),
        Examples: parse.GetValue(ExamplesOption),
        Threshold: parse.GetValue(ThresholdOption),
        Step: parse.GetValue(StepOption),
        DataDir: parse.GetValue(DataDirOption));
}
