using System.CommandLine;
using NetTrainer.Cli.Course;
using NetTrainer.Course;

namespace NetTrainer.Cli.Commands;

/// <summary>`nettrainer slowdown`: chapter 3's single sigmoid neuron, quadratic against cross-entropy cost.</summary>
public static class SlowdownCommand
{
    private static readonly SlowdownSetup Book = SlowdownSetup.Book;

    private static readonly Option<double> XOption = Options.Number("--x", "The neuron's input x.", Book.X, double.IsFinite, "a finite number");
    private static readonly Option<double> YOption = Options.Number("--y", "The target y, between 0 and 1 (the sigmoid's range).",
        Book.Y, v => v is >= 0 and <= 1, "between 0 and 1");
    private static readonly Option<double?> WOption = Options.OptionalNumber("--w",
        "Start from this weight (with --b) instead of the book's two starts (w = 0.6, b = 0.9 and w = b = 2).");
    private static readonly Option<double?> BOption = Options.OptionalNumber("--b", "Start from this bias (with --w).");
    private static readonly Option<double> EtaOption = Options.NonNegative("--eta", "Learning rate η, the same for both costs.", Book.Eta, allowZero: false);
    private static readonly Option<int> EpochsOption = Options.Positive("--epochs", "Gradient steps per run.", Book.Epochs,
        maximum: SlowdownSetup.MaxEpochs);
    private static readonly Option<int?> PrintEveryOption = Options.OptionalWhole("--print-every",
        "Print the costs every N epochs (default: about a dozen rows).", minimum: 1);
    private static readonly Option<string> CsvOption = new("--csv")
    {
        Description = "Every epoch of every run: cost_function, start, epoch, w, b, z, a, sigma_prime, cost, dc_dw, dc_db.",
        DefaultValueFactory = _ => "artifacts/slowdown.csv",
    };
    private static readonly Option<string> ChartOption = new("--chart")
    {
        Description = "The SVG chart of cost against epoch, one panel per cost function.",
        DefaultValueFactory = _ => "artifacts/slowdown.svg",
    };

    public static Command Create()
    {
        var command = new Command("slowdown",
            "Why quadratic cost with a sigmoid learns slowly: the book's single neuron trained with quadratic and cross-entropy cost.")
        {
            XOption, YOption, WOption, BOption, EtaOption, EpochsOption, PrintEveryOption, CsvOption, ChartOption,
        };
        command.SetAction((parse, cancellation) => Guarded.RunAsync(parse, (output, _) => Task.FromResult(Run(parse, output)), cancellation));
        return command;
    }

    private static int Run(ParseResult parse, TextWriter output)
    {
        double? w = parse.GetValue(WOption), b = parse.GetValue(BOption);
        if (w is null != b is null)
            throw new UsageException("--w and --b go together: give both to start from your own (w, b).");
        string[] paths = CourseOptions.OutputFiles(parse, CsvOption, ChartOption);
        (string csvPath, string chartPath) = (paths[0], paths[1]);
        int epochs = parse.GetValue(EpochsOption);
        var setup = new SlowdownSetup(parse.GetValue(XOption), parse.GetValue(YOption), parse.GetValue(EtaOption), epochs,
            w is null ? Book.Starts : [new NeuronStart("your start", w.Value, b!.Value)]);

        IReadOnlyList<SlowdownRun> runs = SlowdownExperiment.Run(setup);
        SlowdownReport.Write(output, setup, runs, parse.GetValue(PrintEveryOption) ?? Math.Max(1, epochs / 12), Terminal.Of(output).TableWidth);
        SlowdownReport.WriteCsv(csvPath, runs);
        NetTrainer.Persistence.AtomicFile.WriteText(chartPath, SlowdownReport.Chart(setup, runs));
        output.WriteLine($"Wrote {csvPath} ({runs.Count} runs x {epochs + 1} epochs) and the chart {chartPath}.");
        return ExitCodes.Success;
    }
}
