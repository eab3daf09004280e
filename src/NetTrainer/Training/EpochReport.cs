namespace NetTrainer.Training;

/// <summary>
/// What one epoch of training measured. Costs are per example, including the regularisation terms. Training and
/// Evaluation are null when the run does not monitor them; Eta is the learning rate the epoch trained with.
/// </summary>
public sealed record EpochReport(
    int Epoch,
    EvaluationResult? Training,
    EvaluationResult? Evaluation,
    double TrainingSeconds,
    double Seconds)
{
    /// <summary>η, the learning rate the epoch trained with.</summary>
    public double Eta { get; init; }

    /// <summary>The learning signal, when the run measures it.</summary>
    public LearningSignal? Signal { get; init; }

    /// <summary>True for an epoch trained before the run was resumed from a checkpoint, reported again.</summary>
    public bool Resumed { get; init; }
}

/// <summary>Receives each epoch's report as it completes (the CLI's log and CSV writers implement it).</summary>
public interface IEpochSink
{
    /// <summary>Takes the report of the epoch just finished.</summary>
    void Report(EpochReport report);
}

/// <summary>Why training stopped.</summary>
public enum StopReason
{
    /// <summary>All the epochs asked for ran.</summary>
    EpochsDone,

    /// <summary>Early stopping: no better evaluation accuracy for the patience given.</summary>
    NoImprovement,

    /// <summary>The learning-rate schedule reached η₀/128.</summary>
    EtaFloor,
}

/// <summary>
/// How a training run ended: the epochs run, why it stopped, and its best epoch by evaluation accuracy (by
/// training accuracy when only the training data is monitored; BestEpoch 0 when nothing is).
/// </summary>
public sealed record TrainingOutcome(int EpochsRun, StopReason Stop, int BestEpoch, double BestAccuracy, bool RestoredBest);

/// <summary>Thrown when the cost or the weights stop being finite numbers: the step is too large for this network.</summary>
public sealed class TrainingDivergedException(int epoch, string what)
    : Exception($"Training diverged in epoch {epoch}: {what}.")
{
    /// <summary>The epoch (from 1) whose cost or weights stopped being finite.</summary>
    public int Epoch { get; } = epoch;

    /// <summary>What stopped being finite: the training cost, the evaluation cost or the weights.</summary>
    public string What { get; } = what;

    /// <summary>The parameter that most likely caused it: "eta", "lambda" or "l1" (<see cref="DivergenceCause"/>).</summary>
    public string LikelyCause { get; init; } = DivergenceCause.Eta;
}
