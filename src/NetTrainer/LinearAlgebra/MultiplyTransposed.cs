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
        if (Parallelism.WorthSplitting(a.Rows, Tiles.RowAlign, work, threads))
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
            Parallelism.ForRows(a.Rows, Tiles.RowAlign, work, threads, job);
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
        for (int i = rowStart, rows; i < rowEnd; i += rows)
        {
            rows = Tiles.NextRows(rowEnd - i);
            switch (rows)
            {
                case 3: DotRows<T, Three>(a, b, c, i, colStart, colEnd); break;
                case 2: DotRows<T, Two>(a, b, c, i, colStart, colEnd); break;
                default: DotRows<T, One>(a, b, c, i, colStart, colEnd); break;
            }
        }
    }

    // TRows rows of C from row i, columns colStart..colEnd-1: tiles 4 wide, then one 1 to 3 wide.
    private static void DotRows<T, TRows>(Matrix<T> a, Matrix<T> b, Matrix<T> c, int i, int colStart, int colEnd)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TRows : struct, ITileSize
    {
        int k = a.Cols;
        ref T ai = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(a.Data), i * k);
        ref T b0 = ref MemoryMarshal.GetArrayDataReference(b.Data);
        int j = colStart;
        for (; j + 4 <= colEnd; j += 4)
            DotTile<T, TRows, Four>(ref ai, ref Unsafe.Add(ref b0, j * k), k, c, i, j);
        switch (colEnd - j)
        {
            case 3: DotTile<T, TRows, Three>(ref ai, ref Unsafe.Add(ref b0, j * k), k, c, i, j); break;
            case 2: DotTile<T, TRows, Two>(ref ai, ref Unsafe.Add(ref b0, j * k), k, c, i, j); break;
            case 1: DotTile<T, TRows, One>(ref ai, ref Unsafe.Add(ref b0, j * k), k, c, i, j); break;
        }
    }

    // Up to 3 x 4 dot products at once: rows i.. of A (ai, rows k apart) against rows j.. of B (bj, rows k apart).
    // 12 accumulators + 3 rows of A + 1 of B fill the 16 registers; each C[i,j] is summed in the same order by every tile shape:
    // lane-wise FMA over p = 0, W, 2W, ..., then the lanes added (Vector256.Sum), then the scalar tail p..k-1.
    private static void DotTile<T, TRows, TCols>(ref T ai, ref T bj, int k, Matrix<T> c, int i, int j)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TRows : struct, ITileSize
        where TCols : struct, ITileSize
    {
        int w = Vector256<T>.Count, rows = TRows.Count, cols = TCols.Count;
        Vector256<T> s00 = default, s01 = default, s02 = default, s03 = default;
        Vector256<T> s10 = default, s11 = default, s12 = default, s13 = default;
        Vector256<T> s20 = default, s21 = default, s22 = default, s23 = default;
        Vector256<T> x1 = default, x2 = default;
        // One reference per row (unused rows alias row 0), so each load is a single [row + 4p] address.
        ref T a1 = ref rows > 1 ? ref Unsafe.Add(ref ai, k) : ref ai;
        ref T a2 = ref rows > 2 ? ref Unsafe.Add(ref ai, 2 * k) : ref ai;
        ref T b1 = ref cols > 1 ? ref Unsafe.Add(ref bj, k) : ref bj;
        ref T b2 = ref cols > 2 ? ref Unsafe.Add(ref bj, 2 * k) : ref bj;
        ref T b3 = ref cols > 3 ? ref Unsafe.Add(ref bj, 3 * k) : ref bj;
        nuint o = 0, end = (nuint)k;
        for (; o + (nuint)w <= end; o += (nuint)w)
        {
            Vector256<T> x0 = Vector256.LoadUnsafe(ref ai, o);
            if (rows > 1) x1 = Vector256.LoadUnsafe(ref a1, o);
            if (rows > 2) x2 = Vector256.LoadUnsafe(ref a2, o);
            Vector256<T> y = Vector256.LoadUnsafe(ref bj, o);
            s00 = Simd.MultiplyAdd(x0, y, s00);
            if (rows > 1) s10 = Simd.MultiplyAdd(x1, y, s10);
            if (rows > 2) s20 = Simd.MultiplyAdd(x2, y, s20);
            if (cols > 1)
            {
                y = Vector256.LoadUnsafe(ref b1, o);
                s01 = Simd.MultiplyAdd(x0, y, s01);
                if (rows > 1) s11 = Simd.MultiplyAdd(x1, y, s11);
                if (rows > 2) s21 = Simd.MultiplyAdd(x2, y, s21);
            }
            if (cols > 2)
            {
                y = Vector256.LoadUnsafe(ref b2, o);
                s02 = Simd.MultiplyAdd(x0, y, s02);
                if (rows > 1) s12 = Simd.MultiplyAdd(x1, y, s12);
                if (rows > 2) s22 = Simd.MultiplyAdd(x2, y, s22);
            }
            if (cols > 3)
            {
                y = Vector256.LoadUnsafe(ref b3, o);
                s03 = Simd.MultiplyAdd(x0, y, s03);
                if (rows > 1) s13 = Simd.MultiplyAdd(x1, y, s13);
                if (rows > 2) s23 = Simd.MultiplyAdd(x2, y, s23);
            }
        }
        int p = (int)o;
        FinishRow(ref ai, ref bj, p, k, c, i, j, cols, s00, s01, s02, s03);
        if (rows > 1) FinishRow(ref Unsafe.Add(ref ai, k), ref bj, p, k, c, i + 1, j, cols, s10, s11, s12, s13);
        if (rows > 2) FinishRow(ref Unsafe.Add(ref ai, 2 * k), ref bj, p, k, c, i + 2, j, cols, s20, s21, s22, s23);
    }

    // C[i, j..j+cols-1]: each lane-wise sum reduced, then the scalar tail p..k-1 added.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void FinishRow<T>(ref T ai, ref T bj, int p, int k, Matrix<T> c, int i, int j, int cols,
        Vector256<T> s0, Vector256<T> s1, Vector256<T> s2, Vector256<T> s3)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        c[i, j] = Tail(ref ai, ref bj, p, k, Vector256.Sum(s0));
        if (cols > 1) c[i, j + 1] = Tail(ref ai, ref Unsafe.Add(ref bj, k), p, k, Vector256.Sum(s1));
        if (cols > 2) c[i, j + 2] = Tail(ref ai, ref Unsafe.Add(ref bj, 2 * k), p, k, Vector256.Sum(s2));
        if (cols > 3) c[i, j + 3] = Tail(ref ai, ref Unsafe.Add(ref bj, 3 * k), p, k, Vector256.Sum(s3));
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
