// Glossary
//   accuracy    the evaluation accuracy of an epoch (the held-out split the comparison reports), a fraction
//   reached(p)  the first epoch whose accuracy is at least p
using NetTrainer.Training;

namespace NetTrainer.Comparison;

/// <summary>
/// The figures a comparison table shows for one run: its best evaluation accuracy and that epoch, the last epoch's
/// costs, the first epochs to reach 90% and 95%, and the seconds. Null where the run has no such figure.
/// </summary>
public sealed record RunSummary(
    RunSpec Run,
    double? BestAccuracy,
    int? BestEpoch,
    double? FinalTrainingCost,
    double? FinalEvaluationCost,
    int? EpochTo90,
    int? EpochTo95,
    double Seconds,
    Divergence? Diverged)
{
    /// <summary>The accuracies whose first epoch the table shows.</summary>
    public const double FirstMark = 0.90, SecondMark = 0.95;

    public static RunSummary Of(RunRecord record)
    {
        EpochReport? best = null;
        foreach (EpochReport e in record.Epochs)
            if (e.Evaluation is { } ev && (best is null || ev.Accuracy > best.Evaluation!.Accuracy))
                best = e;
        EpochReport? last = record.Epochs.Count > 0 ? record.Epochs[^1] : null;
        return new RunSummary(record.Run, best?.Evaluation!.Accuracy, best?.Epoch,
            last?.Training?.Cost, last?.Evaluation?.Cost,
            Reached(record, FirstMark), Reached(record, SecondMark), record.Seconds, record.Diverged);
    }

    private static int? Reached(RunRecord record, double accuracy) =>
        record.Epochs.FirstOrDefault(e => e.Evaluation?.Accuracy >= accuracy)?.Epoch;
}
