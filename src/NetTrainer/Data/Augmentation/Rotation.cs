// Glossary
//   θ   the angle, uniform in [−MaxDegrees, MaxDegrees]; positive turns the picture counter-clockwise as viewed
//       (rows grow downwards), about the image centre
using System.Globalization;

namespace NetTrainer.Data.Augmentation;

/// <summary>A rotation about the image centre by a random angle, bilinear (spec <c>rotate:DEG</c>).</summary>
public sealed record Rotation(double MaxDegrees) : IImageTransform
{
    /// <inheritdoc/>
    public string Spec => $"rotate:{MaxDegrees.ToString(CultureInfo.InvariantCulture)}";

    /// <inheritdoc/>
    public void Map(Span<float> ys, Span<float> xs, ImageShape shape, Random rng) =>
        Turn(ys, xs, shape, degrees: (2 * rng.NextDouble() - 1) * MaxDegrees);

    /// <summary>Turns the image by <paramref name="degrees"/> counter-clockwise about its centre (for tests and figures).</summary>
    public static void Rotate(ReadOnlySpan<byte> source, Span<byte> destination, ImageShape shape, double degrees) =>
        BilinearSampler.Resample(source, destination, shape, (ys, xs) => Turn(ys, xs, shape, degrees));

    // Turning the picture by θ moves (dy, dx) from the centre to (cos dy − sin dx, sin dy + cos dx); a sampling
    // point turns the other way, by −θ. At θ = 90° this is numpy's rot90: destination[r, c] = source[c, n − 1 − r].
    private static void Turn(Span<float> ys, Span<float> xs, ImageShape shape, double degrees)
    {
        double theta = degrees * Math.PI / 180, cos = Math.Cos(theta), sin = Math.Sin(theta);
        (double cy, double cx) = (shape.CentreRow, shape.CentreCol);
        for (int i = 0; i < ys.Length; i++)
        {
            double dy = ys[i] - cy, dx = xs[i] - cx;
            (ys[i], xs[i]) = ((float)(cy + cos * dy + sin * dx), (float)(cx - sin * dy + cos * dx));
        }
    }
}
