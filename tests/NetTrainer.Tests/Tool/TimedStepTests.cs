using System.Globalization;
using NetTrainer.Cli;
using NetTrainer.Cli.Sinks;

namespace NetTrainer.Tests.Tool;

/// <summary>A step that prepares data (--expand, --augment's first epoch): live while it runs, one plain line when it was long.</summary>
public class TimedStepTests
{
    private static (string Output, int Result) Step(Terminal terminal, double showAfter, TimeSpan takes)
    {
        var output = new TerminalWriter(new StringWriter(CultureInfo.InvariantCulture), terminal);
        int result;
        using (Serilog.Core.Logger log = Logging.To(output))
            result = TimedStep.Run(log, output, "--expand shift: adding the shifts of 100 images", () =>
            {
                Thread.Sleep(takes);
                return 42;
            }, showAfter);
        return (output.Inner.ToString()!, result);
    }

    [Test]
    public void On_a_terminal_a_long_step_shows_its_time_live_then_one_line_with_the_time_it_took()
    {
        (string shown, int result) = Step(new Terminal(IsInteractive: true, 200), showAfter: 0, TimeSpan.FromSeconds(1.5));
        Assert.That(result, Is.EqualTo(42));
        Assert.That(shown, Does.Match(@"^\r--expand shift: adding the shifts of 100 images: \d s so far"));
        Assert.That(shown, Does.Match(@"\r +\r--expand shift: adding the shifts of 100 images: 1\.\d s\.\r?\n$"), "erased, then the plain line");
    }

    [Test]
    public void Piped_a_long_step_gets_the_plain_line_alone_and_a_short_one_nothing()
    {
        Assert.That(Step(Terminal.Piped, showAfter: 0, TimeSpan.FromMilliseconds(10)).Output,
            Does.Match(@"^--expand shift: adding the shifts of 100 images: 0\.\d s\.\r?\n$"));
        Assert.That(Step(Terminal.Piped, showAfter: 2, TimeSpan.Zero).Output, Is.Empty, "a step quicker than two seconds says nothing");
    }
}
