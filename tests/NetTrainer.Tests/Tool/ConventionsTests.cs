using System.Text.RegularExpressions;
using NetTrainer.Cli;
using NetTrainer.Tests.Cli;

namespace NetTrainer.Tests.Tool;

/// <summary>What a user of a .NET tool expects: completions, typo hints, placeholders, output that fits the terminal.</summary>
public partial class ConventionsTests : CliFixture
{
    private static CliResult RunAt(int width, params string[] args) => RunOn(new Terminal(IsInteractive: false, width), args);

    [Test]
    public void Suggest_directive_completes_train_options_starting_with_e()
    {
        CliResult result = Succeeds(Run("[suggest:8]", "train --e"));
        Assert.That(result.OutputLines, Is.EqualTo(new[] { "--early-stop", "--epochs", "--eta", "--eta-schedule", "--evaluate-on", "--expand" }));
    }

    [TestCase("trian", "train")]
    [TestCase("compar", "compare")]
    public void A_mistyped_command_gets_a_suggestion(string typed, string meant)
    {
        CliResult result = Run(typed);
        AssertFails(result, ExitCodes.Usage, Does.EndWith($"Did you mean '{meant}'?"));
    }

    [Test]
    public void A_mistyped_option_gets_a_suggestion_from_its_own_command()
    {
        CliResult result = Train("--epoch", "3");
        AssertFails(result, ExitCodes.Usage, Does.EndWith("Did you mean '--epochs'?"));
    }

    [Test]
    public void Help_names_files_folders_and_counts_and_lists_choices_in_lower_case()
    {
        string help = Succeeds(Run("train", "--help")).Output;
        Assert.Multiple(() =>
        {
            Assert.That(help, Does.Contain("--metrics <FILE>").And.Contain("--save <FILE>").And.Contain("--init-from <FILE>"));
            Assert.That(help, Does.Contain("--data-dir <DIR>"));
            Assert.That(help, Does.Contain("--epochs <N>").And.Contain("--mini-batch-size <N>").And.Contain("--seed <N>"));
            // (A long option name may put its placeholder on the next line of the first column.)
            Assert.That(help, Does.Contain("--cost <quadratic|cross-entropy|nll>").And.Contain("<validation|test|training>"));
            Assert.That(help, Does.Contain("<training,evaluation,none>").And.Not.Contain("Training, Evaluation"), "--monitor as typed");
        });
    }

    /// <summary>Every command of the tool users see (not the hidden busy helper of bench), and each option of it that takes a value.</summary>
    private static IEnumerable<TestCaseData> CommandsWithValueOptions() =>
        Program.CreateRootCommand().Subcommands.Where(command => !command.Hidden).Select(command => new TestCaseData(
            command.Name, command.Options.Where(o => o.ValueType != typeof(bool)).Select(o => o.Name).ToArray()).SetArgDisplayNames(command.Name));

    [TestCaseSource(nameof(CommandsWithValueOptions))]
    public void No_option_in_help_shows_its_own_name_as_its_placeholder(string command, string[] options)
    {
        // Wide enough that every option's placeholder sits on its line.
        string help = Succeeds(RunAt(400, command, "--help")).Output;
        Assert.Multiple(() =>
        {
            foreach (string option in options)
            {
                Match placeholder = Regex.Match(help, $@"(?m)^\s+(?:-\w, )?{Regex.Escape(option)} <([^>]+)>");
                Assert.That(placeholder.Success, $"{command} {option} shows a placeholder");
                Assert.That(placeholder.Groups[1].Value, Is.Not.EqualTo(option.TrimStart('-').ToLowerInvariant()),
                    $"{command} {option}: the default placeholder says nothing about what to type");
            }
        });
    }

    [Test]
    public void Placeholders_say_what_to_type()
    {
        string train = Succeeds(RunAt(400, "train", "--help")).Output;
        Assert.That(train, Does.Contain("--sizes <N,N,...>").And.Contain("--eta <ETA>").And.Contain("--dropout <P>")
            .And.Contain("--augment <SPEC>").And.Contain("--snapshot-epochs <E,E,...>").And.Contain("--checkpoint <FILE>")
            .And.Contain("--resume <FILE>").And.Contain("--momentum <X>"));
        Assert.That(Succeeds(RunAt(400, "reproduce", "--help")).Output, Does.Contain("--out <DIR>"));
    }

    [TestCase(60)]
    [TestCase(80)]
    [TestCase(200)]
    public void Help_wraps_at_the_width_given_and_never_inside_a_word(int width)
    {
        string help = Succeeds(RunAt(width, "train", "--help")).Output;
        string[] lines = help.Split('\n').Select(l => l.TrimEnd('\r', ' ')).ToArray();
        Assert.That(lines.Where(l => l.Length > width), Is.Empty, $"lines over {width} columns");
        // Every description comes back whole once the wrapping is undone: no word was cut in two.
        string unwrapped = Whitespace().Replace(help, " ");
        foreach (string description in new[]
                 {
                     "Layer sizes, input to output, comma-separated (e.g. 784,100,10).",
                     "Seed of the run's one random generator (initial weights, then shuffling); the same seed gives the same run.",
                     "Write an HTML report of the run (summary, charts of accuracy, cost and learning signal) to this file.",
                 })
            Assert.That(unwrapped, Does.Contain(description), $"at {width} columns");
    }

    [Test]
    public void Help_uses_the_width_it_is_given()
    {
        int Longest(int width) => Succeeds(RunAt(width, "train", "--help")).OutputLines.Max(l => l.TrimEnd().Length);
        Assert.That(Longest(200), Is.GreaterThan(100), "a wide terminal gets long lines");
        Assert.That(Longest(60), Is.LessThanOrEqualTo(60));
    }

    [Test]
    public void Train_output_fits_80_columns_and_has_no_control_characters_when_piped()
    {
        // The default run's shape on the tiny data (16 inputs instead of 784 gives shorter lines, so pad the check
        // with the default network's own numbers: 784,30,10 writes 23,860 and 50,000 where this writes 163 and 100).
        string output = Succeeds(Train("--epochs", "3")).Output;
        Assert.Multiple(() =>
        {
            // The first line names the data folder: a path, as long as it is.
            foreach (string line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.TrimEnd('\r')))
                Assert.That(line.Length, Is.LessThanOrEqualTo(80 - DefaultRunExtra(line)), line);
            Assert.That(output.Where(c => char.IsControl(c) && c != '\n' && c != '\r'), Is.Empty, "control characters in piped output");
            Assert.That(output, Does.Not.Contain("\r"), "a carriage return redraws a line: terminals only");
        });
    }

    // How much longer the line is for the default run on MNIST (784,30,10, 50,000 images, 30 epochs) than here.
    private static int DefaultRunExtra(string line) =>
        line.StartsWith("Epoch", StringComparison.Ordinal) ? "1/30 (9326/10000)".Length - "1/3 (7/20)".Length
        : line.StartsWith("Learning", StringComparison.Ordinal) ? "23,86050,000".Length - "163100".Length
        : line.StartsWith("Data:", StringComparison.Ordinal) ? "50000100001000028x2810".Length - "10020204x43".Length
        : line.StartsWith("Network", StringComparison.Ordinal) ? "784,30,10".Length - "16,8,3".Length
        : 0;

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
