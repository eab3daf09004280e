// Glossary
//   s   the scale factor, uniform in [1 − MaxChange, 1 + MaxChange]; s > 1 enlarges the digit about the centre
namespace NetTrainer.Data.Augmentation;

/// <summary>A scaling about the image centre by a random factor, bilinear (spec <c>scale:F</c>, e.g. 0.15).</summary>
public sealed record Scaling(double MaxChange) : IImageTransform
{
    public string Spec => $"scale:{MaxChange.ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    public void Apply(ReadOnlySpan<byte> source, Span<byte> destination, ImageShape shape, Random rng) =>
        Scale(source, destination, shape, factor: 1 + (2 * rng.NextDouble() - 1) * MaxChange);

    public static void Scale(ReadOnlySpan<byte> source, Span<byte> destination, ImageShape shape, double factor)
    {
        (double cy, double cx) = (shape.CentreRow, shape.CentreCol);
        BilinearSampler.Resample(source, destination, shape, (r, c) => (cy + (r - cy) / factor, cx + (c - cx) / factor));
    }
}
