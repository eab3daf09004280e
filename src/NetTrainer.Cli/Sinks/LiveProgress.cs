using NetTrainer.Training;

using static NetTrainer.Cli.Wording;
using static NetTrainer.Reports.Phrases;

namespace NetTrainer.Cli.Sinks;

/// <summary>
/// A live line under the epoch lines while an epoch runs, on a terminal only: examples done, examples/s and the
/// epoch's ETA, redrawn in place with a carriage return and erased before the epoch's own line is written.
/// Nothing is drawn for an epoch that ends within <see cref="ShowAfterSeconds"/>, or when output is not a terminal
/// or when --quiet was given (a pipe or a file gets plain lines only, no control characters).
/// </summary>
/// <param name="showAfter">Seconds into an epoch before the line appears (tests pass 0).</param>
public sealed class LiveProgress(TextWriter output, Terminal terminal, int epochs, double showAfter = LiveProgress.ShowAfterSeconds)
    : IEpochSink, IStepProgress
{
    /// <summary>A quicker epoch would only flicker the line: its own epoch line follows within two seconds anyway.</summary>
    public const double ShowAfterSeconds = 2;

    /// <summary>Four redraws a second: the figures stay readable and the terminal is not flooded.</summary>
    public const double RedrawSeconds = 0.25;

    private readonly LiveLine line = new(output, terminal);
    private readonly LiveRate rate = new(showAfter);
    private int epoch;

    public void ReportStep(int epoch, int examplesDone, int examplesTotal)
    {
        if (!line.IsShown)
            return;
        if (epoch != this.epoch)
        {
            this.epoch = epoch;
            rate.Restart(examplesDone);
        }
        // The rate is measured from the epoch's first report on; the epoch's last step is drawn however soon it comes.
        if (rate.RateIfDue(examplesDone, last: examplesDone >= examplesTotal) is not { } perSecond)
            return;
        string left = examplesDone == examplesTotal ? "measuring the costs" : LiveRate.Eta(examplesTotal - examplesDone, perSecond);
        line.Draw(Invariant($"Epoch {epoch}/{epochs}: {examplesDone:N0}/{examplesTotal:N0} examples, {perSecond:N0}/s, {left}"));
        rate.Drawn();
    }

    public void Report(EpochReport report) => line.Erase();

    /// <summary>Erases the live line, if one is drawn (before an error or an interruption is reported).</summary>
    public void Clear() => line.Erase();

    /// <summary>"45 s", "3 min 05 s", "1 h 02 min".</summary>
    public static string Duration(double seconds) => seconds switch
    {
        < 60 => Invariant($"{Math.Ceiling(seconds):F0} s"),
        < 3600 => Invariant($"{(int)(seconds / 60)} min {(int)(seconds % 60):D2} s"),
        _ => Invariant($"{(int)(seconds / 3600)} h {(int)(seconds % 3600 / 60):D2} min"),
    };
}
