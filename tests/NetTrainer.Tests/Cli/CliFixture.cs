// Glossary
//   tiny data   120 train images (the last 1/6 = 20 become validation) and 20 test images of 4x4 pixels, 3 classes
//   run         one in-process Program.Run with StringWriters for output and error (System.CommandLine's InvocationTests)
//   figures     an epoch line without its seconds, which vary from run to run
using System.Globalization;
using System.Text.RegularExpressions;
using NetTrainer.Cli;
using NUnit.Framework.Constraints;
using static NetTrainer.Tests.Data.IdxFixture;

namespace NetTrainer.Tests.Cli;

/// <summary>What one run of the command line returned and wrote.</summary>
public sealed record CliResult(int ExitCode, string Output, string Error)
{
    public string[] OutputLines => Lines(Output);
    public string[] ErrorLines => Lines(Error);

    /// <summary>The epoch lines of the output, in order.</summary>
    public IReadOnlyList<EpochLine> Epochs => OutputLines.Select(EpochLine.TryParse).OfType<EpochLine>().ToList();

    public override string ToString() => $"exit {ExitCode}\n--- output\n{Output}--- error\n{Error}";

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();
}

/// <summary>
/// One parsed line "Epoch 1/3  train 1.9442 30.00%  validation 1.9601 35.00% (7/20)  0.1 s" (training cost and accuracy,
/// then the evaluation set's).
/// Costs and percent stay text, as printed, so two runs compare exactly.
/// </summary>
public sealed partial record EpochLine(
    int Epoch, int Epochs, string TrainingCost, string Set, string EvaluationCost, int Correct, int Total, string Percent, string Seconds)
{
    /// <summary>Everything but the seconds.</summary>
    public string Figures => $"{Epoch}/{Epochs} {TrainingCost} {Set} {EvaluationCost} {Correct}/{Total} {Percent}";

    public static EpochLine? TryParse(string line)
    {
        Match m = Pattern().Match(line);
        if (!m.Success)
            return null;
        string G(string name) => m.Groups[name].Value;
        return new EpochLine(int.Parse(G("epoch"), CultureInfo.InvariantCulture), int.Parse(G("epochs"), CultureInfo.InvariantCulture),
            G("training"), G("set"), G("evaluation"),
            int.Parse(G("correct"), CultureInfo.InvariantCulture), int.Parse(G("total"), CultureInfo.InvariantCulture),
            G("percent"), G("seconds"));
    }

    [GeneratedRegex(@"^Epoch +(?<epoch>\d+)/(?<epochs>\d+)  train (?<training>\d+\.\d{4}) \d+\.\d{2}%  (?<set>\w+) (?<evaluation>\d+\.\d{4}) (?<percent>\d+\.\d{2})% \((?<correct>\d+)/(?<total>\d+)\)  (?<seconds>\d+\.\d) s$")]
    private static partial Regex Pattern();
}

/// <summary>A per-epoch CSV written by --metrics: its header and its rows as column -> text.</summary>
public sealed record MetricsCsv(string[] Header, IReadOnlyList<IReadOnlyDictionary<string, string>> Rows)
{
    public static MetricsCsv Read(string path)
    {
        string[] lines = File.ReadAllLines(path).Where(l => l.Length > 0).ToArray();
        string[] header = lines[0].Split(',');
        var rows = lines[1..].Select(line =>
        {
            string[] cells = line.Split(',');
            Assert.That(cells, Has.Length.EqualTo(header.Length), $"cells in CSV row '{line}'");
            return (IReadOnlyDictionary<string, string>)header.Zip(cells).ToDictionary(p => p.First, p => p.Second);
        }).ToList();
        return new MetricsCsv(header, rows);
    }

    public static double Number(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
}

/// <summary>A temp folder with the tiny data set in data/, and helpers to run the command line on it.</summary>
public abstract class CliFixture
{
    protected const int Rows = 4, Cols = 4, Classes = 3;
    protected const int TrainFileImages = 120, TestImages = 20;
    protected const int TrainingImages = 100, ValidationImages = 20; // Mnist: the last 1/6 of the train file validates
    protected const string Sizes = "16,8,3";

    /// <summary>Options every `train` run gets unless the test gives them: small, short and seeded.</summary>
    private static readonly (string Name, string Value)[] TrainDefaults = [("--sizes", Sizes), ("--epochs", "2"), ("--seed", "7")];

    protected string Dir { get; private set; } = "";
    protected string Data { get; private set; } = "";

    [SetUp]
    public void WriteTinyData()
    {
        Dir = CreateTempDirectory();
        Data = Path.Combine(Dir, "data");
        WriteTinyMnist(Data, TrainFileImages, TestImages, Rows, Cols, Classes);
    }

    [TearDown]
    public void DeleteTempDirectory() => Directory.Delete(Dir, recursive: true);

    /// <summary>A path in the temp folder.</summary>
    protected string InDir(string name) => Path.Combine(Dir, name);

    protected static CliResult Run(params string[] args) => RunOn(null, args);

    /// <summary>The CLI in process as on <paramref name="terminal"/> (a pipe when null), its output and error captured.</summary>
    protected static CliResult RunOn(Terminal? terminal, params string[] args)
    {
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        using var error = new StringWriter(CultureInfo.InvariantCulture);
        int exitCode = Program.Run(args, output, error, terminal);
        return new CliResult(exitCode, output.ToString(), error.ToString());
    }

    /// <summary>`train` on the tiny data (or the --data-dir given), with <see cref="TrainDefaults"/> for options not given.</summary>
    protected CliResult Train(params string[] options)
    {
        var args = new List<string> { "train" };
        if (!options.Contains("--data-dir"))
            args.AddRange(["--data-dir", Data]);
        foreach ((string name, string value) in TrainDefaults)
            if (!options.Contains(name))
                args.AddRange([name, value]);
        args.AddRange(options);
        return Run([.. args]);
    }

    protected CliResult Evaluate(params string[] options) =>
        Run(["evaluate", .. options.Contains("--data-dir") ? options : ["--data-dir", Data, .. options]]);

    /// <summary>A run that must succeed, with the output in the failure message when it does not.</summary>
    protected static CliResult Succeeds(CliResult result)
    {
        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Success), result.ToString);
        Assert.That(result.Error, Is.Empty, "error output of a successful run");
        return result;
    }

    /// <summary>
    /// Exit code and first error line as expected; the error output holds no stack trace and nothing else but the
    /// "Run 'nettrainer ... --help'" hint; no epoch ran.
    /// </summary>
    protected static void AssertFails(CliResult result, int exitCode, IResolveConstraint firstErrorLine)
    {
        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(exitCode), result.ToString);
            Assert.That(result.ErrorLines.FirstOrDefault(), firstErrorLine);
            Assert.That(result.ErrorLines.Skip(1), Has.All.Match(@"^Run 'nettrainer (\w[\w-]* )?--help' for the options\.$"),
                "lines after the message");
            Assert.That(result.Error, Does.Not.Contain("   at "), "a stack trace");
            Assert.That(result.Epochs, Is.Empty, "epoch lines");
        });
    }

    protected static void AssertFails(CliResult result, int exitCode, string message) =>
        AssertFails(result, exitCode, Is.EqualTo("nettrainer: " + message));
}
