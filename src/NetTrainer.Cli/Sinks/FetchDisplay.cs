using NetTrainer.Data;
using Serilog;

using static NetTrainer.Reports.Phrases;

namespace NetTrainer.Cli.Sinks;

/// <summary>
/// Shows a fetch's news. Lines are logged as they come. On a terminal, a download longer than
/// <see cref="LiveProgress.ShowAfterSeconds"/> gets a live line (MB done of the total when known, MB/s, ETA) instead
/// of its milestone lines, and a step that gives no figures (npm pack) a live line with the time it has taken.
/// Piped, or under --quiet: the lines alone, with a download's milestones (every tenth) as lines of their own.
/// Synchronous (System.Progress&lt;T&gt; would post to the thread pool and reorder the lines).
/// </summary>
public sealed class FetchDisplay(ILogger log, TextWriter output, Terminal terminal, double showAfter = LiveProgress.ShowAfterSeconds)
    : IProgress<FetchProgress>, IDisposable
{
    private readonly LiveLine line = new(output, terminal);
    private readonly LiveRate rate = new(showAfter);
    private readonly Lock gate = new();
    private LiveTicker? ongoing;
    private Uri? download;

    public void Report(FetchProgress value)
    {
        lock (gate)
        {
            if (value is { Download: { } url, BytesDone: { } done })
            {
                if (line.IsShown)
                    DrawDownload(url, done, value.BytesTotal);
                else if (value.Milestone)
                    log.Information("{Message}", value.Message);
                return;
            }
            StopOngoing();
            line.Erase();
            download = null;
            log.Information("{Message}", value.Message);
            if (value.Ongoing && line.IsShown)
                ongoing = new LiveTicker(line, elapsed => $"still running, {LiveProgress.Duration(elapsed.TotalSeconds)} so far", showAfter);
        }
    }

    // "downloading https://…/train-images-idx3-ubyte.gz: 4.2 of 9.9 MB, 2.1 MB/s, ETA 3 s"
    private void DrawDownload(Uri url, long done, long? total)
    {
        if (url != download)
        {
            download = url;
            rate.Restart(done);
        }
        if (rate.RateIfDue(done) is not { } perSecond) // bytes/s since the first chunk
            return;
        string amount = total is > 0 ? Invariant($"{done / 1e6:0.0} of {total.Value / 1e6:0.0} MB") : Invariant($"{done / 1e6:0.0} MB");
        string eta = total is > 0 && total.Value > done ? ", " + LiveRate.Eta(total.Value - done, perSecond) : "";
        line.Draw(Invariant($"downloading {url}: {amount}, {perSecond / 1e6:0.0} MB/s{eta}"));
        rate.Drawn();
    }

    private void StopOngoing()
    {
        ongoing?.Dispose();
        ongoing = null;
    }

    /// <summary>Erases the live line (the fetch ended, or failed).</summary>
    public void Dispose()
    {
        lock (gate)
        {
            StopOngoing();
            line.Erase();
        }
    }
}
