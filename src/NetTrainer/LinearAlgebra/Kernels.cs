// Glossary
//   A, B, C    row-major matrices, shapes on each method as (rows, cols)
//   W          Vector256<T>.Count: 8 floats or 4 doubles per register
//   block      a tile of C computed in registers: A·Bᵀ tiles 2 x 4 dot products; Aᵀ·B and A·B tile
//              4 output rows x 2 registers of columns
// Every element of C is summed in the same order whichever tile or thread computes it, so the
// results do not depend on the thread count. NaiveKernels is the reference these are tested against.
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace NetTrainer.LinearAlgebra;

/// <summary>The three products backprop needs, vectorised and (for large shapes) spread over the cores.</summary>
public static class Kernels
{
    /// <summary>C (m, n) = A (m, k) · Bᵀ, with B (n, k): every C[i,j] is a dot product of two rows.</summary>
    public static void MultiplyTransposed<T>(Matrix<T> a, Matrix<T> b, Matrix<T> c)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Shapes.RequireMultiplyTransposed(a, b, c);
        if (!Simd.Enabled<T>())
        {
            NaiveKernels.MultiplyTransposed(a, b, c);
            return;
        }
        long work = (long)a.Rows * b.Rows * a.Cols;
        if (Parallelism.WorthSplitting(a.Rows, 2, work))
            MultiplyTransposedInParallel(a, b, c, work);
        else
            MultiplyTransposedRows(a, b, c, 0, a.Rows);
    }

    private static void MultiplyTransposedInParallel<T>(Matrix<T> a, Matrix<T> b, Matrix<T> c, long work)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        MultiplyTransposedJob<T> job = Jobs<T>.MultiplyTransposed ??= new();
        (job.A, job.B, job.C) = (a, b, c);
        try
        {
            Parallelism.ForRows(a.Rows, 2, work, job);
        }
        finally
        {
            (job.A, job.B, job.C) = (null, null, null);
        }
    }

    /// <summary>C (m, n) = Aᵀ · B, with A (k, m) and B (k, n): row i of C is Σ_r A[r,i] · (row r of B).</summary>
    public static void TransposeMultiply<T>(Matrix<T> a, Matrix<T> b, Matrix<T> c)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Shapes.RequireTransposeMultiply(a, b, c);
        CombineRows(a, coefficientRowStride: 1, coefficientTermStride: a.Cols, terms: a.Rows, b, c, Epilogue<T>.Store);
    }

    /// <summary>
    /// C ← beta · C + alpha · Aᵀ · B, reading and writing C once (BLAS's sgemm update; beta = 0 ignores C). SGD uses it to apply
    /// BP4 and weight decay in one pass: w ← (1 - ηλ/n) w - (η/m) δᵀ a.
    /// </summary>
    public static void TransposeMultiplyUpdate<T>(Matrix<T> a, Matrix<T> b, Matrix<T> c, T alpha, T beta)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Shapes.RequireTransposeMultiply(a, b, c);
        CombineRows(a, coefficientRowStride: 1, coefficientTermStride: a.Cols, terms: a.Rows, b, c, new Epilogue<T>(alpha, beta));
    }

    /// <summary>C (m, n) = A (m, k) · B (k, n): row i of C is Σ_r A[i,r] · (row r of B).</summary>
    public static void Multiply<T>(Matrix<T> a, Matrix<T> b, Matrix<T> c)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Shapes.RequireMultiply(a, b, c);
        CombineRows(a, coefficientRowStride: a.Cols, coefficientTermStride: 1, terms: a.Cols, b, c, Epilogue<T>.Store);
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
            for (; j < colEnd; j++)
            {
                ref T bj = ref Unsafe.Add(ref b0, j * k);
                c[i, j] = Dot(ref ai0, ref bj, k);
                c[i + 1, j] = Dot(ref ai1, ref bj, k);
            }
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

    // C[i,:] = epilogue(Σ_r coef(i, r) · B[r,:]), where coef(i, r) = A.Data[i * rowStride + r * termStride].
    private static void CombineRows<T>(Matrix<T> a, int coefficientRowStride, int coefficientTermStride, int terms,
        Matrix<T> b, Matrix<T> c, Epilogue<T> epilogue)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!Simd.Enabled<T>())
        {
            CombineRowsScalar(a.Data, coefficientRowStride, coefficientTermStride, terms, b, c, epilogue);
            return;
        }
        long work = (long)c.Rows * c.Cols * terms;
        if (!Parallelism.WorthSplitting(c.Rows, 4, work))
        {
            CombineRowsVector(a.Data, coefficientRowStride, coefficientTermStride, terms, b, c, 0, c.Rows, epilogue);
            return;
        }
        CombineRowsInParallel(a.Data, coefficientRowStride, coefficientTermStride, terms, b, c, epilogue, work);
    }

    private static void CombineRowsInParallel<T>(T[] coef, int rs, int ts, int terms, Matrix<T> b, Matrix<T> c,
        Epilogue<T> epilogue, long work)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CombineRowsJob<T> job = Jobs<T>.CombineRows ??= new();
        (job.Coefficients, job.RowStride, job.TermStride, job.Terms, job.B, job.C, job.Epilogue) = (coef, rs, ts, terms, b, c, epilogue);
        try
        {
            Parallelism.ForRows(c.Rows, 4, work, job);
        }
        finally
        {
            (job.Coefficients, job.B, job.C) = (null, null, null);
        }
    }

    // One reusable job object per element type and calling thread: a split product allocates nothing.
    private static class Jobs<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        [ThreadStatic]
        public static MultiplyTransposedJob<T>? MultiplyTransposed;

        [ThreadStatic]
        public static CombineRowsJob<T>? CombineRows;
    }

    private sealed class MultiplyTransposedJob<T> : IRowJob where T : unmanaged, IFloatingPointIeee754<T>
    {
        public Matrix<T>? A, B, C;

        public void Run(int start, int end) => MultiplyTransposedRows(A!, B!, C!, start, end);
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

/// <summary>
/// What a kernel does with each finished sum S: C ← beta · C + alpha · S, rounded as
/// <see cref="Update.ScaleAndSubtract{T}"/> rounds (so the fused SGD step equals the separate one bit for bit).
/// As in BLAS, beta = 0 never reads C: C ← alpha · S, exactly S for alpha = 1.
/// </summary>
internal readonly struct Epilogue<T>(T alpha, T beta) where T : unmanaged, IFloatingPointIeee754<T>
{
    public static Epilogue<T> Store => new(T.One, T.Zero);

    private readonly bool readsC = beta != T.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Apply(Vector256<T> sum, ref T c, nuint offset)
    {
        if (readsC)
            Simd.MultiplyAdd(sum, Vector256.Create(alpha), Vector256.LoadUnsafe(ref c, offset) * Vector256.Create(beta))
                .StoreUnsafe(ref c, offset);
        else
            (sum * Vector256.Create(alpha)).StoreUnsafe(ref c, offset);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Apply(T sum, ref T c) => c = readsC ? Simd.MultiplyAdd(sum, alpha, c * beta) : sum * alpha;
}
