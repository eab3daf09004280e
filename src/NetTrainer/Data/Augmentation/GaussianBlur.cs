// Glossary
//   σ        the Gaussian's standard deviation, in pixels
//   R        the kernel radius ⌈3σ⌉: the Gaussian's tails beyond 3σ hold under 0.3% of its mass
//   k        the kernel, k[t] ∝ exp(−(t − R)² / 2σ²) for t = 0 .. 2R, renormalised to sum 1
//   V        floats per vector (Vector256<float>.Count = 8)
//   W        Cols rounded up to 4V: the row pass's rows are W floats apart (the columns past Cols are scratch)
//   outside  the image is 0 beyond its edges (scipy's gaussian_filter with mode='constant'), so a sum stops at the edge
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace NetTrainer.Data.Augmentation;

/// <summary>
/// A Gaussian blur of a small float image, separable: along each row, then along each column, R taps either side,
/// eight columns per vector operation, sums fused (one rounding per tap), so every machine gives the same bits.
/// </summary>
internal sealed class GaussianBlur
{
    // Scratch up to this many floats lives on the stack (16 KB); larger images take arrays.
    private const int StackFloats = 4096;
    private static readonly int V = Vector256<float>.Count;
    private readonly float[] kernel;

    /// <summary>A blur of standard deviation <paramref name="sigma"/> &gt; 0 pixels.</summary>
    public GaussianBlur(double sigma)
    {
        int radius = (int)Math.Ceiling(3 * sigma);
        double[] weights = Enumerable.Range(-radius, 2 * radius + 1).Select(t => Math.Exp(-t * t / (2 * sigma * sigma))).ToArray();
        double total = weights.Sum();
        kernel = weights.Select(w => (float)(w / total)).ToArray();
    }

    /// <summary>R, the taps either side of the centre.</summary>
    public int Radius => kernel.Length / 2;

    /// <summary>k[0 .. 2R], summing to 1 (up to float rounding).</summary>
    public ReadOnlySpan<float> Kernel => kernel;

    /// <summary>
    /// result = <paramref name="scale"/> · (the blur of <paramref name="image"/>), both <paramref name="shape"/>
    /// images row after row: result[r, c] = scale · Σ_i Σ_j k[i − r + R] k[j − c + R] image[i, j], over the pixels
    /// within R of (r, c) inside the image.
    /// </summary>
    [SkipLocalsInit]
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // optimised from the first image on (see Distortions)
    public void Blur(ReadOnlySpan<float> image, Span<float> result, ImageShape shape, float scale)
    {
        if (image.Length < shape.Pixels || result.Length < shape.Pixels)
            throw new ArgumentException($"Expected {shape.Rows}x{shape.Cols} floats in and out, got {image.Length} and {result.Length}.");
        int radius = Radius, width = (shape.Cols + Group - 1) / Group * Group, rowLength = width + 2 * radius;
        Span<float> row = rowLength <= StackFloats ? stackalloc float[rowLength] : new float[rowLength];
        Span<float> alongRows = shape.Rows * width <= StackFloats ? stackalloc float[shape.Rows * width] : new float[shape.Rows * width];
        ref float rows = ref MemoryMarshal.GetReference(alongRows);

        // Along rows: row[c + R] = image[r, c], with R zeros before and after, so that the sum for column c is
        // Σ_t k[t] row[c + t] over all 2R + 1 taps (the zeros stand for the outside).
        row.Clear();
        for (int r = 0; r < shape.Rows; r++)
        {
            image.Slice(r * shape.Cols, shape.Cols).CopyTo(row[radius..]);
            for (int c0 = 0; c0 < width; c0 += Group)
            {
                Sums sums = FourBlocks(ref MemoryMarshal.GetReference(row), c0, step: 1, kernel);
                for (int b = 0; b < Blocks; b++)
                    sums[b].StoreUnsafe(ref rows, (nuint)(r * width + c0 + b * V));
            }
        }

        // Along columns: only the rows inside the image, the outside adding nothing.
        Span<float> tail = stackalloc float[V];
        for (int r = 0; r < shape.Rows; r++)
        {
            int first = Math.Max(0, r - radius), last = Math.Min(shape.Rows - 1, r + radius);
            for (int c0 = 0; c0 < width; c0 += Group)
            {
                Sums sums = FourBlocks(ref rows, first * width + c0, step: width, kernel.AsSpan(first - r + radius, last - first + 1));
                for (int b = 0, c = c0; b < Blocks && c < shape.Cols; b++, c += V)
                {
                    Vector256<float> scaled = sums[b] * scale;
                    int count = Math.Min(V, shape.Cols - c); // the columns past Cols were scratch
                    if (count == V)
                        scaled.StoreUnsafe(ref MemoryMarshal.GetReference(result), (nuint)(r * shape.Cols + c));
                    else
                    {
                        scaled.StoreUnsafe(ref MemoryMarshal.GetReference(tail));
                        tail[..count].CopyTo(result.Slice(r * shape.Cols + c, count));
                    }
                }
            }
        }
    }

    // Blocks of V columns summed side by side; a group is their 4V columns.
    private const int Blocks = 4;
    private static readonly int Group = Blocks * V;

    [InlineArray(Blocks)]
    private struct Sums
    {
        private Vector256<float> first;
    }

    // Σ_t taps[t] · values[start + t·step + b·V ..][..V] for the blocks b = 0 .. 3 of a group. Four sums side by side:
    // each fused multiply-add waits for the one before in its sum, so one running sum would wait out the FMA's
    // latency at every tap; four keep the unit busy.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Sums FourBlocks(ref float values, int start, int step, ReadOnlySpan<float> taps)
    {
        Vector256<float> s0 = Vector256<float>.Zero, s1 = s0, s2 = s0, s3 = s0;
        for (int t = 0; t < taps.Length; t++)
        {
            var tap = Vector256.Create(taps[t]);
            nuint at = (nuint)(start + t * step);
            s0 = Vector256.FusedMultiplyAdd(tap, Vector256.LoadUnsafe(ref values, at), s0);
            s1 = Vector256.FusedMultiplyAdd(tap, Vector256.LoadUnsafe(ref values, at + (nuint)V), s1);
            s2 = Vector256.FusedMultiplyAdd(tap, Vector256.LoadUnsafe(ref values, at + (nuint)(2 * V)), s2);
            s3 = Vector256.FusedMultiplyAdd(tap, Vector256.LoadUnsafe(ref values, at + (nuint)(3 * V)), s3);
        }
        Sums sums = default;
        (sums[0], sums[1], sums[2], sums[3]) = (s0, s1, s2, s3);
        return sums;
    }
}
