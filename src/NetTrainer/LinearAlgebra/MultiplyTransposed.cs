// A·Bᵀ: the forward pass, zᵀ = aᵀ wᵀ (see Kernels.cs for the glossary).
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace NetTrainer.LinearAlgebra;

public static partial class Kernels
{
    /// <summary>C (m, n) = A (m, k) · Bᵀ, with B (n, k): every C[i,j] is a dot product of two rows.</summary>
    public static void MultiplyTransposed<T>(Matrix<T> a, Matrix<T> b, Matrix<T> c, int threads)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Shapes.RequireMultiplyTransposed(a, b, c);
        if (!Simd.Enabled<T>())
        {
            NaiveKernels.MultiplyTransposed(a, b, c);
            return;
        }
        long work = (long)a.Rows * b.Rows * a.Cols;
        if (Parallelism.WorthSplitting(a.Rows, 2, work, threads))
            MultiplyTransposedInParallel(a, b, c, work, threads);
        else
            MultiplyTransposedRows(a, b, c, 0, a.Rows);
    }

    private static void MultiplyTransposedInParallel<T>(Matrix<T> a, Matrix<T> b, Matrix<T> c, long work, int threads)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        MultiplyTransposedJob<T> job = Jobs<T>.MultiplyTransposed ??= new();
        (job.A, job.B, job.C) = (a, b, c);
        try
        {
            Parallelism.ForRows(a.Rows, 2, work, threads, job);
        }
        finally
        {
            (job.A, job.B, job.C) = (null, null, null);
        }
    }

    /// <summary>Bytes of B's rows kept hot while a panel of A's rows passes over them (about 3/8 of a 512 KB L2).</summary>
    private const int PanelBytes = 192 * 1024;

    private static void MultiplyTransposedRows<T>(Matrix<T> a, Matrix<T> b, Matrix<T> c, int rowStart, int rowEnd)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        // B is taken a panel of rows at a time so that the panel stays in cache while every row of A passes;
        // each C[i,j] is still one whole dot product, so the panel size never changes a result.
        int k = a.Cols, n = b.Rows;
        int panel = Math.Max(4, PanelBytes / Math.Max(1, k * Unsafe.SizeOf<T>()) / 4 * 4);
        for (int j0 = 0; j0 < n; j0 += panel)
            MultiplyTransposedPanel(a, b, c, rowStart, rowEnd, j0, Math.Min(n, j0 + panel));
    }

    private static void MultiplyTransposedPanel<T>(Matrix<T> a, Matrix<T> b, Matrix<T> c, int rowStart, int rowEnd,
        int colStart, int colEnd)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int k = a.Cols;
        ref T a0 = ref MemoryMarshal.GetArrayDataReference(a.Data);
        ref T b0 = ref MemoryMarshal.GetArrayDataReference(b.Data);
        int i = rowStart;
        for (; i + 2 <= rowEnd; i += 2)
        {
            ref T ai0 = ref Unsafe.Add(ref a0, i * k);
            ref T ai1 = ref Unsafe.Add(ref a0, (i + 1) * k);
            int j = colStart;
            for (; j + 4 <= colEnd; j += 4)
                Dot2x4(ref ai0, ref ai1, ref Unsafe.Add(ref b0, j * k), k, c, i, j);
            // The last 1-3 columns (30 hidden neurons leave 2): as 2x2 and 2x1 tiles, whose 4 and 2 independent sums
            // keep the FMA units busier than one dot product at a time, each summed in the same order.
            for (; j + 2 <= colEnd; j += 2)
                Dot2x2(ref ai0, ref ai1, ref Unsafe.Add(ref b0, j * k), k, c, i, j);
            if (j < colEnd)
                Dot2x1(ref ai0, ref ai1, ref Unsafe.Add(ref b0, j * k), k, c, i, j);
        }
        for (; i < rowEnd; i++)
        {
            ref T ai = ref Unsafe.Add(ref a0, i * k);
            for (int j = colStart; j < colEnd; j++)
                c[i, j] = Dot(ref ai, ref Unsafe.Add(ref b0, j * k), k);
        }
    }

    // Eight dot products at once: rows i, i+1 of A against rows j..j+3 of B (bj points at row j, rows k apart).
    private static void Dot2x4<T>(ref T ai0, ref T ai1, ref T bj, int k, Matrix<T> c, int i, int j)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int w = Vector256<T>.Count;
        Vector256<T> s00 = default, s01 = default, s02 = default, s03 = default;
        Vector256<T> s10 = default, s11 = default, s12 = default, s13 = default;
        nuint k1 = (nuint)k, k2 = (nuint)(2 * k), k3 = (nuint)(3 * k);
        int p = 0;
        for (; p + w <= k; p += w)
        {
            nuint o = (nuint)p;
            Vector256<T> x0 = Vector256.LoadUnsafe(ref ai0, o);
            Vector256<T> x1 = Vector256.LoadUnsafe(ref ai1, o);
            Vector256<T> y = Vector256.LoadUnsafe(ref bj, o);
            s00 = Simd.MultiplyAdd(x0, y, s00);
            s10 = Simd.MultiplyAdd(x1, y, s10);
            y = Vector256.LoadUnsafe(ref bj, o + k1);
            s01 = Simd.MultiplyAdd(x0, y, s01);
            s11 = Simd.MultiplyAdd(x1, y, s11);
            y = Vector256.LoadUnsafe(ref bj, o + k2);
            s02 = Simd.MultiplyAdd(x0, y, s02);
            s12 = Simd.MultiplyAdd(x1, y, s12);
            y = Vector256.LoadUnsafe(ref bj, o + k3);
            s03 = Simd.MultiplyAdd(x0, y, s03);
            s13 = Simd.MultiplyAdd(x1, y, s13);
        }
        c[i, j] = Tail(ref ai0, ref bj, p, k, Vector256.Sum(s00));
        c[i, j + 1] = Tail(ref ai0, ref Unsafe.Add(ref bj, k), p, k, Vector256.Sum(s01));
        c[i, j + 2] = Tail(ref ai0, ref Unsafe.Add(ref bj, 2 * k), p, k, Vector256.Sum(s02));
        c[i, j + 3] = Tail(ref ai0, ref Unsafe.Add(ref bj, 3 * k), p, k, Vector256.Sum(s03));
        c[i + 1, j] = Tail(ref ai1, ref bj, p, k, Vector256.Sum(s10));
        c[i + 1, j + 1] = Tail(ref ai1, ref Unsafe.Add(ref bj, k), p, k, Vector256.Sum(s11));
        c[i + 1, j + 2] = Tail(ref ai1, ref Unsafe.Add(ref bj, 2 * k), p, k, Vector256.Sum(s12));
        c[i + 1, j + 3] = Tail(ref ai1, ref Unsafe.Add(ref bj, 3 * k), p, k, Vector256.Sum(s13));
    }

    // Four dot products: rows i, i+1 of A against rows j, j+1 of B, each summed as Dot2x4 sums its eight.
    [MethodImpl(MethodImplOptions.NoInlining)] // kept out of the panel loop, whose register use the hot 2x4 tile needs
    private static void Dot2x2<T>(ref T ai0, ref T ai1, ref T bj, int k, Matrix<T> c, int i, int j)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int w = Vector256<T>.Count;
        Vector256<T> s00 = default, s01 = default, s10 = default, s11 = default;
        nuint k1 = (nuint)k;
        int p = 0;
        for (; p + w <= k; p += w)
        {
            nuint o = (nuint)p;
            Vector256<T> x0 = Vector256.LoadUnsafe(ref ai0, o);
            Vector256<T> x1 = Vector256.LoadUnsafe(ref ai1, o);
            Vector256<T> y0 = Vector256.LoadUnsafe(ref bj, o);
            Vector256<T> y1 = Vector256.LoadUnsafe(ref bj, o + k1);
            s00 = Simd.MultiplyAdd(x0, y0, s00);
            s10 = Simd.MultiplyAdd(x1, y0, s10);
            s01 = Simd.MultiplyAdd(x0, y1, s01);
            s11 = Simd.MultiplyAdd(x1, y1, s11);
        }
        c[i, j] = Tail(ref ai0, ref bj, p, k, Vector256.Sum(s00));
        c[i, j + 1] = Tail(ref ai0, ref Unsafe.Add(ref bj, k), p, k, Vector256.Sum(s01));
        c[i + 1, j] = Tail(ref ai1, ref bj, p, k, Vector256.Sum(s10));
        c[i + 1, j + 1] = Tail(ref ai1, ref Unsafe.Add(ref bj, k), p, k, Vector256.Sum(s11));
    }

    // Two dot products: rows i, i+1 of A against row j of B, each summed as Dot2x4 sums its eight.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Dot2x1<T>(ref T ai0, ref T ai1, ref T bj, int k, Matrix<T> c, int i, int j)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int w = Vector256<T>.Count;
        Vector256<T> s0 = default, s1 = default;
        int p = 0;
        for (; p + w <= k; p += w)
        {
            Vector256<T> y = Vector256.LoadUnsafe(ref bj, (nuint)p);
            s0 = Simd.MultiplyAdd(Vector256.LoadUnsafe(ref ai0, (nuint)p), y, s0);
            s1 = Simd.MultiplyAdd(Vector256.LoadUnsafe(ref ai1, (nuint)p), y, s1);
        }
        c[i, j] = Tail(ref ai0, ref bj, p, k, Vector256.Sum(s0));
        c[i + 1, j] = Tail(ref ai1, ref bj, p, k, Vector256.Sum(s1));
    }

    // One dot product, summed exactly as Dot2x4 sums each of its eight.
    private static T Dot<T>(ref T x, ref T y, int k) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int w = Vector256<T>.Count;
        Vector256<T> s = default;
        int p = 0;
        for (; p + w <= k; p += w)
            s = Simd.MultiplyAdd(Vector256.LoadUnsafe(ref x, (nuint)p), Vector256.LoadUnsafe(ref y, (nuint)p), s);
        return Tail(ref x, ref y, p, k, Vector256.Sum(s));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T Tail<T>(ref T x, ref T y, int p, int k, T sum) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (; p < k; p++)
            sum = Simd.MultiplyAdd(Unsafe.Add(ref x, p), Unsafe.Add(ref y, p), sum);
        return sum;
    }

    private sealed class MultiplyTransposedJob<T> : IRowJob where T : unmanaged, IFloatingPointIeee754<T>
    {
        public Matrix<T>? A, B, C;

        public void Run(int start, int end) => MultiplyTransposedRows(A!, B!, C!, start, end);
    }
}
