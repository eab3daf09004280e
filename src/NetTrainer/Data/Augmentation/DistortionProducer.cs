namespace NetTrainer.Data.Augmentation;

/// <summary>
/// Prepares the next epoch's distorted images on a thread-pool thread while the current epoch trains, so that
/// generation overlaps training (on the spare core) instead of adding to it. Asking for epoch e waits for it if it
/// is not ready yet and starts preparing e + 1.
/// </summary>
public sealed class DistortionProducer(Distortions distortions, int epochs, CancellationToken cancellation = default)
{
    private Task<Dataset>? next;
    private int nextEpoch;

    /// <summary>Total time spent waiting for images that were not ready (the part of generation that did not overlap).</summary>
    public TimeSpan Waited { get; private set; }

    public Dataset ForEpoch(int epoch)
    {
        Task<Dataset> ready = next is not null && nextEpoch == epoch ? next : Start(epoch);
        long started = System.Diagnostics.Stopwatch.GetTimestamp();
        Dataset data = ready.GetAwaiter().GetResult();
        Waited += System.Diagnostics.Stopwatch.GetElapsedTime(started);
        (next, nextEpoch) = epoch < epochs ? (Start(epoch + 1), epoch + 1) : (null, 0);
        return data;
    }

    private Task<Dataset> Start(int epoch) => Task.Run(() => distortions.ForEpoch(epoch, cancellation), cancellation);
}
