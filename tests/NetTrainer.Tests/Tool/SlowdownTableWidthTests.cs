using NetTrainer.Cli;
using NetTrainer.Tests.Cli;

namespace NetTrainer.Tests.Tool;

/// <summary>slowdown's cost table on terminals of 60, 80 and 200 columns and on a pipe: a table when it fits, else one paragraph per epoch.</summary>
public class SlowdownTableWidthTests : CliFixture
{
    private CliResult SlowdownOn(Terminal terminal) =>
        RunOn(terminal, "slowdown", "--csv", InDir("slowdown.csv"), "--chart", InDir("slowdown.svg"));

    // The lines between "Cost by epoch ..." and "Output a after ...".
    private static string[] CostTable(CliResult result)
    {
        string[] lines = result.OutputLines;
        int start = Array.FindIndex(lines, l => l.StartsWith("Cost by epoch", StringComparison.Ordinal)) + 1;
        return lines[start..Array.FindIndex(lines, start, l => l.StartsWith("Output a after", StringComparison.Ordinal))];
    }

    [Test]
    public void A_60_column_terminal_gets_one_paragraph_per_epoch_within_its_width()
    {
        string[] table = CostTable(Succeeds(SlowdownOn(new Terminal(IsInteractive: true, 60))));
        Assert.That(table.Where(l => l.Length > 60), Is.Empty, "cost lines over 60 columns");
        Assert.That(table[0], Does.Match(@"^  epoch 0: quadratic \S+ \d+\.\d{6},"), "each paragraph starts with its epoch, then run and cost");
        string[] paragraphs = table.Where(l => l.StartsWith("  epoch ", StringComparison.Ordinal)).ToArray();
        Assert.That(System.Text.RegularExpressions.Regex.Count(string.Join(" ", table), @" \d+\.\d{6}\b"), Is.EqualTo(paragraphs.Length * 4),
            "four runs' costs for every epoch");
    }

    [TestCase(80)]
    [TestCase(200)]
    public void A_terminal_as_wide_as_the_table_and_a_pipe_get_the_table(int width)
    {
        foreach (Terminal terminal in new[] { new Terminal(IsInteractive: true, width), Terminal.Piped })
        {
            string[] table = CostTable(Succeeds(SlowdownOn(terminal)));
            Assert.That(table[0], Does.Match(@"^ +quadratic +cross-entropy +quadratic +cross-entropy$"), $"{terminal}: the header row");
            Assert.That(table[2..], Has.All.Match(@"^ +\d+( +\d+\.\d{6}){4}$"), $"{terminal}: one row per epoch");
            Assert.That(table.Where(l => l.Length > width), Is.Empty, $"{terminal}: lines over {width} columns");
        }
    }

    [TestCase(60)]
    [TestCase(80)]
    public void Every_line_fits_a_narrow_terminal_and_a_pipe_keeps_the_formulas_aligned(int width)
    {
        CliResult narrow = Succeeds(SlowdownOn(new Terminal(IsInteractive: true, width)));
        CliResult piped = Succeeds(SlowdownOn(Terminal.Piped));
        Assert.Multiple(() =>
        {
            // (The closing "Wrote PATH ..." line is left out: a path is as long as the folder the user chose.)
            Assert.That(narrow.OutputLines.Where(l => l.Length > width && !l.StartsWith("Wrote ", StringComparison.Ordinal)), Is.Empty,
                $"lines over {width} columns");
            Assert.That(narrow.Output, Does.Contain("∂C/∂w = (a − y) σ'(z) x").And.Contain("Start "), "the formulas and starts still there, wrapped");
            Assert.That(piped.OutputLines, Has.Some.EqualTo("  quadratic      C = ½(a − y)²                       ∂C/∂w = (a − y) σ'(z) x   ∂C/∂b = (a − y) σ'(z)"),
                "a pipe gets the aligned formula line as it is");
        });
    }
}
