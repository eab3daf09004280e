// Glossary
//   Δy, Δx   displacement fields, one number per pixel: uniform in [−1, 1], smoothed by a Gaussian of standard deviation
//            σ (pixels), then multiplied by α (Simard, Steinkraus and Platt 2003, "Best practices for convolutional
//            neural networks applied to visual document analysis", section 2; they used σ = 4, α = 34)
//   R        the kernel radius ⌈3σ⌉: the Gaussian's tails beyond 3σ hold under 0.3% of its mass; renormalised to sum 1
//   V        floats per SIMD vector (Vector<float>.Count: 8 with AVX2)
//   padded   a field laid out (Rows + 2R) x W with W = Cols rounded up to V, plus R zero columns either side for the
//            row pass: the zeros are the field's value beyond the image (as scipy's gaussian_filter, mode='constant')
using System.Buffers;
using System.Globalization;
using System.Numerics;

namespace NetTrainer.Data.Augmentation;

/// <summary>
/// Simard's elastic distortion (spec <c>elastic:ALPHA,SIGMA</c>): output pixel (r, c) reads the source at
/// (r + Δy, c + Δx), bilinear. Small σ makes the field nearly random (the digit looks torn), large σ nearly a
/// shift. Composed after other transforms, the field is indexed by the output pixel.
/// </summary>
public sealed class ElasticDistortion : IImageTransform
{
    private readonly float[] kernel;

    /// <summary>A distortion with scale α = <paramref name="alpha"/> and smoothing σ = <paramref name="sigma"/> &gt; 0, both in pixels (Simard: α = 34, σ = 4).</summary>
    public ElasticDistortion(double alpha, double sigma)
    {
        if (!(sigma > 0))
            throw new ArgumentOutOfRangeException(nameof(sigma), sigma, "The Gaussian's width must be positive.");
        (Alpha, Sigma) = (alpha, sigma);
        kernel = GaussianKernel(sigma);
    }

    /// <summary>α, the displacement scale in pixels.</summary>
    public double Alpha { get; }
    /// <summary>σ, the standard deviation of the Gaussian smoothing, in pixels.</summary>
    public double Sigma { get; }
    /// <inheritdoc/>
    public string Spec => string.Create(CultureInfo.InvariantCulture, $"elastic:{Alpha},{Sigma}");

    /// <inheritdoc/>
    public void Map(Span<float> ys, Span<float> xs, ImageShape shape, Random rng)
    {
        float[] dy = ArrayPool<float>.Shared.Rent(shape.Pixels), dx = ArrayPool<float>.Shared.Rent(shape.Pixels);
        SmoothedField(dy, shape, rng);
        SmoothedField(dx, shape, rng);
        Displace(ys, xs, dy, dx);
        ArrayPool<float>.Shared.Return(dy);
        ArrayPool<float>.Shared.Return(dx);
    }

    /// <summary>Moves every sampling point by the given (already scaled) fields: (y, x) → (y + Δy, x + Δx).</summary>
    public static void Displace(Span<float> ys, Span<float> xs, ReadOnlySpan<float> dy, ReadOnlySpan<float> dx)
    {
        for (int i = 0; i < ys.Length; i++)
            (ys[i], xs[i]) = (ys[i] + dy[i], xs[i] + dx[i]);
    }

    // Uniform noise in [−1, 1] per pixel, blurred by the separable Gaussian (along rows, then along columns), times α.
    // The noise takes 256 levels (a random byte b as b/127.5 − 1): the blur averages about (2√π σ)² ≈ 200 of them, so
    // the steps of 0.008 vanish. The bytes come from SplitMix64 seeded by one draw of rng: a seeded System.Random is
    // the legacy subtractive generator, one call per byte, which cost more than the blur itself.
    private void SmoothedField(float[] field, ImageShape shape, Random rng)
    {
        int radius = kernel.Length / 2, v = Vector<float>.Count;
        int width = (shape.Cols + v - 1) / v * v, rowPass = width + 2 * radius;
        byte[] bytes = ArrayPool<byte>.Shared.Rent(shape.Pixels);
        float[] noise = ArrayPool<float>.Shared.Rent(rowPass);
        float[] alongRows = ArrayPool<float>.Shared.Rent((shape.Rows + 2 * radius) * width);
        SplitMix64(bytes.AsSpan(0, shape.Pixels), unchecked((ulong)rng.NextInt64(long.MinValue, long.MaxValue)));
        Array.Clear(noise, 0, rowPass);
        Array.Clear(alongRows, 0, (shape.Rows + 2 * radius) * width);

        for (int r = 0; r < shape.Rows; r++)
        {
            for (int c = 0; c < shape.Cols; c++)
                noise[radius + c] = bytes[r * shape.Cols + c] / 127.5f - 1;
            // noise[c0 + k] is column c0 + k − R: the kernel centred on column c0 (and the next V − 1).
            for (int c0 = 0; c0 < width; c0 += v)
                Convolve(noise, c0, 1).CopyTo(alongRows.AsSpan((r + radius) * width + c0, v));
        }
        Span<float> column = stackalloc float[v];
        var alpha = new Vector<float>((float)Alpha);
        for (int r = 0; r < shape.Rows; r++)
            for (int c0 = 0; c0 < width; c0 += v)
            {
                // alongRows row r + k is image row r + k − R (rows beyond the image are the zero padding).
                (alpha * Convolve(alongRows, r * width + c0, width)).CopyTo(column);
                int count = Math.Min(v, shape.Cols - c0); // the columns past Cols were padding
                column[..count].CopyTo(field.AsSpan(r * shape.Cols + c0, count));
            }
        ArrayPool<byte>.Shared.Return(bytes);
        ArrayPool<float>.Shared.Return(noise);
        ArrayPool<float>.Shared.Return(alongRows);
    }

    // Σ_k kernel[k] · values[start + k·stride], V lanes at once; the kernel is symmetric, so the taps pair up about
    // the centre and each pair costs one multiply.
    private Vector<float> Convolve(float[] values, int start, int stride)
    {
        int radius = kernel.Length / 2;
        Vector<float> sum = new Vector<float>(kernel[radius]) * new Vector<float>(values, start + radius * stride);
        for (int k = 0; k < radius; k++)
            sum += new Vector<float>(kernel[k]) *
                   (new Vector<float>(values, start + k * stride) + new Vector<float>(values, start + (2 * radius - k) * stride));
        return sum;
    }

    // Steele, Lea and Flood 2014 (java.util.SplittableRandom): 8 well-mixed bytes per step of a 64-bit counter.
    private static void SplitMix64(Span<byte> bytes, ulong state)
    {
        Span<byte> word = stackalloc byte[sizeof(ulong)];
        for (int i = 0; i < bytes.Length; i += sizeof(ulong))
        {
            ulong z = state += 0x9E3779B97F4A7C15;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
            System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(word, z ^ (z >> 31));
            word[..Math.Min(sizeof(ulong), bytes.Length - i)].CopyTo(bytes[i..]);
        }
    }

    private static float[] GaussianKernel(double sigma)
    {
        int radius = (int)Math.Ceiling(3 * sigma);
        double[] weights = Enumerable.Range(-radius, 2 * radius + 1).Select(k => Math.Exp(-k * k / (2 * sigma * sigma))).ToArray();
        double total = weights.Sum();
        return weights.Select(w => (float)(w / total)).ToArray();
    }
}
