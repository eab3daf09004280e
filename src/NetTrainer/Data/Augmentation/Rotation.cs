// Glossary
//   θ        the angle, uniform in [−MaxDegrees, MaxDegrees], counter-clockwise as the image is viewed (rows down)
//   inverse  each destination pixel reads the source at the destination point turned back by θ about the centre
namespace NetTrainer.Data.Augmentation;

/// <summary>A rotation about the image centre by a random angle, bilinear (spec <c>rotate:DEG</c>).</summary>
public sealed record Rotation(double MaxDegrees) : IImageTransform
{
    public string Spec => $"rotate:{MaxDegrees.ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    public void Apply(ReadOnlySpan<byte> source, Span<byte> destination, ImageShape shape, Random rng) =>
        Rotate(source, destination, shape, degrees: (2 * rng.NextDouble() - 1) * MaxDegrees);

    /// <summary>Turns the image by <paramref name="degrees"/> counter-clockwise about its centre.</summary>
    public static void Rotate(ReadOnlySpan<byte> source, Span<byte> destination, ImageShape shape, double degrees)
    {
        double theta = degrees * Math.PI / 180, cos = Math.Cos(theta), sin = Math.Sin(theta);
        (double cy, double cx) = (shape.CentreRow, shape.CentreCol);
        // Rows grow downwards, so turning the picture counter-clockwise by θ moves (dy, dx) to
        // (cos dy − sin dx, sin dy + cos dx); each destination pixel reads the source at the inverse (turned by −θ).
        // At θ = 90° this is numpy's rot90: destination[r, c] = source[c, n − 1 − r].
        BilinearSampler.Resample(source, destination, shape, (r, c) =>
        {
            double dy = r - cy, dx = c - cx;
            return (cy + cos * dy + sin * dx, cx - sin * dy + cos * dx);
        });
    }
}
