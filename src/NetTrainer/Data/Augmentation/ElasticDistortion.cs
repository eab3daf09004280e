// Glossary
//   Δy, Δx   displacement fields, one number per pixel: uniform in [−1, 1], smoothed by a Gaussian of standard deviation
//            σ (pixels), then multiplied by α (Simard, Steinkraus and Platt 2003, "Best practices for convolutional
//            neural networks applied to visual document analysis", section 2; they used σ = 4, α = 34)
//   noise    one random byte b per pixel, read as b/127.5 − 1: uniform in [−1, 1] on 256 levels
//   (see GaussianBlur for the blur's own names: R, k, V)
using System.Globalization;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace NetTrainer.Data.Augmentation;

/// <summary>
/// Simard's elastic distortion (spec <c>elastic:ALPHA,SIGMA</c>): output pixel (r, c) reads the source at
/// (r + Δy, c + Δx), bilinear. Small σ makes the field nearly random (the digit looks torn), large σ nearly a
/// shift. Composed after other transforms, the field is indexed by the output pixel.
/// </summary>
public sealed class ElasticDistortion : IImageTransform
{
    // Scratch up to this many floats per field lives on the stack; larger images take arrays.
    private const int StackFloats = 2048;
    private readonly GaussianBlur blur;

    /// <summary>A distortion with scale α = <paramref name="alpha"/> and smoothing σ = <paramref name="sigma"/> &gt; 0, both in pixels (Simard: α = 34, σ = 4).</summary>
    public ElasticDistortion(double alpha, double sigma)
    {
        if (!(sigma > 0))
            throw new ArgumentOutOfRangeException(nameof(sigma), sigma, "The Gaussian's width must be positive.");
        (Alpha, Sigma) = (alpha, sigma);
        blur = new GaussianBlur(sigma);
    }

    /// <summary>α, the displacement scale in pixels.</summary>
    public double Alpha { get; }
    /// <summary>σ, the standard deviation of the Gaussian smoothing, in pixels.</summary>
    public double Sigma { get; }
    /// <inheritdoc/>
    public string Spec => string.Create(CultureInfo.InvariantCulture, $"elastic:{Alpha},{Sigma}");

    /// <inheritdoc/>
    [SkipLocalsInit]
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // optimised from the first image on (see Distortions)
    public void Map(Span<float> ys, Span<float> xs, ImageShape shape, Random rng)
    {
        int n = shape.Pixels;
        Span<float> dy = n <= StackFloats ? stackalloc float[n] : new float[n];
        Span<float> dx = n <= StackFloats ? stackalloc float[n] : new float[n];
        SmoothedField(dy, shape, rng);
        SmoothedField(dx, shape, rng);
        Displace(ys, xs, dy, dx);
    }

    /// <summary>Moves every sampling point by the given (already scaled) fields: (y, x) → (y + Δy, x + Δx).</summary>
    public static void Displace(Span<float> ys, Span<float> xs, ReadOnlySpan<float> dy, ReadOnlySpan<float> dx)
    {
        TensorPrimitives.Add(ys, dy, ys);
        TensorPrimitives.Add(xs, dx, xs);
    }

    // Uniform noise in [−1, 1] per pixel, blurred by the Gaussian, times α. The noise takes 256 levels: the blur
    // averages about (2√π σ)² ≈ 200 of them, so the steps of 0.008 vanish. The bytes come from SplitMix64 seeded by one
    // draw of rng: a seeded System.Random is the legacy subtractive generator, one call per byte, which cost more
    // than the blur itself.
    [SkipLocalsInit]
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // optimised from the first image on (see Distortions)
    private void SmoothedField(Span<float> field, ImageShape shape, Random rng)
    {
        int n = shape.Pixels, words = (n + sizeof(ulong) - 1) / sizeof(ulong);
        Span<byte> bytes = words * sizeof(ulong) <= 4 * StackFloats ? stackalloc byte[words * sizeof(ulong)] : new byte[words * sizeof(ulong)];
        Span<float> noise = n <= StackFloats ? stackalloc float[n] : new float[n];
        SplitMix64(bytes, unchecked((ulong)rng.NextInt64(long.MinValue, long.MaxValue)));
        ToLevels(bytes[..n], noise);
        blur.Blur(noise, field, shape, (float)Alpha);
    }

    // noise[i] = bytes[i] / 127.5 − 1, sixteen bytes per step (the same division, so the same floats as one at a time).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // optimised from the first image on (see Distortions)
    private static void ToLevels(ReadOnlySpan<byte> bytes, Span<float> noise)
    {
        int i = 0;
        ref byte from = ref MemoryMarshal.GetReference(bytes);
        ref float to = ref MemoryMarshal.GetReference(noise);
        var half = Vector256.Create(127.5f);
        for (; i + Vector128<byte>.Count <= bytes.Length; i += Vector128<byte>.Count)
        {
            (Vector128<ushort> low, Vector128<ushort> high) = Vector128.Widen(Vector128.LoadUnsafe(ref from, (nuint)i));
            (Vector256<uint> first, Vector256<uint> second) = Vector256.Widen(Vector256.Create(low, high));
            (Vector256.ConvertToSingle(first.AsInt32()) / half - Vector256<float>.One).StoreUnsafe(ref to, (nuint)i);
            (Vector256.ConvertToSingle(second.AsInt32()) / half - Vector256<float>.One).StoreUnsafe(ref to, (nuint)(i + Vector256<float>.Count));
        }
        for (; i < bytes.Length; i++)
            noise[i] = bytes[i] / 127.5f - 1;
    }

    // Steele, Lea and Flood 2014 (java.util.SplittableRandom): 8 well-mixed bytes per step of a 64-bit counter,
    // little-endian whatever the machine. bytes.Length is a multiple of 8.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // optimised from the first image on (see Distortions)
    private static void SplitMix64(Span<byte> bytes, ulong state)
    {
        for (int i = 0; i < bytes.Length; i += sizeof(ulong))
        {
            ulong z = state += 0x9E3779B97F4A7C15;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
            System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(bytes[i..], z ^ (z >> 31));
        }
    }
}
