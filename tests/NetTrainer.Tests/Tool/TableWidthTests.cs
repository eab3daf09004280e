using NetTrainer.Cli;
using NetTrainer.Tests.Cli;
using NetTrainer.Tests.Comparison;

namespace NetTrainer.Tests.Tool;

/// <summary>compare's summary on terminals of 60, 80 and 200 columns, and on a pipe: a table when it fits, else one paragraph per run.</summary>
public class TableWidthTests : CompareFixture
{
    private CliResult CompareOn(Terminal terminal) =>
        RunOn(terminal, "compare", "--sizes", Sizes, "--epochs", "1", "--seed", "7", "--csv", CsvPath, "--report", ReportPath, "--data-dir", Data);

    // The summary: the lines between the blank line after the progress and the blank line before "Wrote ...".
    private static string[] Summary(CliResult result)
    {
        string[] lines = result.Output.Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        int start = Array.IndexOf(lines, "") + 1;
        return lines[start..Array.IndexOf(lines, "", start)];
    }

    [TestCase(60)]
    [TestCase(80)]
    public void A_narrow_terminal_gets_one_paragraph_per_run_within_its_width(int width)
    {
        string[] summary = Summary(Succeeds(CompareOn(new Terminal(IsInteractive: true, width))));
        Assert.That(summary.Where(l => l.Length > width), Is.Empty, $"summary lines over {width} columns");
        Assert.That(summary.Where(l => !l.StartsWith(' ')).Select(l => l[..l.IndexOf(':', StringComparison.Ordinal)]),
            Is.EqualTo(new[] { "quadratic:sigmoid@3", "quadratic:softmax@3", "cross-entropy:sigmoid@0.5", "cross-entropy:softmax@0.5", "nll:sigmoid@0.5", "nll:softmax@0.5" }
                .Select(id => id[..id.IndexOf(':', StringComparison.Ordinal)])),
            "one paragraph per run, in order, each starting with the run");
        string all = string.Join(" ", summary);
        Assert.That(all, Does.Contain("best validation accuracy").And.Contain("final training cost").And.Contain("status ok"));
    }

    [Test]
    public void A_wide_terminal_and_a_pipe_get_the_table()
    {
        foreach (Terminal terminal in new[] { new Terminal(IsInteractive: true, 200), Terminal.Piped })
        {
            string[] summary = Summary(Succeeds(CompareOn(terminal)));
            Assert.That(summary[0], Does.Match("^run +best validation accuracy +at epoch"), $"{terminal}: the header row");
            Assert.That(summary, Has.Length.EqualTo(1 + 6), $"{terminal}: a header and one row per run");
        }
    }
}
