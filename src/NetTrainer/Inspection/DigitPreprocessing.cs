// Glossary
//   ink         how strongly a pixel belongs to the digit, 0..255: MNIST draws a light digit on a dark field
//   background  the ink level of the image's border (its median), subtracted so that the field becomes 0
//   box         the digit's bounding box after cropping; fitted into Fit x Fit keeping its aspect ratio
//   centre      the centre of mass of the ink, (Σ x·ink / Σ ink, Σ y·ink / Σ ink) in pixel indices
// LeCun, Cortes and Burges describe MNIST's making: "the images were size normalized to fit in a 20x20 pixel box
// while preserving their aspect ratio [...] anti-aliasing [...] centered in a 28x28 image by computing the center
// of mass of the pixels, and translating the image so as to position this point at the center of the 28x28 field."
namespace NetTrainer.Inspection;

/// <summary>Turns a greyscale image of a digit into a 28x28 image prepared as MNIST's were.</summary>
public static class DigitPreprocessing
{
    /// <summary>MNIST's side: 28 pixels.</summary>
    public const int Side = 28;

    /// <summary>The box the digit is fitted into: 20x20, leaving a 4-pixel margin on each side as MNIST.</summary>
    public const int Fit = 20;

    /// <summary>Least ink contrast (of 255) that counts as a digit; below it the image is blank (or a flat photo).</summary>
    public const int MinContrast = 32;

    /// <summary>Pixels with less than this share of the strongest ink are left out of the crop (paper grain, JPEG noise).</summary>
    public const double CropThreshold = 0.15;

    /// <summary>
    /// The 28x28 image (row-major bytes, 0 = background, 255 = full ink) of the digit in <paramref name="grey"/>
    /// (<paramref name="width"/> x <paramref name="height"/>, row-major, 0 = black). A dark digit on a light page is
    /// inverted, found by the border: the page is whatever colour most of the border has.
    /// </summary>
    public static byte[] ToMnist(ReadOnlySpan<byte> grey, int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        if (grey.Length != width * height)
            throw new ArgumentException($"{grey.Length} pixels do not make a {width}x{height} image.", nameof(grey));
        double[] ink = Ink(grey, width, height);
        (int left, int top, int right, int bottom) = Crop(ink, width, height);
        int boxW = right - left + 1, boxH = bottom - top + 1;
        // The longer side becomes Fit pixels; the shorter keeps the ratio (at least 1 pixel, for a "1" drawn as a line).
        double scale = (double)Fit / Math.Max(boxW, boxH);
        int fitW = Math.Max(1, (int)Math.Round(boxW * scale)), fitH = Math.Max(1, (int)Math.Round(boxH * scale));
        double[] cropped = new double[boxW * boxH];
        for (int y = 0; y < boxH; y++)
            for (int x = 0; x < boxW; x++)
                cropped[y * boxW + x] = ink[(top + y) * width + left + x];
        double[] fitted = AreaResample(cropped, boxW, boxH, fitW, fitH);
        return Centre(fitted, fitW, fitH);
    }

    /// <summary>The centre of mass of an image's values, (x, y) in pixel indices.</summary>
    public static (double X, double Y) CentreOfMass(ReadOnlySpan<byte> image, int width)
    {
        double sum = 0, sx = 0, sy = 0;
        for (int i = 0; i < image.Length; i++)
        {
            sum += image[i];
            sx += image[i] * (i % width);
            sy += image[i] * (i / width);
        }
        return sum == 0 ? (double.NaN, double.NaN) : (sx / sum, sy / sum);
    }

    // Ink 0..255: inverted when the border is light, the border's median subtracted, stretched to a full 255.
    private static double[] Ink(ReadOnlySpan<byte> grey, int width, int height)
    {
        var border = new List<byte>();
        for (int x = 0; x < width; x++)
        {
            border.Add(grey[x]);
            border.Add(grey[(height - 1) * width + x]);
        }
        for (int y = 0; y < height; y++)
        {
            border.Add(grey[y * width]);
            border.Add(grey[y * width + width - 1]);
        }
        border.Sort();
        int page = border[border.Count / 2];
        bool invert = page > byte.MaxValue / 2;
        double background = invert ? byte.MaxValue - page : page;
        var ink = new double[grey.Length];
        double strongest = 0;
        for (int i = 0; i < grey.Length; i++)
        {
            double level = invert ? byte.MaxValue - grey[i] : grey[i];
            ink[i] = Math.Max(0, level - background);
            strongest = Math.Max(strongest, ink[i]);
        }
        if (strongest < MinContrast)
            throw new InvalidDataException(
                $"the image is blank: its strongest ink differs from the page by {strongest:F0} of 255 (at least {MinContrast} needed to find a digit).");
        for (int i = 0; i < ink.Length; i++)
            ink[i] *= byte.MaxValue / strongest;
        return ink;
    }

    // The smallest box holding every pixel with at least CropThreshold of the strongest ink.
    private static (int Left, int Top, int Right, int Bottom) Crop(double[] ink, int width, int height)
    {
        double threshold = CropThreshold * byte.MaxValue;
        int left = width, top = height, right = -1, bottom = -1;
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
                if (ink[y * width + x] >= threshold)
                {
                    left = Math.Min(left, x);
                    right = Math.Max(right, x);
                    top = Math.Min(top, y);
                    bottom = Math.Max(bottom, y);
                }
        for (int i = 0; i < ink.Length; i++)
            if (ink[i] < threshold)
                ink[i] = 0; // the grain outside the digit would pull the centre of mass
        return (left, top, right, bottom);
    }

    /// <summary>
    /// Resizes by area averaging (each target pixel the mean of the source area it covers, fractions weighted): the
    /// anti-aliasing MNIST's normalisation used, exact for shrinking by any factor.
    /// </summary>
    public static double[] AreaResample(double[] source, int width, int height, int newWidth, int newHeight)
    {
        double[] rows = new double[newWidth * height];
        for (int y = 0; y < height; y++)
            Resample1D(source.AsSpan(y * width, width), 1, rows.AsSpan(y * newWidth, newWidth), 1, width, newWidth);
        double[] result = new double[newWidth * newHeight];
        for (int x = 0; x < newWidth; x++)
            Resample1D(rows.AsSpan(x), newWidth, result.AsSpan(x), newWidth, height, newHeight);
        return result;
    }

    // Target i covers source [i r, (i + 1) r), r = n / newN; each source pixel k weighs its overlap with it.
    private static void Resample1D(ReadOnlySpan<double> source, int sourceStride, Span<double> target, int targetStride, int n, int newN)
    {
        double r = (double)n / newN;
        for (int i = 0; i < newN; i++)
        {
            double from = i * r, to = (i + 1) * r, sum = 0;
            for (int k = (int)Math.Floor(from); k < Math.Min(n, (int)Math.Ceiling(to)); k++)
                sum += source[k * sourceStride] * (Math.Min(to, k + 1) - Math.Max(from, k));
            target[i * targetStride] = sum / r;
        }
    }

    // Places the fitted digit in the 28x28 field with its centre of mass on the field's centre (13.5, 13.5), by a
    // whole-pixel shift as MNIST; ink pushed past the edge (a digit heavy on one side) is cut off.
    private static byte[] Centre(double[] fitted, int width, int height)
    {
        double sum = 0, sx = 0, sy = 0;
        for (int i = 0; i < fitted.Length; i++)
        {
            sum += fitted[i];
            sx += fitted[i] * (i % width);
            sy += fitted[i] * (i / width);
        }
        const double middle = (Side - 1) / 2.0;
        int dx = (int)Math.Round(middle - sx / sum), dy = (int)Math.Round(middle - sy / sum);
        var field = new byte[Side * Side];
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
            {
                int fx = x + dx, fy = y + dy;
                if (fx is >= 0 and < Side && fy is >= 0 and < Side)
                    field[fy * Side + fx] = (byte)Math.Clamp(Math.Round(fitted[y * width + x]), 0, byte.MaxValue);
            }
        return field;
    }
}
