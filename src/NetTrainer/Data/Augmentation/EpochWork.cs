// Glossary
//   chunk    Distortions.ChunkSize consecutive images with a generator of their own (see Distortions), so any
//            thread may make any chunk, in any order, and the images come out the same
//   helper   a thread taking chunks until none is left; the thread that needs the images helps before it waits
using System.Runtime.ExceptionServices;

namespace NetTrainer.Data.Augmentation;

/// <summary>
/// One epoch's distorted images, made chunk by chunk by whichever threads help: a producer thread ahead of time,
/// and the trainer itself when it asks before they are done, so it never idles while work is left.
/// </summary>
public sealed class EpochWork
{
    private readonly int[] chunkSeeds;
    private readonly Action<int, int> distortChunk;
    private readonly Func<Dataset> result;
    private int taken, finished;
    private ExceptionDispatchInfo? failure;

    internal EpochWork(int epoch, int[] chunkSeeds, Action<int, int> distortChunk, Func<Dataset> result)
    {
        (Epoch, this.chunkSeeds, this.distortChunk, this.result) = (epoch, chunkSeeds, distortChunk, result);
    }

    /// <summary>The epoch (1-based) whose images these are.</summary>
    public int Epoch { get; }

    /// <summary>Takes chunks and makes them until none is left to take (others may still be making theirs).</summary>
    public void Help(CancellationToken cancellation = default)
    {
        int chunk;
        while ((chunk = Interlocked.Increment(ref taken) - 1) < chunkSeeds.Length)
        {
            try
            {
                cancellation.ThrowIfCancellationRequested();
                distortChunk(chunk, chunkSeeds[chunk]);
            }
            catch (Exception e)
            {
                // Kept for the thread that waits in Finish; the chunk counts as finished so that it does not wait forever.
                Interlocked.CompareExchange(ref failure, ExceptionDispatchInfo.Capture(e), null);
            }
            Interlocked.Increment(ref finished);
        }
    }

    /// <summary>The epoch's images: helps with the chunks nobody has taken, then waits for those in the making.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> was cancelled.</exception>
    public Dataset Finish(CancellationToken cancellation = default)
    {
        Help(cancellation);
        // Only chunks already in the making are left (a few milliseconds each): spin, then yield, then sleep, with no
        // wait handle to create and dispose every epoch.
        var wait = new SpinWait();
        while (Volatile.Read(ref finished) < chunkSeeds.Length)
        {
            cancellation.ThrowIfCancellationRequested();
            wait.SpinOnce(sleep1Threshold: 20);
        }
        failure?.Throw();
        return result();
    }
}
