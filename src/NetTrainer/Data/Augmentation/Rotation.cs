// Glossary
//   θ   the angle, uniform in [−MaxDegrees, MaxDegrees]; positive turns the picture counter-clockwise as viewed
//       (rows grow downwards), about the image centre
using System.Globalization;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.CompilerServices;

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
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // optimised from the first image on (see Distortions)
    private static void Turn(Span<float> ys, Span<float> xs, ImageShape shape, double degrees)
    {
        double theta = degrees * Math.PI / 180, cos = Math.Cos(theta), sin = Math.Sin(theta);
        (double cy, double cx) = (shape.CentreRow, shape.CentreCol);
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            // Eight points per step, in doubles as below: the same operations in the same order, so the same floats.
            (var vcy, var vcx, var vcos, var vsin) = (Vector256.Create(cy), Vector256.Create(cx), Vector256.Create(cos), Vector256.Create(sin));
            ref float y = ref MemoryMarshal.GetReference(ys), x = ref MemoryMarshal.GetReference(xs);
            for (; i + Vector256<float>.Count <= ys.Length; i += Vector256<float>.Count)
            {
                (Vector256<double> y0, Vector256<double> y1) = Vector256.Widen(Vector256.LoadUnsafe(ref y, (nuint)i));
                (Vector256<double> x0, Vector256<double> x1) = Vector256.Widen(Vector256.LoadUnsafe(ref x, (nuint)i));
                (y0, y1, x0, x1) = (y0 - vcy, y1 - vcy, x0 - vcx, x1 - vcx);
                Vector256.Narrow(vcy + vcos * y0 + vsin * x0, vcy + vcos * y1 + vsin * x1).StoreUnsafe(ref y, (nuint)i);
                Vector256.Narrow(vcx - vsin * y0 + vcos * x0, vcx - vsin * y1 + vcos * x1).StoreUnsafe(ref x, (nuint)i);
            }
        }
        for (; i < ys.Length; i++)
        {
            double dy = ys[i] - cy, dx = xs[i] - cx;
            (ys[i], xs[i]) = ((float)(cy + cos * dy + sin * dx), (float)(cx - sin * dy + cos * dx));
        }
    }
}
