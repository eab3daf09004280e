using System.Diagnostics;

namespace NetTrainer.Data.Augmentation;

/// <summary>
/// Prepares the next epoch's distorted images on a thread-pool thread while the current epoch trains, so that
/// generation overlaps training (on the spare core) instead of adding to it. Asking for epoch e waits for it if it
/// is not ready and starts preparing e + 1. Two pixel buffers take turns: epoch e + 1 is written into the buffer
/// epoch e − 1 trained on, which nothing reads any more.
/// </summary>
public sealed class DistortionProducer(Distortions distortions, int epochs, CancellationToken cancellation = default)
{
    private readonly byte[][] buffers =
        [new byte[(long)distortions.Count * distortions.Shape.Pixels], new byte[(long)distortions.Count * distortions.Shape.Pixels]];
    private Task<Dataset>? next;
    private int nextEpoch;

    /// <summary>Time spent waiting for images that were not ready: the part of generation training did not hide.</summary>
    public TimeSpan Waited { get; private set; }

    /// <summary>Epoch <paramref name="epoch"/>'s distorted images (the same labels as the source), waiting for them if need be; it starts preparing the next epoch.</summary>
    public Dataset ForEpoch(int epoch)
    {
        Task<Dataset> ready = next is not null && nextEpoch == epoch ? next : Start(epoch);
        long started = Stopwatch.GetTimestamp();
        Dataset data = ready.GetAwaiter().GetResult();
        Waited += Stopwatch.GetElapsedTime(started);
        (next, nextEpoch) = epoch < epochs ? (Start(epoch + 1), epoch + 1) : (null, 0);
        return data;
    }

    private Task<Dataset> Start(int epoch)
    {
        byte[] buffer = buffers[epoch % 2];
        return Task.Run(() => distortions.ForEpoch(epoch, buffer, cancellation), cancellation);
    }
}
