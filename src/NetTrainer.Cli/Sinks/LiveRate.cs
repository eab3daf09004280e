using System.Diagnostics;

namespace NetTrainer.Cli.Sinks;

/// <summary>
/// The rate and time left of one thing in progress on a live line (an epoch's examples, a download's bytes). The rate
/// is measured from the first report on; a redraw is due from <c>showAfter</c> seconds in, at most every
/// <see cref="LiveProgress.RedrawSeconds"/>.
/// </summary>
public sealed class LiveRate(double showAfter)
{
    private long started, lastDrawn, first;

    /// <summary>Measures again from <paramref name="done"/> units, now (a new epoch, a new download).</summary>
    public void Restart(long done) => (started, lastDrawn, first) = (Stopwatch.GetTimestamp(), 0, done);

    /// <summary>
    /// The units per second since the restart when a redraw is due at <paramref name="done"/>, else null: nothing
    /// before a second report or before showAfter, and nothing within RedrawSeconds of the last draw unless
    /// <paramref name="last"/> (the final figures). Call <see cref="Drawn"/> once they are drawn.
    /// </summary>
    public double? RateIfDue(long done, bool last = false)
    {
        double elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
        if (done == first || elapsed < showAfter
            || (lastDrawn != 0 && Stopwatch.GetElapsedTime(lastDrawn).TotalSeconds < LiveProgress.RedrawSeconds && !last))
            return null;
        return (done - first) / elapsed;
    }

    /// <summary>Notes that the line has just been drawn: the next redraw is due RedrawSeconds from now.</summary>
    public void Drawn() => lastDrawn = Stopwatch.GetTimestamp();

    /// <summary>"ETA 3 s": the time the <paramref name="left"/> units take at <paramref name="rate"/> a second.</summary>
    public static string Eta(long left, double rate) => "ETA " + LiveProgress.Duration(left / rate);
}
