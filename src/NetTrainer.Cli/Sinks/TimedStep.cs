using System.Diagnostics;
using Serilog;

using static NetTrainer.Reports.Phrases;

namespace NetTrainer.Cli.Sinks;

/// <summary>
/// A step that prepares data before training can go on (--expand's shifts, --augment's first epoch): on a terminal a
/// live line with the time it has taken so far, and when it took longer than <see cref="LiveProgress.ShowAfterSeconds"/>
/// one plain line saying what was prepared and in how long (a pipe gets that line alone).
/// </summary>
public static class TimedStep
{
    public static T Run<T>(ILogger log, TextWriter output, string what, Func<T> step, double showAfter = LiveProgress.ShowAfterSeconds)
    {
        long started = Stopwatch.GetTimestamp();
        T result;
        using (new LiveTicker(new LiveLine(output, Terminal.Of(output)), elapsed => $"{what}: {LiveProgress.Duration(elapsed.TotalSeconds)} so far", showAfter))
            result = step();
        double seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        if (seconds >= showAfter)
            log.Information("{What}: {Seconds} s.", what, Invariant($"{seconds:F1}"));
        return result;
    }
}
