using System.Diagnostics;
using System.Globalization;
using NetTrainer.Training;
using Serilog;

using static NetTrainer.Cli.Wording;
using static NetTrainer.Reports.Phrases;

namespace NetTrainer.Cli.Sinks;

/// <summary>
/// Logs one compact line per epoch, made to fit 80 columns for the default run (the CSV of --metrics keeps every
/// figure): each set measured with its cost and accuracy, the evaluation's count, η when a schedule runs, seconds.
/// "Epoch  1/30  train 0.4327 93.10%  validation 0.4305 93.26% (9326/10000)  0.6 s". Then a closing summary.
/// </summary>
public sealed class EpochLog(ILogger log, int epochs, string evaluationName, bool showEta = false)
    : IEpochSink
{
    /// <summary>Said once before the first epoch, so that the compact lines need no labels of their own.</summary>
    public const string Legend = "Each epoch: each set's cost and accuracy, then seconds (all figures: --metrics).";

    private readonly long started = Stopwatch.GetTimestamp();
    private EpochReport? best;
    private bool legendSaid;

    public void Report(EpochReport r)
    {
        if (r.Resumed)
        {
            Remember(r); // trained before the checkpoint: counted for the best epoch, not printed again
            return;
        }
        if (!legendSaid)
        {
            log.Information(Legend);
            legendSaid = true;
        }
        var parts = new List<string>();
        if (r.Training is { } t)
            parts.Add(Invariant($"train {t.Cost:F4} {Percent(t)}") + (r.Evaluation is null ? " " + Counted(t) : ""));
        if (r.Evaluation is { } e)
            parts.Add(Invariant($"{evaluationName} {e.Cost:F4} {Percent(e)} {Counted(e)}"));
        if (showEta)
            parts.Add(Invariant($"eta {r.Eta:G4}"));
        parts.Add(Invariant($"{r.Seconds:F1} s"));
        string epoch = r.Epoch.ToString(CultureInfo.InvariantCulture).PadLeft(epochs.ToString(CultureInfo.InvariantCulture).Length);
        log.Information("Epoch {Epoch}/{Epochs}  {Figures}", epoch, epochs, string.Join("  ", parts));
        Remember(r);
    }

    private void Remember(EpochReport r)
    {
        if (Measured(r) is { } measured && (best is null || measured.Accuracy > Measured(best)!.Accuracy))
            best = r;
    }

    /// <summary>The best epoch's accuracy, the total time and the peak memory, after the last epoch.</summary>
    public void Summarise(TrainingOutcome outcome)
    {
        // One fact per line, each under 80 columns.
        string? stop = outcome.Stop switch
        {
            StopReason.NoImprovement => Invariant($"Stopped early after epoch {outcome.EpochsRun}: no better accuracy for the patience given."),
            StopReason.EtaFloor => Invariant($"Stopped after epoch {outcome.EpochsRun}: the learning rate reached 1/{1 << EtaSchedule.MaxHalvings} of its start."),
            _ => null,
        };
        if (stop is not null)
            log.Information("{Stop}", stop);
        if (best is not null && Measured(best) is { } b)
            log.Information("Best {Set} {Accuracy} at epoch {Epoch}{Restored}.", best.Evaluation is null ? "training" : evaluationName,
                Accuracy(b), best.Epoch, outcome.RestoredBest ? " (its weights are the ones kept)" : "");
        string memory = Invariant($"{Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024.0):F0} MB");
        string seconds = Invariant($"{Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s");
        log.Information("{Seconds} in all, peak memory {Memory}.", seconds, memory);
    }

    private static string Accuracy(EvaluationResult r) => Invariant($"accuracy {r.Correct}/{r.Total} ({100 * r.Accuracy:F2}%)");

    private static string Percent(EvaluationResult r) => Invariant($"{100 * r.Accuracy:F2}%");

    private static string Counted(EvaluationResult r) => Invariant($"({r.Correct}/{r.Total})");

    private static EvaluationResult? Measured(EpochReport r) => r.Evaluation ?? r.Training;

}
