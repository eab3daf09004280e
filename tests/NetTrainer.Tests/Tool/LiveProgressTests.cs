using System.Globalization;
using NetTrainer.Cli;
using NetTrainer.Cli.Sinks;
using NetTrainer.Training;

namespace NetTrainer.Tests.Tool;

/// <summary>The live line of a long epoch: drawn in place on a terminal, erased before the epoch's line, never in a pipe.</summary>
public class LiveProgressTests
{
    private static readonly EpochReport Epoch1 = new(1, null, null, TrainingSeconds: 1, Seconds: 1);

    [Test]
    public void On_a_terminal_the_line_is_drawn_in_place_and_erased_when_the_epoch_ends()
    {
        var output = new StringWriter(CultureInfo.InvariantCulture);
        var live = new LiveProgress(output, new Terminal(IsInteractive: true, 80), epochs: 3, showAfter: 0);
        live.ReportStep(1, 10, 100);
        Assert.That(output.ToString(), Is.Empty, "no rate yet after the epoch's first step");
        live.ReportStep(1, 20, 100);
        string drawn = output.ToString();
        Assert.That(drawn, Does.Match(@"^\rEpoch 1/3: 20/100 examples, [\d,]+/s, ETA \d"));
        Assert.That(drawn, Does.Not.Contain("\n"), "the line is redrawn in place, never scrolled");

        live.Report(Epoch1);
        string erased = output.ToString()[drawn.Length..];
        Assert.That(erased, Does.Match(@"^\r +\r$"), "erased with spaces, the cursor back at the start for the epoch's line");
    }

    [Test]
    public void The_line_is_cut_to_the_terminal_width_less_one()
    {
        var output = new StringWriter(CultureInfo.InvariantCulture);
        var live = new LiveProgress(output, new Terminal(IsInteractive: true, 40), epochs: 3, showAfter: 0);
        live.ReportStep(1, 10, 100_000);
        live.ReportStep(1, 20, 100_000);
        Assert.That(output.ToString().TrimStart('\r'), Has.Length.EqualTo(39));
    }

    [Test]
    public void In_a_pipe_nothing_is_written()
    {
        var output = new StringWriter(CultureInfo.InvariantCulture);
        var live = new LiveProgress(output, Terminal.Piped, epochs: 3, showAfter: 0);
        live.ReportStep(1, 10, 100);
        live.Report(Epoch1);
        Assert.That(output.ToString(), Is.Empty);
    }

    [TestCase(0.2, "1 s")]
    [TestCase(45, "45 s")]
    [TestCase(185, "3 min 05 s")]
    [TestCase(3720, "1 h 02 min")]
    public void Durations_read_in_the_largest_units_that_fit(double seconds, string text) =>
        Assert.That(LiveProgress.Duration(seconds), Is.EqualTo(text));
}
