using System.Diagnostics;
using NetTrainer.LinearAlgebra;

namespace NetTrainer.Data.Augmentation;

/// <summary>
/// Prepares the next epoch's distorted images on a thread-pool thread while the current epoch trains, so that
/// generation overlaps training (on the spare core) instead of adding to it. Asking for epoch e helps make what is
/// left of it (see <see cref="EpochWork"/>), then starts preparing e + 1. The first epoch has nothing to hide behind:
/// it is made on every core. Two pixel buffers take turns: epoch e + 1 is written into the buffer epoch e − 1 trained
/// on, which nothing reads any more.
/// </summary>
public sealed class DistortionProducer(Distortions distortions, int epochs, CancellationToken cancellation = default)
{
    private readonly byte[][] buffers =
        [new byte[(long)distortions.Count * distortions.Shape.Pixels], new byte[(long)distortions.Count * distortions.Shape.Pixels]];
    private EpochWork? next;

    /// <summary>Time spent in <see cref="ForEpoch"/> making or waiting for images: the part of generation training did not hide.</summary>
    public TimeSpan Waited { get; private set; }

    /// <summary>Epoch <paramref name="epoch"/>'s distorted images (the same labels as the source), made now if need be; it starts preparing the next epoch.</summary>
    public Dataset ForEpoch(int epoch)
    {
        long started = Stopwatch.GetTimestamp();
        if (next is { } unwanted && unwanted.Epoch != epoch)
            unwanted.Finish(cancellation); // asked out of order: let it finish before its buffer is written again
        EpochWork work = next?.Epoch == epoch ? next : Start(epoch, helpers: Parallelism.AllCores - 1);
        Dataset data = work.Finish(cancellation);
        Waited += Stopwatch.GetElapsedTime(started);
        next = epoch < epochs ? Start(epoch + 1, helpers: 1) : null;
        return data;
    }

    private EpochWork Start(int epoch, int helpers)
    {
        EpochWork work = distortions.Plan(epoch, buffers[epoch % 2]);
        for (int h = 0; h < helpers; h++)
            _ = Task.Run(() => work.Help(cancellation), CancellationToken.None);
        return work;
    }
}
