using System.Diagnostics;
using NetTrainer.Cli.Sinks;
using NetTrainer.Reproduction;

using static NetTrainer.Reports.Phrases;

namespace NetTrainer.Cli.Reproduce;

/// <summary>
/// The live line `reproduce` keeps under its plain lines on a terminal: runs done of all, the overall time left, and
/// the runs training now with the time each has taken, redrawn about once a second. The plain line of each finished
/// run is written through <see cref="Finished"/>, which erases the live line first. A pipe gets the plain lines only.
/// </summary>
public sealed class ReproductionStatus : IDisposable
{
    private readonly LiveTicker ticker;
    private readonly Lock gate = new();
    private readonly List<(string Name, long Started)> running = [];
    private readonly int total;
    private int done;
    private TimeSpan? remaining;
    private long remainingAt;

    /// <param name="showAfter">Seconds before the line first appears (tests pass 0).</param>
    /// <param name="ticking">False: drawn only by <see cref="Tick"/> (tests).</param>
    public ReproductionStatus(TextWriter output, Terminal terminal, int total, double showAfter = LiveProgress.ShowAfterSeconds, bool ticking = true)
    {
        this.total = total;
        ticker = new LiveTicker(new LiveLine(output, terminal), _ => Text(), showAfter, ticking);
    }

    /// <summary>A worker has taken up a run.</summary>
    public void Started(ReproductionStart start)
    {
        lock (gate)
            running.Add((Name(start.Experiment, start.Run.Label, start.Seed), Stopwatch.GetTimestamp()));
    }

    /// <summary>A run has finished: it leaves the live line, and <paramref name="writeLine"/> writes its plain line.</summary>
    public void Finished(ReproductionProgress progress, Action writeLine)
    {
        lock (gate)
        {
            string name = Name(progress.Experiment, progress.Finished.Run.Label, progress.Finished.Seed);
            int index = running.FindIndex(r => r.Name == name);
            if (index >= 0)
                running.RemoveAt(index);
            (done, remaining, remainingAt) = (progress.Done, progress.Remaining, Stopwatch.GetTimestamp());
        }
        ticker.Write(writeLine);
    }

    /// <summary>Draws the line now, as the next tick would.</summary>
    public void Tick() => ticker.Tick();

    public void Dispose() => ticker.Dispose();

    // "3/14 runs done, about 4 min 10 s left; training weight-init-30 large (seed 1) 42 s, more-data 1000 (seed 1) 13 s"
    private string Text()
    {
        lock (gate)
        {
            string left = remaining is not { } r ? "time left known after the first run"
                : (r - Stopwatch.GetElapsedTime(remainingAt)).TotalSeconds is var s and > 0 ? "about " + LiveProgress.Duration(s) + " left"
                : "finishing";
            string now = running.Count == 0 ? ""
                : "; training " + string.Join(", ", running.Select(r => $"{r.Name} {LiveProgress.Duration(Stopwatch.GetElapsedTime(r.Started).TotalSeconds)}"));
            return Invariant($"{done}/{total} runs done, {left}{now}");
        }
    }

    private static string Name(string experiment, string run, int seed) => Invariant($"{experiment} {run} (seed {seed})");
}
