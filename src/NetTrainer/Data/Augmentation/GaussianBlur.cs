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
    // Vector256<float>.Count, not a static readonly field: an AggressiveOptimization method is compiled before the
    // class is initialised, so a static readonly value would be loaded from memory in every inner loop.
    private const int V = 8;
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
        Span<float> second = rowLength <= StackFloats ? stackalloc float[rowLength] : new float[rowLength];
        Span<float> third = rowLength <= StackFloats ? stackalloc float[rowLength] : new float[rowLength];
        row.Clear();
        second.Clear();
        third.Clear();
        int r = 0;
        for (; r + 2 < shape.Rows; r += 3) // three rows at a time: twelve independent sums keep both FMA units busy
        {
            image.Slice(r * shape.Cols, shape.Cols).CopyTo(row[radius..]);
            image.Slice((r + 1) * shape.Cols, shape.Cols).CopyTo(second[radius..]);
            image.Slice((r + 2) * shape.Cols, shape.Cols).CopyTo(third[radius..]);
            for (int c0 = 0; c0 < width; c0 += Group)
            {
                Sums a = default, b = default, c = default;
                ThreeRows(ref MemoryMarshal.GetReference(row), ref MemoryMarshal.GetReference(second),
                    ref MemoryMarshal.GetReference(third), c0, kernel, ref a, ref b, ref c);
                Store(a, ref rows, r * width + c0);
                Store(b, ref rows, (r + 1) * width + c0);
                Store(c, ref rows, (r + 2) * width + c0);
            }
        }
        for (; r + 1 < shape.Rows; r += 2)
        {
            image.Slice(r * shape.Cols, shape.Cols).CopyTo(row[radius..]);
            image.Slice((r + 1) * shape.Cols, shape.Cols).CopyTo(second[radius..]);
            for (int c0 = 0; c0 < width; c0 += Group)
            {
                Sums a = default, b = default;
                TwoGroups(ref MemoryMarshal.GetReference(row), c0, ref MemoryMarshal.GetReference(second), c0, step: 1, kernel, kernel, ref a, ref b);
                Store(a, ref rows, r * width + c0);
                Store(b, ref rows, (r + 1) * width + c0);
            }
        }
        for (; r < shape.Rows; r++)
        {
            image.Slice(r * shape.Cols, shape.Cols).CopyTo(row[radius..]);
            for (int c0 = 0; c0 < width; c0 += Group)
            {
                Sums sums = default;
                FourBlocks(ref MemoryMarshal.GetReference(row), c0, step: 1, kernel, ref sums);
                Store(sums, ref rows, r * width + c0);
            }
        }

        // Along columns: only the rows inside the image, the outside adding nothing. Output rows r and r + 1 go
        // together: row r sums image rows first(r) .. last(r), row r + 1 first(r + 1) .. last(r + 1), each in
        // increasing order, so the rows both need are read once and each sum keeps the order it has alone.
        Span<float> tail = stackalloc float[V];
        ref float output = ref MemoryMarshal.GetReference(result);
        for (r = 0; r < shape.Rows; r += 2)
        {
            int first = Math.Max(0, r - radius), last = Math.Min(shape.Rows - 1, r + radius);
            bool pair = r + 1 < shape.Rows;
            int nextFirst = pair ? Math.Max(0, r + 1 - radius) : last + 1, nextLast = pair ? Math.Min(shape.Rows - 1, r + 1 + radius) : last;
            for (int c0 = 0; c0 < width; c0 += Group)
            {
                Sums a = default, b = default;
                int both = Math.Min(nextFirst, last + 1); // rows first .. both − 1: row r's alone
                FourBlocks(ref rows, first * width + c0, step: width, kernel.AsSpan(first - r + radius, both - first), ref a);
                if (pair)
                {
                    int shared = last + 1 - both; // rows both .. last: both sums
                    TwoGroups(ref rows, both * width + c0, ref rows, both * width + c0, step: width,
                        kernel.AsSpan(both - r + radius, shared), kernel.AsSpan(both - r - 1 + radius, shared), ref a, ref b);
                    FourBlocks(ref rows, (last + 1) * width + c0, step: width, kernel.AsSpan(last + 1 - r - 1 + radius, nextLast - last), ref b);
                    WriteRow(b, scale, ref output, tail, r + 1, c0, shape.Cols);
                }
                WriteRow(a, scale, ref output, tail, r, c0, shape.Cols);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(in Sums sums, ref float to, int at)
    {
        for (int b = 0; b < Blocks; b++)
            sums[b].StoreUnsafe(ref to, (nuint)(at + b * V));
    }

    // result[r, c0 ..] = scale · sums, the columns past Cols (scratch) left out.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void WriteRow(in Sums sums, float scale, ref float result, Span<float> tail, int r, int c0, int cols)
    {
        for (int b = 0, c = c0; b < Blocks && c < cols; b++, c += V)
        {
            Vector256<float> scaled = sums[b] * scale;
            int count = Math.Min(V, cols - c);
            if (count == V)
                scaled.StoreUnsafe(ref result, (nuint)(r * cols + c));
            else
            {
                scaled.StoreUnsafe(ref MemoryMarshal.GetReference(tail));
                tail[..count].CopyTo(MemoryMarshal.CreateSpan(ref Unsafe.Add(ref result, r * cols + c), count));
            }
        }
    }

    // Blocks of V columns summed side by side; a group is their 4V columns.
    private const int Blocks = 4;
    private const int Group = Blocks * V;

    [InlineArray(Blocks)]
    private struct Sums
    {
        private Vector256<float> first;
    }

    // sums[b] += Σ_t taps[t] · values[start + t·step + b·V ..][..V] for the blocks b = 0 .. 3 of a group, t in order.
    // Four sums side by side: each fused multiply-add waits for the one before in its sum, so one running sum would
    // wait out the FMA's latency at every tap; four keep the unit busy.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void FourBlocks(ref float values, int start, int step, ReadOnlySpan<float> taps, ref Sums sums)
    {
        Vector256<float> s0 = sums[0], s1 = sums[1], s2 = sums[2], s3 = sums[3];
        for (int t = 0; t < taps.Length; t++)
        {
            var tap = Vector256.Create(taps[t]);
            nuint at = (nuint)(start + t * step);
            s0 = Vector256.FusedMultiplyAdd(tap, Vector256.LoadUnsafe(ref values, at), s0);
            s1 = Vector256.FusedMultiplyAdd(tap, Vector256.LoadUnsafe(ref values, at + (nuint)V), s1);
            s2 = Vector256.FusedMultiplyAdd(tap, Vector256.LoadUnsafe(ref values, at + (nuint)(2 * V)), s2);
            s3 = Vector256.FusedMultiplyAdd(tap, Vector256.LoadUnsafe(ref values, at + (nuint)(3 * V)), s3);
        }
        (sums[0], sums[1], sums[2], sums[3]) = (s0, s1, s2, s3);
    }

    // FourBlocks along three rows x, y, z at once with the same taps (the row pass): a += Σ_t taps[t] · x[start + t ..],
    // b and c likewise from y and z; twelve sums side by side, one broadcast tap for all.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void ThreeRows(ref float x, ref float y, ref float z, int start, ReadOnlySpan<float> taps,
        ref Sums a, ref Sums b, ref Sums c)
    {
        Vector256<float> a0 = a[0], a1 = a[1], a2 = a[2], a3 = a[3], b0 = b[0], b1 = b[1], b2 = b[2], b3 = b[3];
        Vector256<float> c0 = c[0], c1 = c[1], c2 = c[2], c3 = c[3];
        ref float tap0 = ref MemoryMarshal.GetReference(taps);
        for (int t = 0; t < taps.Length; t++)
        {
            Vector256<float> tap = Vector256.Create(Unsafe.Add(ref tap0, t));
            nuint i = (nuint)(start + t);
            a0 = Vector256.FusedMultiplyAdd(tap, Vector256.LoadUnsafe(ref x, i), a0);
            b0 = Vector256.FusedMultiplyAdd(tap, Vector256.LoadUnsafe(ref y, i), b0);
            c0 = Vector256.FusedMultiplyAdd(tap, Vector256.LoadUnsafe(ref z, i), c0);
            a1 = Vector256.FusedMultiplyAdd(tap, Vector256.LoadUnsafe(ref x, i + V), a1);
            b1 = Vector256.FusedMultiplyAdd(tap, Vector256.LoadUnsafe(ref y, i + V), b1);
            c1 = Vector256.FusedMultiplyAdd(tap, Vector256.LoadUnsafe(ref z, i + V), c1);
            a2 = Vector256.FusedMultiplyAdd(tap, Vector256.LoadUnsafe(ref x, i + 2 * V), a2);
            b2 = Vector256.FusedMultiplyAdd(tap, Vector256.LoadUnsafe(ref y, i + 2 * V), b2);
            c2 = Vector256.FusedMultiplyAdd(tap, Vector256.LoadUnsafe(ref z, i + 2 * V), c2);
            a3 = Vector256.FusedMultiplyAdd(tap, Vector256.LoadUnsafe(ref x, i + 3 * V), a3);
            b3 = Vector256.FusedMultiplyAdd(tap, Vector256.LoadUnsafe(ref y, i + 3 * V), b3);
            c3 = Vector256.FusedMultiplyAdd(tap, Vector256.LoadUnsafe(ref z, i + 3 * V), c3);
        }
        (a[0], a[1], a[2], a[3]) = (a0, a1, a2, a3);
        (b[0], b[1], b[2], b[3]) = (b0, b1, b2, b3);
        (c[0], c[1], c[2], c[3]) = (c0, c1, c2, c3);
    }

    // FourBlocks for two groups at once, t in order in each: a += Σ_t tapsA[t] · x[startA + t·step ..],
    // b += Σ_t tapsB[t] · y[startB + t·step ..]; eight sums side by side.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void TwoGroups(ref float x, int startA, ref float y, int startB, int step, ReadOnlySpan<float> tapsA,
        ReadOnlySpan<float> tapsB, ref Sums a, ref Sums b)
    {
        Vector256<float> a0 = a[0], a1 = a[1], a2 = a[2], a3 = a[3], b0 = b[0], b1 = b[1], b2 = b[2], b3 = b[3];
        for (int t = 0; t < tapsA.Length; t++)
        {
            Vector256<float> ta = Vector256.Create(tapsA[t]), tb = Vector256.Create(tapsB[t]);
            nuint i = (nuint)(startA + t * step), j = (nuint)(startB + t * step);
            a0 = Vector256.FusedMultiplyAdd(ta, Vector256.LoadUnsafe(ref x, i), a0);
            b0 = Vector256.FusedMultiplyAdd(tb, Vector256.LoadUnsafe(ref y, j), b0);
            a1 = Vector256.FusedMultiplyAdd(ta, Vector256.LoadUnsafe(ref x, i + (nuint)V), a1);
            b1 = Vector256.FusedMultiplyAdd(tb, Vector256.LoadUnsafe(ref y, j + (nuint)V), b1);
            a2 = Vector256.FusedMultiplyAdd(ta, Vector256.LoadUnsafe(ref x, i + (nuint)(2 * V)), a2);
            b2 = Vector256.FusedMultiplyAdd(tb, Vector256.LoadUnsafe(ref y, j + (nuint)(2 * V)), b2);
            a3 = Vector256.FusedMultiplyAdd(ta, Vector256.LoadUnsafe(ref x, i + (nuint)(3 * V)), a3);
            b3 = Vector256.FusedMultiplyAdd(tb, Vector256.LoadUnsafe(ref y, j + (nuint)(3 * V)), b3);
        }
        (a[0], a[1], a[2], a[3]) = (a0, a1, a2, a3);
        (b[0], b[1], b[2], b[3]) = (b0, b1, b2, b3);
    }
}
