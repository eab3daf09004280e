using System.Diagnostics;

namespace NetTrainer.Data.Augmentation;

/// <summary>
/// Prepares the next epoch's distorted images on a thread-pool thread while the current epoch trains, so that
/// generation overlaps training (on the spare core) instead of adding to it. Asking for epoch e helps make what is
/// left of it (see <see cref="EpochWork"/>), then starts preparing e + 1. The first epoch has nothing to hide behind:
/// it is made on every core. Two pixel buffers take turns: epoch e + 1 is written into the buffer epoch e − 1 trained
/// on, which nothing reads any more. It uses at most <c>threads</c> cores in all, the trainer's included: with one, the
/// next epoch is made when it is asked for. Without <paramref name="prepareAhead"/> (training that splits its products
/// over every core, see <see cref="Training.RunImages.TrainingSplits"/>) each epoch is made when asked for, on every
/// core. Disposing it stops what is being prepared for an epoch that will not come (a run ended early by the η
/// schedule, a divergence or an error).
/// </summary>
public sealed class DistortionProducer(Distortions distortions, int epochs, int threads, CancellationToken cancellation = default,
    bool prepareAhead = true)
    : IDisposable
{
    private readonly CancellationTokenSource stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
    private readonly byte[][] buffers =
        [new byte[(long)distortions.Count * distortions.Shape.Pixels], new byte[(long)distortions.Count * distortions.Shape.Pixels]];
    private EpochWork? next;

    /// <summary>Time spent in <see cref="ForEpoch"/> making or waiting for images: the part of generation training did not hide.</summary>
    public TimeSpan Waited { get; private set; }

    /// <summary>
    /// The threads left to training: one core goes to preparing the next epoch while an epoch trains, the products
    /// and evaluations use the rest (all of them when the epochs are made when asked for: with a single thread, or
    /// without preparing ahead).
    /// </summary>
    public int TrainingThreads => threads - AheadHelpers;

    // Helpers preparing the next epoch while one trains: one core, none when the run has only one or makes each
    // epoch when asked for.
    private int AheadHelpers => prepareAhead ? Math.Min(1, threads - 1) : 0;

    /// <summary>Epoch <paramref name="epoch"/>'s distorted images (the same labels as the source), made now if need be; it starts preparing the next epoch, unless each is made when asked for.</summary>
    public Dataset ForEpoch(int epoch)
    {
        long started = Stopwatch.GetTimestamp();
        if (next is { } unwanted && unwanted.Epoch != epoch)
            unwanted.Finish(stop.Token); // asked out of order: let it finish before its buffer is written again
        EpochWork work = next?.Epoch == epoch ? next : Start(epoch, helpers: threads - 1);
        Dataset data = work.Finish(stop.Token);
        Waited += Stopwatch.GetElapsedTime(started);
        next = epoch < epochs && AheadHelpers > 0 ? Start(epoch + 1, helpers: AheadHelpers) : null;
        return data;
    }

    private EpochWork Start(int epoch, int helpers)
    {
        EpochWork work = distortions.Plan(epoch, buffers[epoch % 2]);
        for (int h = 0; h < helpers; h++)
            _ = Task.Run(() => work.Help(stop.Token), CancellationToken.None);
        return work;
    }

    /// <summary>Stops the helpers still making images; the producer gives no more epochs.</summary>
    public void Dispose()
    {
        stop.Cancel();
        stop.Dispose();
    }
}
