using System.Numerics;

namespace NetTrainer.Training;

/// <summary>
/// Chapter 3's early stopping: remembers the best epoch by accuracy and, given a patience, says when that many
/// epochs have passed without a better one and keeps a copy of the best network to return to. Without a patience
/// it only records the best epoch.
/// </summary>
public sealed class EarlyStopping<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Network<T> network;
    private readonly int? patience;
    private readonly Network<T>? best;
    private int sinceBest;

    /// <summary>Watches <paramref name="network"/>; with a <paramref name="patience"/> of at least 1 epoch, keeps a copy of its best state.</summary>
    public EarlyStopping(Network<T> network, int? patience)
    {
        if (patience < 1)
            throw new ArgumentOutOfRangeException(nameof(patience), patience, "Early stopping needs a patience of at least 1 epoch.");
        this.network = network;
        this.patience = patience;
        best = patience is null ? null : network.ConvertTo<T>();
    }

    /// <summary>The epoch with the best accuracy so far; 0 before any.</summary>
    public int BestEpoch { get; private set; }

    /// <summary>The best accuracy so far, 0..1; −∞ before any epoch.</summary>
    public double BestAccuracy { get; private set; } = double.NegativeInfinity;

    /// <summary>True when a copy of the best network is kept (a patience was given).</summary>
    public bool KeepsBest => best is not null;

    /// <summary>Records the epoch's accuracy; true when training should stop (patience epochs without a better one).</summary>
    public bool ShouldStop(int epoch, double accuracy)
    {
        if (accuracy > BestAccuracy)
        {
            (BestAccuracy, BestEpoch, sinceBest) = (accuracy, epoch, 0);
            best?.CopyParametersFrom(network);
            return false;
        }
        return ++sinceBest >= patience;
    }

    /// <summary>A copy of the record, for a checkpoint.</summary>
    public EarlyStoppingState<T> Capture() => new(BestEpoch, BestAccuracy, sinceBest, best?.ConvertTo<T>());

    /// <summary>Takes up a checkpoint's record (the best network kept only when this one keeps it too).</summary>
    public void Restore(EarlyStoppingState<T> state)
    {
        (BestEpoch, BestAccuracy, sinceBest) = (state.BestEpoch, state.BestAccuracy, state.SinceBest);
        if (best is not null && state.Best is not null)
            best.CopyParametersFrom(state.Best);
    }

    /// <summary>Puts the best epoch's weights back into the network, when they are kept and an epoch has ended.</summary>
    public void RestoreBest()
    {
        if (best is not null && BestEpoch > 0)
            network.CopyParametersFrom(best);
    }
}
