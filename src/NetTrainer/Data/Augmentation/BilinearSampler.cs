// Glossary
//   (y, x)   a point in pixel coordinates of the source image: row y, column x; pixel centres are the integers
//   outside  the image is black (0) beyond its edges, as MNIST's background
namespace NetTrainer.Data.Augmentation;

/// <summary>
/// Reads a byte image at fractional points by bilinear interpolation of the four neighbours (Simard et al. 2003
/// use the same). At integer points the weights are exactly 1 and 0, so a map that sends every pixel onto a pixel
/// copies it unchanged.
/// </summary>
public static class BilinearSampler
{
    /// <summary>The image's value at row <paramref name="y"/>, column <paramref name="x"/> (pixel units, 0 beyond the edges), interpolated from the four neighbouring pixels and rounded to 0..255.</summary>
    public static byte Sample(ReadOnlySpan<byte> image, ImageShape shape, float y, float x)
    {
        float row0 = MathF.Floor(y), col0 = MathF.Floor(x);
        float fy = y - row0, fx = x - col0;
        int r = (int)row0, c = (int)col0;
        float value =
            (1 - fy) * ((1 - fx) * At(image, shape, r, c) + fx * At(image, shape, r, c + 1)) +
            fy * ((1 - fx) * At(image, shape, r + 1, c) + fx * At(image, shape, r + 1, c + 1));
        // Round to nearest: the weights sum to 1, so the value is in [0, 255] up to rounding.
        return (byte)Math.Clamp(MathF.Round(value), 0, byte.MaxValue);
    }

    /// <summary>
    /// Output pixel i = the source read at (ys[i], xs[i]); the same numbers as <see cref="Sample"/> pixel by pixel,
    /// without its bounds checks: the source is copied into a frame of zeros, one pixel wide above and left and two
    /// below and right, and points are clamped to [−1, Rows] x [−1, Cols], where every neighbour read is in the frame.
    /// </summary>
    public static void Resample(ReadOnlySpan<byte> source, Span<byte> destination, ImageShape shape,
        ReadOnlySpan<float> ys, ReadOnlySpan<float> xs)
    {
        int width = shape.Cols + 3, rows = shape.Rows;
        float[] framed = System.Buffers.ArrayPool<float>.Shared.Rent((rows + 3) * width);
        Array.Clear(framed, 0, (rows + 3) * width);
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < shape.Cols; c++)
                framed[(r + 1) * width + c + 1] = source[r * shape.Cols + c];
        for (int i = 0; i < shape.Pixels; i++)
        {
            // A point clamped to −1 or Rows reads only zeros of the frame, as the unclamped point would.
            float y = Math.Clamp(ys[i], -1f, rows), x = Math.Clamp(xs[i], -1f, shape.Cols);
            float row0 = MathF.Floor(y), col0 = MathF.Floor(x);
            float fy = y - row0, fx = x - col0;
            int at = ((int)row0 + 1) * width + (int)col0 + 1;
            float value = (1 - fy) * ((1 - fx) * framed[at] + fx * framed[at + 1]) +
                          fy * ((1 - fx) * framed[at + width] + fx * framed[at + width + 1]);
            destination[i] = (byte)Math.Clamp(MathF.Round(value), 0, byte.MaxValue);
        }
        System.Buffers.ArrayPool<float>.Shared.Return(framed);
    }

    /// <summary>Output pixel i = the source read where one draw of <paramref name="map"/> sends pixel i's own point.</summary>
    public static void Resample(ReadOnlySpan<byte> source, Span<byte> destination, ImageShape shape, IImageTransform map, Random rng) =>
        Resample(source, destination, shape, (ys, xs) => map.Map(ys, xs, shape, rng));

    /// <summary>Moves the sampling points (row and column of every output pixel) in place.</summary>
    public delegate void PointMove(Span<float> ys, Span<float> xs);

    /// <summary>Output pixel i = the source read where <paramref name="move"/> sends pixel i's own point.</summary>
    public static void Resample(ReadOnlySpan<byte> source, Span<byte> destination, ImageShape shape, PointMove move)
    {
        var ys = new float[shape.Pixels];
        var xs = new float[shape.Pixels];
        shape.Grid(ys, xs);
        move(ys, xs);
        Resample(source, destination, shape, ys, xs);
    }

    private static float At(ReadOnlySpan<byte> image, ImageShape shape, int r, int c) =>
        (uint)r >= (uint)shape.Rows || (uint)c >= (uint)shape.Cols ? 0 : image[r * shape.Cols + c];
}
