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

    /// <summary>Output pixel i = the source read at (ys[i], xs[i]).</summary>
    public static void Resample(ReadOnlySpan<byte> source, Span<byte> destination, ImageShape shape,
        ReadOnlySpan<float> ys, ReadOnlySpan<float> xs)
    {
        for (int i = 0; i < shape.Pixels; i++)
            destination[i] = Sample(source, shape, ys[i], xs[i]);
    }

    /// <summary>Output pixel i = the source read where one draw of <paramref name="map"/> sends pixel i's own point.</summary>
    public static void Resample(ReadOnlySpan<byte> source, Span<byte> destination, ImageShape shape, IImageTransform map, Random rng)
    {
        var ys = new float[shape.Pixels];
        var xs = new float[shape.Pixels];
        shape.Grid(ys, xs);
        map.Map(ys, xs, shape, rng);
        Resample(source, destination, shape, ys, xs);
    }

    private static float At(ReadOnlySpan<byte> image, ImageShape shape, int r, int c) =>
        (uint)r >= (uint)shape.Rows || (uint)c >= (uint)shape.Cols ? 0 : image[r * shape.Cols + c];
}
