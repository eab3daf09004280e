using NetTrainer.Training;

namespace NetTrainer.Comparison;

/// <summary>
/// Everything one run reported: its epochs in order and, when it diverged, the epoch and the reason (the epochs
/// before it are kept). Seconds is the run's wall-clock time, training and measuring.
/// </summary>
public sealed record RunRecord(RunSpec Run, IReadOnlyList<EpochReport> Epochs, double Seconds, Divergence? Diverged = null)
{
    /// <summary>Weight layers whose gradients the learning signal measured (0 when it was not measured).</summary>
    public int SignalLayers => Epochs.Select(e => e.Signal?.MeanAbsWeightGradient.Count ?? 0).DefaultIfEmpty(0).Max();
}

/// <summary>Where a run stopped being finite, what did (the training cost, the evaluation cost or the weights), and the likely cause.</summary>
public sealed record Divergence(int Epoch, string What, string LikelyCause = DivergenceCause.Eta)
{
    /// <summary>What a run's <see cref="TrainingDivergedException"/> says, as a record; null when the run did not diverge.</summary>
    public static Divergence? Of(TrainingDivergedException? diverged) =>
        diverged is null ? null : new Divergence(diverged.Epoch, diverged.What, diverged.LikelyCause);
}

/// <summary>Keeps each epoch's report, and passes it on to another sink when given one.</summary>
public sealed class RunRecorder(IEpochSink? next = null) : IEpochSink
{
    private readonly List<EpochReport> epochs = [];

    /// <summary>The reports received so far, in the order received.</summary>
    public IReadOnlyList<EpochReport> Epochs => epochs;

    /// <inheritdoc/>
    public void Report(EpochReport report)
    {
        epochs.Add(report);
        next?.Report(report);
    }

    /// <summary>The record of <paramref name="run"/> so far.</summary>
    public RunRecord ToRecord(RunSpec run, double seconds, TrainingDivergedException? diverged = null) =>
        new(run, epochs.ToArray(), seconds, Divergence.Of(diverged));
}
