using System.Diagnostics;

namespace NetTrainer.Cli.Sinks;

/// <summary>
/// A live line for a step whose figures change without anyone reporting (runs training on other threads, a program
/// running): redrawn from <c>text</c> about once a second, from <see cref="LiveProgress.ShowAfterSeconds"/> on, until
/// disposed. Plain lines go through <see cref="Write"/>, which erases the line first; the next tick redraws it.
/// </summary>
public sealed class LiveTicker : IDisposable
{
    /// <summary>Once a second: a clock and a count that change slowly need no more.</summary>
    public const double TickSeconds = 1;

    private readonly LiveLine line;
    private readonly Func<TimeSpan, string> text;
    private readonly double showAfter;
    private readonly long started = Stopwatch.GetTimestamp();
    private readonly Lock gate = new();
    private readonly Timer? timer;
    private bool stopped;

    /// <param name="text">The line, given the time since the ticker started.</param>
    /// <param name="showAfter">Seconds before the first draw (tests pass 0).</param>
    /// <param name="ticking">False leaves the drawing to calls of <see cref="Tick"/> (tests, to know what is drawn when).</param>
    public LiveTicker(LiveLine line, Func<TimeSpan, string> text, double showAfter = LiveProgress.ShowAfterSeconds, bool ticking = true)
    {
        (this.line, this.text, this.showAfter) = (line, text, showAfter);
        if (line.IsShown && ticking)
            timer = new Timer(_ => Tick(), null, TimeSpan.FromSeconds(Math.Min(showAfter, TickSeconds)), TimeSpan.FromSeconds(TickSeconds));
    }

    /// <summary>Draws the line now (when it is due), as a tick would.</summary>
    public void Tick()
    {
        lock (gate)
        {
            TimeSpan elapsed = Stopwatch.GetElapsedTime(started);
            if (!stopped && elapsed.TotalSeconds >= showAfter)
                line.Draw(text(elapsed));
        }
    }

    /// <summary>Writes plain lines: the live line is erased first, so that they never mix with it.</summary>
    public void Write(Action write)
    {
        lock (gate)
        {
            line.Erase();
            write();
        }
    }

    /// <summary>Stops the ticks and erases the line.</summary>
    public void Dispose()
    {
        lock (gate)
        {
            stopped = true;
            line.Erase();
        }
        timer?.Dispose();
    }
}
