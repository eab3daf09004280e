using System.Globalization;
using NetTrainer.Activations;
using NetTrainer.Cli;
using NetTrainer.Cli.Reports;
using NetTrainer.Cli.Sinks;
using NetTrainer.Comparison;
using NetTrainer.Costs;
using NetTrainer.Training;

namespace NetTrainer.Tests.Comparison;

/// <summary>`compare`'s live line: runs done of all and the time left, erased before every plain line; none in a pipe.</summary>
public class CompareLiveLineTests
{
    private static readonly RunSpec[] Runs =
        [new(CrossEntropyCost.Instance, Sigmoid.Instance, 0.5), new(QuadraticCost.Instance, Sigmoid.Instance, 3.0)];

    private static RunRecord Record(RunSpec run) =>
        new(run, [new EpochReport(1, null, new EvaluationResult(0.5, 90, 100), 1.0, 1.0)], 1.0);

    private static (StringWriter Output, OrderedProgress Progress) Start(Terminal terminal)
    {
        var output = new StringWriter(CultureInfo.InvariantCulture);
        var progress = new OrderedProgress(Logging.To(output), Runs, epochs: 1, "validation");
        progress.Ticker = new LiveTicker(new LiveLine(output, terminal), progress.Status, showAfter: 0, ticking: false);
        return (output, progress);
    }

    [Test]
    public void On_a_terminal_the_line_counts_runs_done_and_is_erased_before_each_plain_line()
    {
        var (output, progress) = Start(new Terminal(IsInteractive: true, 200));
        progress.Ticker!.Tick();
        string drawn = output.ToString();
        Assert.That(drawn, Does.StartWith("\r0/2 runs done, ").And.Contain("so far").And.Not.Contain("\n"));

        progress.Starting(0, Runs[0]).Report(Record(Runs[0]).Epochs[0]);
        progress.Finished(0, Record(Runs[0]));
        progress.Ticker.Tick();
        string after = output.ToString()[drawn.Length..];
        Assert.Multiple(() =>
        {
            Assert.That(after, Does.Match(@"^\r +\r"), "the live line is erased before the epoch line");
            Assert.That(after, Does.Contain("1/2 runs done, about"), "the time left once a run has finished");
        });
        progress.Ticker.Dispose();
    }

    [Test]
    public void In_a_pipe_only_the_plain_lines_are_written()
    {
        var (output, progress) = Start(Terminal.Piped);
        progress.Ticker!.Tick();
        progress.Starting(0, Runs[0]).Report(Record(Runs[0]).Epochs[0]);
        progress.Finished(0, Record(Runs[0]));
        progress.Ticker.Dispose();
        Assert.That(output.ToString(), Does.Not.Contain("\r").And.Not.Contain("\u001b").And.Contain("1/2 runs done"));
    }
}
