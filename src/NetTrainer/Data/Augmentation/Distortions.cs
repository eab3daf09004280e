// Glossary
//   chunk    ChunkSize consecutive images distorted with one generator; chunk k of epoch e uses the k-th number
//            drawn from Random(seed + e), so the images do not depend on which thread made which chunk, nor in
//            which order
//   tiering  the per-image methods are compiled optimised at once (AggressiveOptimization): the first epoch is made
//            before training can start, and .NET's first, quick compilation of vector code runs several times slower
//   map      the transforms composed: written "rotate:15,elastic:34,4", the picture is rotated, then distorted, so
//            a sampling point goes through the elastic map first, then the rotation's
using System.Runtime.CompilerServices;

namespace NetTrainer.Data.Augmentation;

/// <summary>
/// Fresh random distortions of every training image for each epoch (Simard et al. 2003): epoch e's images are a
/// function of the source, the transforms, the seed and e alone, so a seeded run is reproducible bit for bit.
/// </summary>
public sealed class Distortions
{
    /// <summary>Images per generator: small enough to share out, large enough that seeding costs nothing.</summary>
    public const int ChunkSize = 1000;

    private readonly Dataset source;
    private readonly IReadOnlyList<IImageTransform> transforms;
    private readonly int seed;
    private readonly ImageShape shape;
    private readonly byte[] labels;
    private readonly float[] gridYs, gridXs;

    /// <summary>Distorts the images of <paramref name="source"/> by <paramref name="transforms"/>, composed in the order written; <paramref name="seed"/> fixes every epoch's images.</summary>
    public Distortions(Dataset source, IReadOnlyList<IImageTransform> transforms, int seed)
    {
        if (transforms.Count == 0)
            throw new ArgumentException("At least one transform is needed.", nameof(transforms));
        shape = ImageShape.Of(source);
        this.source = source;
        this.transforms = transforms;
        this.seed = seed;
        labels = new byte[source.Count];
        for (int i = 0; i < labels.Length; i++)
            labels[i] = source.Label(i);
        (gridYs, gridXs) = (new float[shape.Pixels], new float[shape.Pixels]);
        shape.Grid(gridYs, gridXs);
    }

    /// <summary>Images per epoch: as many as the source.</summary>
    public int Count => source.Count;
    /// <summary>The source's image size.</summary>
    public ImageShape Shape => shape;

    /// <summary>Every source image distorted afresh for <paramref name="epoch"/> (1-based), labels unchanged.</summary>
    public Dataset ForEpoch(int epoch, CancellationToken cancellation = default) =>
        ForEpoch(epoch, new byte[(long)source.Count * shape.Pixels], cancellation);

    /// <summary>As <see cref="ForEpoch(int, CancellationToken)"/>, writing the pixels into <paramref name="pixels"/> (Count x Pixels bytes).</summary>
    public Dataset ForEpoch(int epoch, byte[] pixels, CancellationToken cancellation = default) =>
        Plan(epoch, pixels).Finish(cancellation);

    /// <summary>
    /// Epoch <paramref name="epoch"/>'s images as chunks any thread may take (see <see cref="EpochWork"/>), to be
    /// written into <paramref name="pixels"/> (Count x Pixels bytes).
    /// </summary>
    public EpochWork Plan(int epoch, byte[] pixels)
    {
        int n = source.Count, chunks = (n + ChunkSize - 1) / ChunkSize;
        if (pixels.Length != (long)n * shape.Pixels)
            throw new ArgumentException($"Expected {n} x {shape.Pixels} bytes, got {pixels.Length}.", nameof(pixels));
        var epochRng = new Random(unchecked(seed + epoch));
        int[] chunkSeeds = Enumerable.Range(0, chunks).Select(_ => epochRng.Next()).ToArray();
        return new EpochWork(epoch, chunkSeeds, (chunk, chunkSeed) => DistortChunk(chunk, chunkSeed, pixels),
            () => new Dataset(pixels, labels, shape.Rows, shape.Cols, source.ClassCount));
    }

    private const int StackPoints = 64 * 64;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // optimised from the first image on (see Distortions)
    private void DistortChunk(int chunk, int chunkSeed, byte[] pixels)
    {
        var rng = new Random(chunkSeed);
        // The sampling points, reused for every image of the chunk; on the stack for images up to 64 x 64.
        Span<float> ys = shape.Pixels <= StackPoints ? stackalloc float[shape.Pixels] : new float[shape.Pixels];
        Span<float> xs = shape.Pixels <= StackPoints ? stackalloc float[shape.Pixels] : new float[shape.Pixels];
        for (int i = chunk * ChunkSize; i < Math.Min(source.Count, (chunk + 1) * ChunkSize); i++)
            Distort(source.Image(i), pixels.AsSpan(i * shape.Pixels, shape.Pixels), rng, ys, xs);
    }

    // The transforms' inverse maps in reverse order, then one bilinear read: one interpolation, however many transforms.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // optimised from the first image on (see Distortions)
    private void Distort(ReadOnlySpan<byte> image, Span<byte> destination, Random rng, Span<float> ys, Span<float> xs)
    {
        gridYs.CopyTo(ys);
        gridXs.CopyTo(xs);
        for (int t = transforms.Count - 1; t >= 0; t--)
            transforms[t].Map(ys, xs, shape, rng);
        BilinearSampler.Resample(image, destination, shape, ys, xs);
    }
}
