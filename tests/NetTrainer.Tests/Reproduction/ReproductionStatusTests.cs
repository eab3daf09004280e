using System.Globalization;
using NetTrainer.Cli;
using NetTrainer.Cli.Reproduce;
using NetTrainer.Reproduction;

namespace NetTrainer.Tests.Reproduction;

/// <summary>The live line of `reproduce`: runs done of all, the time left and the runs in progress; erased for each plain line.</summary>
public class ReproductionStatusTests
{
    private static readonly Experiment WeightInit = ExperimentCatalog.All(ExperimentScale.Quick).Single(e => e.Name == "weight-init-30");

    private static RunResult Result(ExperimentRun run) => new(run, 1, [], null, 3.0);

    [Test]
    public void On_a_terminal_the_line_shows_the_runs_in_progress_and_is_erased_before_each_finished_runs_line()
    {
        var output = new StringWriter(CultureInfo.InvariantCulture);
        using var status = new ReproductionStatus(output, new Terminal(IsInteractive: true, 200), total: 2, showAfter: 0, ticking: false);
        ExperimentRun first = WeightInit.Runs[0], second = WeightInit.Runs[1];
        status.Started(new ReproductionStart(WeightInit.Name, first, 1));
        status.Started(new ReproductionStart(WeightInit.Name, second, 1));
        status.Tick();
        string drawn = output.ToString();
        Assert.That(drawn, Does.StartWith("\r0/2 runs done, time left known after the first run; training ")
            .And.Contain($"weight-init-30 {first.Label} (seed 1) ").And.Contain($"weight-init-30 {second.Label} (seed 1) "));
        Assert.That(drawn, Does.Not.Contain("\n"), "redrawn in place, never scrolled");

        status.Finished(new ReproductionProgress(1, 2, Result(first), WeightInit.Name, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(60)),
            () => output.WriteLine("[1/2] the finished run's line"));
        status.Tick();
        string after = output.ToString()[drawn.Length..];
        Assert.That(after, Does.Match(@"^\r +\r\[1/2\] the finished run's line\r?\n"), "erased before the plain line");
        Assert.That(after, Does.Contain("1/2 runs done, about 5").Or.Contain("1/2 runs done, about 6"), "the time left counts down from the last estimate");
        Assert.That(after.Split('\n')[^1], Does.Not.Contain(first.Label), "the finished run has left the line");
    }

    [Test]
    public void In_a_pipe_or_with_quiet_only_the_plain_lines_are_written()
    {
        foreach (Terminal terminal in new[] { Terminal.Piped, new Terminal(IsInteractive: true, 80) { Quiet = true } })
        {
            var output = new StringWriter(CultureInfo.InvariantCulture);
            using (var status = new ReproductionStatus(output, terminal, total: 1, showAfter: 0, ticking: false))
            {
                status.Started(new ReproductionStart(WeightInit.Name, WeightInit.Runs[0], 1));
                status.Tick();
                status.Finished(new ReproductionProgress(1, 1, Result(WeightInit.Runs[0]), WeightInit.Name, TimeSpan.FromSeconds(3), TimeSpan.Zero),
                    () => output.WriteLine("[1/1] line"));
            }
            Assert.That(output.ToString(), Is.EqualTo("[1/1] line" + Environment.NewLine), terminal.ToString());
        }
    }
}
