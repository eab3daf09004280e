namespace NetTrainer.Training;

/// <summary>What one epoch of training measured. Costs are per example, including the L2 term when λ > 0.</summary>
public sealed record EpochReport(
    int Epoch,
    EvaluationResult Training,
    EvaluationResult? Evaluation,
    double TrainingSeconds,
    double Seconds);

/// <summary>Receives each epoch's report as it completes (the CLI's log and CSV writers implement it).</summary>
public interface IEpochSink
{
    void Report(EpochReport report);
}

/// <summary>Thrown when the cost stops being a finite number: the step size is too large for this network.</summary>
public sealed class TrainingDivergedException(int epoch, double cost)
    : Exception($"Training diverged in epoch {epoch}: the training cost is {cost}. Try a smaller --eta.")
{
    public int Epoch { get; } = epoch;
    public double Cost { get; } = cost;
}
