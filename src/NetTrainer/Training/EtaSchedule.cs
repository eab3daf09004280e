namespace NetTrainer.Training;

/// <summary>What the learning-rate schedule decides after an epoch.</summary>
public enum EtaChange
{
    /// <summary>Keep η: the accuracy improved, or the patience has not run out.</summary>
    Keep,
    /// <summary>Halve η: no better accuracy for the patience given.</summary>
    Halve,

    /// <summary>η has been halved <see cref="EtaSchedule.MaxHalvings"/> times: training stops.</summary>
    Stop,
}

/// <summary>
/// Chapter 3's learning-rate schedule: halve η after a patience of epochs without a better accuracy, and stop
/// when η would reach η₀/128. It keeps its own count, which restarts after each halving (the book's exercise).
/// </summary>
public sealed class EtaSchedule
{
    /// <summary>The schedule stops when η has been halved this often, η₀/2⁷ = η₀/128 (the book's rule); η₀/128 is not trained with.</summary>
    public const int MaxHalvings = 7;

    private readonly int patience;
    private double bestAccuracy = double.NegativeInfinity;
    private int sinceBest;

    /// <summary>A schedule that halves η after <paramref name="patience"/> (at least 1) epochs without a better accuracy.</summary>
    public EtaSchedule(int patience)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(patience, 1);
        this.patience = patience;
    }

    /// <summary>How often η has been halved.</summary>
    public int Halvings { get; private set; }

    /// <summary>The schedule's state, for a checkpoint.</summary>
    public EtaScheduleState Capture() => new(bestAccuracy, sinceBest, Halvings);

    /// <summary>Continues from a state that <see cref="Capture"/> saved.</summary>
    public void Restore(EtaScheduleState state) => (bestAccuracy, sinceBest, Halvings) = (state.BestAccuracy, state.SinceBest, state.Halvings);

    /// <summary>Records the epoch's accuracy and says whether η stays, halves, or training stops.</summary>
    public EtaChange Observe(double accuracy)
    {
        if (accuracy > bestAccuracy)
        {
            (bestAccuracy, sinceBest) = (accuracy, 0);
            return EtaChange.Keep;
        }
        if (++sinceBest < patience)
            return EtaChange.Keep;
        sinceBest = 0;
        // Halvings are counted, not compared: η₀/128 in float need not equal the float of η₀ halved 7 times.
        return ++Halvings == MaxHalvings ? EtaChange.Stop : EtaChange.Halve;
    }
}
