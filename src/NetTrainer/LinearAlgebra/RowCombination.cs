// Row combinations, C[i,:] = Σ_r coef(i, r) · B[r,:]: the engine of Aᵀ·B and A·B (see Kernels.cs for the glossary).
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace NetTrainer.LinearAlgebra;

public static partial class Kernels
{
    // C[i,:] = epilogue(Σ_r coef(i, r) · B[r,:]), where coef(i, r) = A.Data[i * rowStride + r * termStride].
    private static void CombineRows<T>(Matrix<T> a, int coefficientRowStride, int coefficientTermStride, int terms,
        Matrix<T> b, Matrix<T> c, Epilogue<T> epilogue, int threads)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!Simd.Enabled<T>())
        {
            CombineRowsScalar(a.Data, coefficientRowStride, coefficientTermStride, terms, b, c, epilogue);
            return;
        }
        long work = (long)c.Rows * c.Cols * terms;
        if (!Parallelism.WorthSplitting(c.Rows, 4, work, threads))
        {
            CombineRowsVector(a.Data, coefficientRowStride, coefficientTermStride, terms, b, c, 0, c.Rows, epilogue);
            return;
        }
        CombineRowsInParallel(a.Data, coefficientRowStride, coefficientTermStride, terms, b, c, epilogue, work, threads);
    }

    private static void CombineRowsInParallel<T>(T[] coef, int rs, int ts, int terms, Matrix<T> b, Matrix<T> c,
        Epilogue<T> epilogue, long work, int threads)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CombineRowsJob<T> job = Jobs<T>.CombineRows ??= new();
        (job.Coefficients, job.RowStride, job.TermStride, job.Terms, job.B, job.C, job.Epilogue) = (coef, rs, ts, terms, b, c, epilogue);
        try
        {
            Parallelism.ForRows(c.Rows, 4, work, threads, job);
        }
        finally
        {
            (job.Coefficients, job.B, job.C) = (null, null, null);
        }
    }

    private sealed class CombineRowsJob<T> : IRowJob where T : unmanaged, IFloatingPointIeee754<T>
    {
        public T[]? Coefficients;
        public int RowStride, TermStride, Terms;
        public Matrix<T>? B, C;
        public Epilogue<T> Epilogue;

        public void Run(int start, int end) =>
            CombineRowsVector(Coefficients!, RowStride, TermStride, Terms, B!, C!, start, end, Epilogue);
    }

    private static void CombineRowsVector<T>(T[] coef, int rs, int ts, int terms, Matrix<T> b, Matrix<T> c,
        int rowStart, int rowEnd, Epilogue<T> epilogue)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int w = Vector256<T>.Count, n = c.Cols;
        ref T a0 = ref MemoryMarshal.GetArrayDataReference(coef);
        ref T b0 = ref MemoryMarshal.GetArrayDataReference(b.Data);
        ref T c0 = ref MemoryMarshal.GetArrayDataReference(c.Data);
        int i = rowStart;
        for (; i + 4 <= rowEnd; i += 4)
        {
            int col = 0;
            for (; col + 2 * w <= n; col += 2 * w)
            {
                Vector256<T> s00 = default, s01 = default, s10 = default, s11 = default;
                Vector256<T> s20 = default, s21 = default, s30 = default, s31 = default;
                for (int r = 0; r < terms; r++)
                {
                    ref T br = ref Unsafe.Add(ref b0, r * n + col);
                    Vector256<T> y0 = Vector256.LoadUnsafe(ref br);
                    Vector256<T> y1 = Vector256.LoadUnsafe(ref br, (nuint)w);
                    int o = i * rs + r * ts;
                    Vector256<T> x = Vector256.Create(Unsafe.Add(ref a0, o));
                    s00 = Simd.MultiplyAdd(x, y0, s00);
                    s01 = Simd.MultiplyAdd(x, y1, s01);
                    x = Vector256.Create(Unsafe.Add(ref a0, o + rs));
                    s10 = Simd.MultiplyAdd(x, y0, s10);
                    s11 = Simd.MultiplyAdd(x, y1, s11);
                    x = Vector256.Create(Unsafe.Add(ref a0, o + 2 * rs));
                    s20 = Simd.MultiplyAdd(x, y0, s20);
                    s21 = Simd.MultiplyAdd(x, y1, s21);
                    x = Vector256.Create(Unsafe.Add(ref a0, o + 3 * rs));
                    s30 = Simd.MultiplyAdd(x, y0, s30);
                    s31 = Simd.MultiplyAdd(x, y1, s31);
                }
                ref T ci = ref Unsafe.Add(ref c0, i * n + col);
                epilogue.Apply(s00, ref ci, 0);
                epilogue.Apply(s01, ref ci, (nuint)w);
                epilogue.Apply(s10, ref ci, (nuint)n);
                epilogue.Apply(s11, ref ci, (nuint)(n + w));
                epilogue.Apply(s20, ref ci, (nuint)(2 * n));
                epilogue.Apply(s21, ref ci, (nuint)(2 * n + w));
                epilogue.Apply(s30, ref ci, (nuint)(3 * n));
                epilogue.Apply(s31, ref ci, (nuint)(3 * n + w));
            }
            for (int row = i; row < i + 4; row++)
                CombineRowRemainder(ref a0, rs, ts, terms, ref b0, ref c0, n, row, col, epilogue);
        }
        for (; i < rowEnd; i++)
            CombineRowRemainder(ref a0, rs, ts, terms, ref b0, ref c0, n, i, 0, epilogue);
    }

    // Columns col.. of one output row: one register at a time, then scalars; same summation order per element.
    private static void CombineRowRemainder<T>(ref T a0, int rs, int ts, int terms, ref T b0, ref T c0, int n,
        int row, int col, Epilogue<T> epilogue)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int w = Vector256<T>.Count;
        for (; col + w <= n; col += w)
        {
            Vector256<T> s = default;
            for (int r = 0; r < terms; r++)
                s = Simd.MultiplyAdd(Vector256.Create(Unsafe.Add(ref a0, row * rs + r * ts)),
                    Vector256.LoadUnsafe(ref Unsafe.Add(ref b0, r * n + col)), s);
            epilogue.Apply(s, ref c0, (nuint)(row * n + col));
        }
        for (; col < n; col++)
        {
            T s = T.Zero;
            for (int r = 0; r < terms; r++)
                s = Simd.MultiplyAdd(Unsafe.Add(ref a0, row * rs + r * ts), Unsafe.Add(ref b0, r * n + col), s);
            epilogue.Apply(s, ref Unsafe.Add(ref c0, row * n + col));
        }
    }

    private static void CombineRowsScalar<T>(T[] coef, int rs, int ts, int terms, Matrix<T> b, Matrix<T> c,
        Epilogue<T> epilogue)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < c.Rows; i++)
            for (int j = 0; j < c.Cols; j++)
            {
                T s = T.Zero;
                for (int r = 0; r < terms; r++)
                    s += coef[i * rs + r * ts] * b[r, j];
                epilogue.Apply(s, ref c[i, j]);
            }
    }
}
