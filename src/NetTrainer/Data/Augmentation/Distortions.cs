// Glossary
//   chunk    ChunkSize consecutive images distorted with one generator; chunk k of epoch e uses the k-th number
//            drawn from Random(seed + e), so the result does not depend on which thread made which chunk
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
    }

    public IReadOnlyList<IImageTransform> Transforms => transforms;

    /// <summary>Every source image distorted afresh for <paramref name="epoch"/> (1-based), labels unchanged.</summary>
    public Dataset ForEpoch(int epoch, CancellationToken cancellation = default)
    {
        int n = source.Count, chunks = (n + ChunkSize - 1) / ChunkSize;
        var epochRng = new Random(unchecked(seed + epoch));
        int[] chunkSeeds = Enumerable.Range(0, chunks).Select(_ => epochRng.Next()).ToArray();
        var pixels = new byte[(long)n * shape.Pixels];
        var a = new byte[shape.Pixels];
        var b = new byte[shape.Pixels];
        for (int chunk = 0; chunk < chunks; chunk++)
        {
            cancellation.ThrowIfCancellationRequested();
            var rng = new Random(chunkSeeds[chunk]);
            for (int i = chunk * ChunkSize; i < Math.Min(n, (chunk + 1) * ChunkSize); i++)
                Distort(source.Image(i), pixels.AsSpan(i * shape.Pixels, shape.Pixels), rng, a, b);
        }
        return new Dataset(pixels, labels, shape.Rows, shape.Cols, source.ClassCount);
    }

    /// <summary>One image through every transform in turn, each reading the previous one's output.</summary>
    public void Distort(ReadOnlySpan<byte> image, Span<byte> destination, Random rng, byte[] a, byte[] b)
    {
        image.CopyTo(a);
        foreach (IImageTransform transform in transforms)
        {
            transform.Apply(a, b, shape, rng);
            (a, b) = (b, a);
        }
        a.AsSpan(0, shape.Pixels).CopyTo(destination);
    }
}
