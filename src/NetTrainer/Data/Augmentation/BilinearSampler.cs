// Glossary
//   (y, x)   a point in pixel coordinates of the source image: row y, column x; pixel centres are the integers
//   outside  the image is black (0) beyond its edges, as MNIST's background
namespace NetTrainer.Data.Augmentation;

/// <summary>
/// Reads a byte image at a fractional point by bilinear interpolation of its four neighbours (Simard et al. 2003
/// use the same). At integer points the weights are exactly 1 and 0, so a transform that maps every pixel onto a
/// pixel copies it unchanged.
/// </summary>
public static class BilinearSampler
{
    public static byte Sample(ReadOnlySpan<byte> image, ImageShape shape, double y, double x)
    {
        double row0 = Math.Floor(y), col0 = Math.Floor(x);
        double fy = y - row0, fx = x - col0;
        int r = (int)row0, c = (int)col0;
        double value =
            (1 - fy) * ((1 - fx) * At(image, shape, r, c) + fx * At(image, shape, r, c + 1)) +
            fy * ((1 - fx) * At(image, shape, r + 1, c) + fx * At(image, shape, r + 1, c + 1));
        // Round to nearest: the weights sum to 1, so value is in [0, 255] up to rounding.
        return (byte)Math.Clamp(Math.Round(value), 0, byte.MaxValue);
    }

    private static double At(ReadOnlySpan<byte> image, ImageShape shape, int r, int c) =>
        r < 0 || c < 0 || r >= shape.Rows || c >= shape.Cols ? 0 : image[r * shape.Cols + c];

    /// <summary>
    /// Fills <paramref name="destination"/> by reading <paramref name="source"/> at the point
    /// <paramref name="inverse"/> maps each destination pixel to (the inverse map, so that no pixel is left empty).
    /// </summary>
    public static void Resample(ReadOnlySpan<byte> source, Span<byte> destination, ImageShape shape,
        Func<int, int, (double Y, double X)> inverse)
    {
        for (int r = 0; r < shape.Rows; r++)
            for (int c = 0; c < shape.Cols; c++)
            {
                (double y, double x) = inverse(r, c);
                destination[r * shape.Cols + c] = Sample(source, shape, y, x);
            }
    }
}
