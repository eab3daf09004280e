// Glossary
//   s   the scale factor, uniform in [1 − MaxChange, 1 + MaxChange]; s > 1 enlarges the digit about the centre
using System.Globalization;

namespace NetTrainer.Data.Augmentation;

/// <summary>A scaling about the image centre by a random factor, bilinear (spec <c>scale:F</c>, e.g. 0.15).</summary>
public sealed record Scaling(double MaxChange) : IImageTransform
{
    /// <inheritdoc/>
    public string Spec => $"scale:{MaxChange.ToString(CultureInfo.InvariantCulture)}";

    /// <inheritdoc/>
    public void Map(Span<float> ys, Span<float> xs, ImageShape shape, Random rng) =>
        Shrink(ys, xs, shape, factor: 1 + (2 * rng.NextDouble() - 1) * MaxChange);

    /// <summary>Scales the image by <paramref name="factor"/> about its centre.</summary>
    public static void Scale(ReadOnlySpan<byte> source, Span<byte> destination, ImageShape shape, double factor) =>
        BilinearSampler.Resample(source, destination, shape, (ys, xs) => Shrink(ys, xs, shape, factor));

    // The picture grows by s, so the sampling points move towards the centre by 1/s.
    private static void Shrink(Span<float> ys, Span<float> xs, ImageShape shape, double factor)
    {
        (double cy, double cx) = (shape.CentreRow, shape.CentreCol);
        for (int i = 0; i < ys.Length; i++)
            (ys[i], xs[i]) = ((float)(cy + (ys[i] - cy) / factor), (float)(cx + (xs[i] - cx) / factor));
    }
}
