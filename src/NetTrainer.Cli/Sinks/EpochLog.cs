using System.Diagnostics;
using NetTrainer.Training;
using Serilog;

namespace NetTrainer.Cli.Sinks;

/// <summary>Logs one line per epoch (training cost, evaluation cost and accuracy, seconds) and a closing summary.</summary>
public sealed class EpochLog(ILogger log, int epochs, string evaluationName) : IEpochSink
{
    private readonly long started = Stopwatch.GetTimestamp();
    private EpochReport? best;

    public void Report(EpochReport r)
    {
        if (r.Evaluation is { } e)
            log.Information(
                "Epoch {Epoch,3}/{Epochs}: training cost {TrainingCost:F4}, {Set} cost {EvaluationCost:F4}, accuracy {Correct}/{Total} ({Percent:F2}%), {Seconds:F1} s",
                r.Epoch, epochs, r.Training.Cost, evaluationName, e.Cost, e.Correct, e.Total, 100 * e.Accuracy, r.Seconds);
        else
            log.Information(
                "Epoch {Epoch,3}/{Epochs}: training cost {TrainingCost:F4}, training accuracy {Correct}/{Total} ({Percent:F2}%), {Seconds:F1} s",
                r.Epoch, epochs, r.Training.Cost, r.Training.Correct, r.Training.Total, 100 * r.Training.Accuracy, r.Seconds);
        if (best is null || Measured(r).Accuracy > Measured(best).Accuracy)
            best = r;
    }

    /// <summary>The best epoch's accuracy, the total time and the peak memory, after the last epoch.</summary>
    public void Summarise()
    {
        if (best is null)
            return;
        EvaluationResult b = Measured(best);
        log.Information("Best {Set} accuracy {Correct}/{Total} ({Percent:F2}%) at epoch {Epoch}; {Seconds:F1} s in all, peak memory {Megabytes:F0} MB.",
            best.Evaluation is null ? "training" : evaluationName, b.Correct, b.Total, 100 * b.Accuracy, best.Epoch,
            Stopwatch.GetElapsedTime(started).TotalSeconds, Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024.0));
    }

    private static EvaluationResult Measured(EpochReport r) => r.Evaluation ?? r.Training;
}
