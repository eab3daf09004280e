// Glossary
//   accuracy    the evaluation accuracy of an epoch (the held-out split reported), a fraction; the training
//               accuracy for a run that measures nothing else (`train --evaluate-on training`)
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

    /// <summary>The table row of one run: its best and final accuracies, the first epochs reaching the marks, its time and divergence.</summary>
    public static RunSummary Of(RunRecord record)
    {
        EpochReport? best = null;
        foreach (EpochReport e in record.Epochs)
            if (Accuracy(e) is { } accuracy && (best is null || accuracy > Accuracy(best)))
                best = e;
        EpochReport? last = record.Epochs.Count > 0 ? record.Epochs[^1] : null;
        return new RunSummary(record.Run, best is null ? null : Accuracy(best), best?.Epoch,
            last?.Training?.Cost, last?.Evaluation?.Cost,
            Reached(record, FirstMark), Reached(record, SecondMark), record.Seconds, record.Diverged);
    }

    /// <summary>The accuracy an epoch is judged by: on the evaluation data, or on the training data when that is all.</summary>
    public static double? Accuracy(EpochReport epoch) => (epoch.Evaluation ?? epoch.Training)?.Accuracy;

    private static int? Reached(RunRecord record, double accuracy) =>
        record.Epochs.FirstOrDefault(e => Accuracy(e) >= accuracy)?.Epoch;
}
