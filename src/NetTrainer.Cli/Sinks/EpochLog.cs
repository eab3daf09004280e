using System.Diagnostics;
using System.Globalization;
using NetTrainer.Training;
using Serilog;

using static NetTrainer.Cli.Wording;

namespace NetTrainer.Cli.Sinks;

/// <summary>
/// Logs one line per epoch (training cost, evaluation cost and accuracy, seconds; training accuracy and η when
/// asked for) and a closing summary.
/// </summary>
public sealed class EpochLog(ILogger log, int epochs, string evaluationName, bool showTrainingAccuracy = false, bool showEta = false)
    : IEpochSink
{
    private readonly long started = Stopwatch.GetTimestamp();
    private EpochReport? best;

    public void Report(EpochReport r)
    {
        if (r.Resumed)
        {
            Remember(r); // trained before the checkpoint: counted for the best epoch, not printed again
            return;
        }
        var parts = new List<string>();
        if (r.Training is { } t)
            parts.Add(Invariant($"training cost {t.Cost:F4}") +
                      (showTrainingAccuracy || r.Evaluation is null ? ", training " + Accuracy(t) : ""));
        if (r.Evaluation is { } e)
            parts.Add(Invariant($"{evaluationName} cost {e.Cost:F4}, ") + Accuracy(e));
        if (showEta)
            parts.Add(Invariant($"eta {r.Eta:G4}"));
        parts.Add(Invariant($"{r.Seconds:F1} s"));
        log.Information("Epoch {Epoch,3}/{Epochs}: {Figures}", r.Epoch, epochs, string.Join(", ", parts));
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
        string stop = outcome.Stop switch
        {
            StopReason.NoImprovement => Invariant($"Stopped early after epoch {outcome.EpochsRun}: no better accuracy for the patience given. "),
            StopReason.EtaFloor => Invariant($"Stopped after epoch {outcome.EpochsRun}: the learning rate reached 1/{1 << EtaSchedule.MaxHalvings} of its start. "),
            _ => "",
        };
        string restored = outcome.RestoredBest ? Invariant($" (its weights are the ones kept)") : "";
        string memory = Invariant($"{Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024.0):F0} MB");
        string seconds = Invariant($"{Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s");
        if (best is not null && Measured(best) is { } b)
            log.Information("{Stop}Best {Set} {Accuracy} at epoch {Epoch}{Restored}; {Seconds} in all, peak memory {Memory}.",
                stop, best.Evaluation is null ? "training" : evaluationName, Accuracy(b), best.Epoch, restored, seconds, memory);
        else
            log.Information("{Stop}{Seconds} in all, peak memory {Memory}.", stop, seconds, memory);
    }

    private static string Accuracy(EvaluationResult r) => Invariant($"accuracy {r.Correct}/{r.Total} ({100 * r.Accuracy:F2}%)");

    private static EvaluationResult? Measured(EpochReport r) => r.Evaluation ?? r.Training;

}
