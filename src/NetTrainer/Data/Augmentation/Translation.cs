// Glossary
//   (dy, dx)  whole-pixel offsets, each uniform in {−MaxPixels, ..., MaxPixels}; the vacated rows and columns are 0
namespace NetTrainer.Data.Augmentation;

/// <summary>
/// A shift by a random whole number of pixels along each axis (spec <c>shift:PX</c>). Whole pixels, so no
/// interpolation blurs the image: alone, every pixel moves exactly.
/// </summary>
public sealed record Translation(int MaxPixels) : IImageTransform
{
    /// <inheritdoc/>
    public string Spec => $"shift:{MaxPixels}";

    /// <inheritdoc/>
    public void Map(Span<float> ys, Span<float> xs, ImageShape shape, Random rng)
    {
        int dy = rng.Next(-MaxPixels, MaxPixels + 1), dx = rng.Next(-MaxPixels, MaxPixels + 1);
        for (int i = 0; i < ys.Length; i++)
            (ys[i], xs[i]) = (ys[i] - dy, xs[i] - dx);
    }

    /// <summary>Moves every pixel <paramref name="dy"/> rows down and <paramref name="dx"/> columns right (Nielsen's expand_mnist).</summary>
    public static void Shift(ReadOnlySpan<byte> source, Span<byte> destination, ImageShape shape, int dy, int dx)
    {
        destination[..shape.Pixels].Clear();
        for (int r = Math.Max(0, dy); r < Math.Min(shape.Rows, shape.Rows + dy); r++)
        {
            int from = Math.Max(0, -dx), to = Math.Min(shape.Cols, shape.Cols - dx); // source columns that land inside
            if (to > from)
                source.Slice((r - dy) * shape.Cols + from, to - from).CopyTo(destination[(r * shape.Cols + from + dx)..]);
        }
    }
}
