// Row combinations, C[i,:] = Σ_r coef(i, r) · B[r,:]: the engine of Aᵀ·B and A·B (see Kernels.cs for the glossary).
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace NetTrainer.LinearAlgebra;

public static partial class Kernels
{
    // C[i,:] = epilogue(Σ_r coef(i, r) · B[r,:]), where coef(i, r) = A.AsSpan()[i * rowStride + r * termStride].
    // With sparseB (B mostly zeros), B goes in panels whatever the terms (see Packs), for their leaving out zero terms.
    private static void CombineRows<T>(Matrix<T> a, int coefficientRowStride, int coefficientTermStride, int terms,
        Matrix<T> b, Matrix<T> c, Epilogue<T> epilogue, int threads, bool sparseB = false)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!Simd.Enabled<T>())
        {
            CombineRowsScalar(a, coefficientRowStride, coefficientTermStride, terms, b, c, epilogue);
            return;
        }
        long work = (long)c.Rows * c.Cols * terms;
        bool wide = Simd.Wide<T>(); // decided once: the panels' width must be the one every piece runs
        if (Packs(terms, b, c, wide, sparseB))
        {
            int units = PanelUnits(c, wide);
            if (!Parallelism.WorthSplitting(units, 1, work, threads))
                CombinePackedPanels(a, coefficientRowStride, coefficientTermStride, terms, b, c, 0, units, epilogue, wide);
            else
                CombineRowsInParallel(a, coefficientRowStride, coefficientTermStride, terms, b, c, epilogue, wide, work, threads, panels: units);
            return;
        }
        if (!Parallelism.WorthSplitting(c.Rows, Tiles.RowAlign, work, threads))
        {
            CombineRowsVector(a, coefficientRowStride, coefficientTermStride, terms, b, c, 0, c.Rows, epilogue, wide);
            return;
        }
        CombineRowsInParallel(a, coefficientRowStride, coefficientTermStride, terms, b, c, epilogue, wide, work, threads);
    }

    // Split by output rows, or (panels > 0) by panels of columns, each panel then copied once, by the thread that
    // combines it.
    private static void CombineRowsInParallel<T>(Matrix<T> coef, int rs, int ts, int terms, Matrix<T> b, Matrix<T> c,
        Epilogue<T> epilogue, bool wide, long work, int threads, int panels = 0)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CombineRowsJob<T> job = Jobs<T>.CombineRows ??= new();
        (job.Coefficients, job.RowStride, job.TermStride, job.Terms, job.B, job.C, job.Epilogue, job.Wide, job.ByPanels) =
            (coef, rs, ts, terms, b, c, epilogue, wide, panels > 0);
        try
        {
            if (panels > 0)
                Parallelism.ForRows(panels, 1, work, threads, job);
            else
                Parallelism.ForRows(c.Rows, Tiles.RowAlign, work, threads, job);
        }
        finally
        {
            (job.Coefficients, job.B, job.C) = (null, null, null);
        }
    }

    private sealed class CombineRowsJob<T> : IRowJob where T : unmanaged, IFloatingPointIeee754<T>
    {
        public Matrix<T>? Coefficients;
        public int RowStride, TermStride, Terms;
        public Matrix<T>? B, C;
        public Epilogue<T> Epilogue;
        public bool Wide; // 512-bit registers (Simd.Wide, as the caller decided)
        public bool ByPanels; // start .. end are panels of columns (CombinePackedPanels), else rows

        public void Run(int start, int end)
        {
            if (ByPanels)
                CombinePackedPanels(Coefficients!, RowStride, TermStride, Terms, B!, C!, start, end, Epilogue, Wide);
            else
                CombineRowsVector(Coefficients!, RowStride, TermStride, Terms, B!, C!, start, end, Epilogue, Wide);
        }
    }

    // Above this many bytes B no longer stays in L1 while a row group passes over it, and with at least PackTerms
    // terms a panel is long enough to repay its copy: B's columns are then taken a panel of 4 registers at a time,
    // copied contiguous (terms x 4W), and every row group runs over the copy (CombinePackedPanels).
    private const int PackAboveBytes = 24 * 1024, PackTerms = 32;

    // Rows of C that a panel of a mostly-zero B (sparseB) must pass over to repay its copy with fewer terms: with 10
    // terms, epochs of 784,100,10 were 7% faster for it (100 rows), of 784,30,10 6-8% slower (30 rows).
    private const int SparsePackMinRows = 64;

    // With sparseB, SparsePackMinRows rows of C are enough, however few the terms.
    private static bool Packs<T>(int terms, Matrix<T> b, Matrix<T> c, bool wide, bool sparseB) where T : unmanaged, IFloatingPointIeee754<T> =>
        c.Cols >= PanelWidth<T>(wide) && c.Rows > Tiles.RowAlign &&
        ((terms >= PackTerms && (long)terms * b.Cols * Unsafe.SizeOf<T>() > PackAboveBytes) || (sparseB && c.Rows >= SparsePackMinRows));

    // A panel is 4 registers of columns.
    private static int PanelWidth<T>(bool wide) where T : unmanaged, IFloatingPointIeee754<T> =>
        4 * (wide ? Vector512<T>.Count : Vector256<T>.Count);

    // The whole panels of columns, and one more unit for the columns after the last whole panel if there are any.
    private static int PanelUnits<T>(Matrix<T> c, bool wide) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int width = PanelWidth<T>(wide);
        return (c.Cols + width - 1) / width;
    }

    // Rows rowStart..rowEnd-1 of C, on 512-bit registers (wide) or 256-bit ones.
    private static void CombineRowsVector<T>(Matrix<T> coef, int rs, int ts, int terms, Matrix<T> b, Matrix<T> c,
        int rowStart, int rowEnd, Epilogue<T> epilogue, bool wide)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (wide)
            CombineRowsVector<T, Vector512<T>, Lanes512<T>>(coef, rs, ts, terms, b, c, rowStart, rowEnd, epilogue, col: 0);
        else
            CombineRowsVector<T, Vector256<T>, Lanes256<T>>(coef, rs, ts, terms, b, c, rowStart, rowEnd, epilogue, col: 0);
    }

    // The same from column col on (CombinePackedPanels' columns after its last whole panel).
    private static void CombineRowsVector<T, TV, TL>(Matrix<T> coef, int rs, int ts, int terms, Matrix<T> b, Matrix<T> c,
        int rowStart, int rowEnd, Epilogue<T> epilogue, int col)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TV : struct
        where TL : struct, ILanes<T, TV>
    {
        for (int i = rowStart, rows; i < rowEnd; i += rows)
        {
            rows = Tiles.NextRows(rowEnd - i);
            switch (rows)
            {
                case 3: CombineRowGroup<T, TV, TL, Three>(coef, rs, ts, terms, b, c, i, epilogue, col); break;
                case 2: CombineRowGroup<T, TV, TL, Two>(coef, rs, ts, terms, b, c, i, epilogue, col); break;
                default: CombineRowGroup<T, TV, TL, One>(coef, rs, ts, terms, b, c, i, epilogue, col); break;
            }
        }
    }

    // Panels firstUnit .. endUnit-1 of C's columns (see PanelUnits), all rows: each panel of B (terms x 4W) copied
    // contiguous once, then every row group combined over the copy (L1-resident, read in order); the unit after the
    // last whole panel, the remaining columns, as CombineRowGroup does them. Each C[i,c] still sums its terms in
    // order: the same bits. A term whose piece of B is zero throughout is left out of the copy (BP4's first layer:
    // an image's row of x = pixel / 255 is zero on about 3 panels in 10, of 32 pixels or of 64); its terms,
    // coef · (±0), would have left the sums as they are (a zero sum is stored as +0 either way: Epilogue, LiveChunks).
    private static void CombinePackedPanels<T>(Matrix<T> coef, int rs, int ts, int terms, Matrix<T> b, Matrix<T> c,
        int firstUnit, int endUnit, Epilogue<T> epilogue, bool wide)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (wide)
            CombinePackedPanels<T, Vector512<T>, Lanes512<T>>(coef, rs, ts, terms, b, c, firstUnit, endUnit, epilogue);
        else
            CombinePackedPanels<T, Vector256<T>, Lanes256<T>>(coef, rs, ts, terms, b, c, firstUnit, endUnit, epilogue);
    }

    // Not inlined: inlined into its caller's caller the JIT ran out of inlining budget before CombineTile's fused
    // multiply-adds and called Simd.MultiplyAdd in the inner loop (a twelfth of the speed, measured).
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void CombinePackedPanels<T, TV, TL>(Matrix<T> coef, int rs, int ts, int terms, Matrix<T> b, Matrix<T> c,
        int firstUnit, int endUnit, Epilogue<T> epilogue)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TV : struct
        where TL : struct, ILanes<T, TV>
    {
        int width = 4 * TL.Count, n = c.Cols;
        AlignedBuffer<T> panel = Panels<T>.For(terms * width);
        int[] termList = TermLists.For(terms);
        ref T p0 = ref panel.Start;
        ref int listed = ref MemoryMarshal.GetArrayDataReference(termList);
        int col = firstUnit * width, end = Math.Min(n, endUnit * width);
        for (; col + width <= end; col += width)
        {
            int live = 0;
            for (int r = 0; r < terms; r++)
            {
                ReadOnlySpan<T> piece = b.Row(r).Slice(col, width);
                if (IsZero(piece))
                    continue;
                piece.CopyTo(panel.Span.Slice(live * width, width));
                termList[live++] = r;
            }
            // A panel that kept every term (a dense B) steps through the coefficients without the list: reading each
            // one's place from it made BP4's dense 800x784 update about a fifth slower.
            if (live == terms)
                CombinePanel<T, TV, TL, EveryTerm>(coef, rs, ts, terms, ref listed, ref p0, c, col, epilogue);
            else
                CombinePanel<T, TV, TL, ListedTerms>(coef, rs, ts, live, ref listed, ref p0, c, col, epilogue);
        }
        if (col < end)
            CombineRowsVector<T, TV, TL>(coef, rs, ts, terms, b, c, 0, c.Rows, epilogue, col);
    }

    // Every row group of C over one packed panel (columns col .. col + 4W − 1), its `terms` rows at p0: all of the
    // product's terms (EveryTerm), or those termList names (ListedTerms). Not inlined, for CombinePackedPanels' reason.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void CombinePanel<T, TV, TL, TTerms>(Matrix<T> coef, int rs, int ts, int terms, ref int termList, ref T p0,
        Matrix<T> c, int col, Epilogue<T> epilogue)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TV : struct
        where TL : struct, ILanes<T, TV>
        where TTerms : struct, ITermOrder
    {
        int width = 4 * TL.Count, n = c.Cols;
        for (int i = 0, rows; i < c.Rows; i += rows)
        {
            rows = Tiles.NextRows(c.Rows - i);
            ref T ai = ref Unsafe.Add(ref coef.Start, i * rs);
            ref T ci = ref Unsafe.Add(ref c.Start, i * n + col);
            switch (rows)
            {
                case 3: CombineTile<T, TV, TL, Three, Four, TTerms>(ref ai, rs, ts, terms, ref termList, ref p0, width, ref ci, n, epilogue); break;
                case 2: CombineTile<T, TV, TL, Two, Four, TTerms>(ref ai, rs, ts, terms, ref termList, ref p0, width, ref ci, n, epilogue); break;
                default: CombineTile<T, TV, TL, One, Four, TTerms>(ref ai, rs, ts, terms, ref termList, ref p0, width, ref ci, n, epilogue); break;
            }
        }
    }

    // True when every element of a panel's piece of a row is ±0 (whole 256-bit registers: a panel is 4 of its width).
    private static bool IsZero<T>(ReadOnlySpan<T> piece) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ref T p = ref MemoryMarshal.GetReference(piece);
        Vector256<T> any = Vector256<T>.Zero;
        for (int o = 0; o < piece.Length; o += Vector256<T>.Count)
            any |= ~Vector256.Equals(Vector256.LoadUnsafe(ref p, (nuint)o), Vector256<T>.Zero);
        return any == Vector256<T>.Zero;
    }

    // The terms a panel keeps, one list per thread, grown when a product has more terms.
    private static class TermLists
    {
        [ThreadStatic]
        private static int[]? buffer;

        public static int[] For(int terms) => buffer is { } b && b.Length >= terms ? b : buffer = new int[terms];
    }

    // One panel buffer per thread and element type, grown when a product needs more (an epoch allocates nothing),
    // from a cache line on: a panel is read a register at a time.
    private static class Panels<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        [ThreadStatic]
        private static AlignedBuffer<T>? buffer;

        public static AlignedBuffer<T> For(int length) =>
            buffer is { } b && b.Length >= length ? b : buffer = new AlignedBuffer<T>(length);
    }

    // TRows output rows from row i: tiles 4 registers wide, then one 1 to 3 wide (and with 512-bit registers one of 256
    // bits), then the last columns one by one.
    private static void CombineRowGroup<T, TV, TL, TRows>(Matrix<T> coef, int rs, int ts, int terms, Matrix<T> b, Matrix<T> c, int i,
        Epilogue<T> epilogue, int col)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TV : struct
        where TL : struct, ILanes<T, TV>
        where TRows : struct, ITileSize
    {
        int w = TL.Count, n = c.Cols;
        ref T ai = ref Unsafe.Add(ref coef.Start, i * rs);
        ref T b0 = ref b.Start;
        ref T ci = ref Unsafe.Add(ref c.Start, i * n);
        for (; col + 4 * w <= n; col += 4 * w)
            CombineTile<T, TV, TL, TRows, Four, EveryTerm>(ref ai, rs, ts, terms, ref Unsafe.NullRef<int>(), ref Unsafe.Add(ref b0, col), n, ref Unsafe.Add(ref ci, col), n, epilogue);
        switch ((n - col) / w)
        {
            case 3: CombineTile<T, TV, TL, TRows, Three, EveryTerm>(ref ai, rs, ts, terms, ref Unsafe.NullRef<int>(), ref Unsafe.Add(ref b0, col), n, ref Unsafe.Add(ref ci, col), n, epilogue); break;
            case 2: CombineTile<T, TV, TL, TRows, Two, EveryTerm>(ref ai, rs, ts, terms, ref Unsafe.NullRef<int>(), ref Unsafe.Add(ref b0, col), n, ref Unsafe.Add(ref ci, col), n, epilogue); break;
            case 1: CombineTile<T, TV, TL, TRows, One, EveryTerm>(ref ai, rs, ts, terms, ref Unsafe.NullRef<int>(), ref Unsafe.Add(ref b0, col), n, ref Unsafe.Add(ref ci, col), n, epilogue); break;
        }
        col += (n - col) / w * w;
        if (w > Vector256<T>.Count && n - col >= Vector256<T>.Count) // 512-bit registers: one more of 256 bits
        {
            CombineTile<T, Vector256<T>, Lanes256<T>, TRows, One, EveryTerm>(ref ai, rs, ts, terms, ref Unsafe.NullRef<int>(), ref Unsafe.Add(ref b0, col), n, ref Unsafe.Add(ref ci, col), n, epilogue);
            col += Vector256<T>.Count;
        }
        for (int row = 0; row < TRows.Count; row++)
            CombineScalarColumns(ref Unsafe.Add(ref ai, row * rs), ts, terms, ref b0, n, ref Unsafe.Add(ref ci, row * n), col, epilogue);
    }

    // Up to 3 rows x 4 registers of C: ci points at C[i, col] (rows cStride apart), bc at B[0, col] (rows bStride
    // apart: B itself, or a packed panel), ai at coef(i, 0). With TTerms ListedTerms, the `terms` rows at bc are
    // the terms termList names (a packed panel that left zero terms out), in increasing order.
    // 12 accumulators + 3 broadcast coefficients + 1 register of B fill the 16 registers; every C[i,c] sums its
    // terms r = 0, 1, ... in order, whichever tile computes it.
    private static void CombineTile<T, TV, TL, TRows, TRegisters, TTerms>(ref T ai, int rs, int ts, int terms, ref int termList,
        ref T bc, int bStride, ref T ci, int cStride, Epilogue<T> epilogue)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TV : struct
        where TL : struct, ILanes<T, TV>
        where TRows : struct, ITileSize
        where TRegisters : struct, ITileSize
        where TTerms : struct, ITermOrder
    {
        int rows = TRows.Count, regs = TRegisters.Count;
        nuint w = (nuint)TL.Count;
        TV s00 = default, s01 = default, s02 = default, s03 = default;
        TV s10 = default, s11 = default, s12 = default, s13 = default;
        TV s20 = default, s21 = default, s22 = default, s23 = default;
        TV x1 = default, x2 = default;
        ref T ar = ref ai, br = ref bc; // coef(i, r) and B[r, col], one term further each step
        for (int t = 0; t < terms; t++, br = ref Unsafe.Add(ref br, bStride))
        {
            if (TTerms.Listed)
                ar = ref Unsafe.Add(ref ai, Unsafe.Add(ref termList, t) * ts);
            TV x0 = TL.Broadcast(ar);
            if (rows > 1) x1 = TL.Broadcast(Unsafe.Add(ref ar, rs));
            if (rows > 2) x2 = TL.Broadcast(Unsafe.Add(ref ar, 2 * rs));
            TV y = TL.Load(ref br, 0);
            s00 = TL.MultiplyAdd(x0, y, s00);
            if (rows > 1) s10 = TL.MultiplyAdd(x1, y, s10);
            if (rows > 2) s20 = TL.MultiplyAdd(x2, y, s20);
            if (regs > 1)
            {
                y = TL.Load(ref br, w);
                s01 = TL.MultiplyAdd(x0, y, s01);
                if (rows > 1) s11 = TL.MultiplyAdd(x1, y, s11);
                if (rows > 2) s21 = TL.MultiplyAdd(x2, y, s21);
            }
            if (regs > 2)
            {
                y = TL.Load(ref br, 2 * w);
                s02 = TL.MultiplyAdd(x0, y, s02);
                if (rows > 1) s12 = TL.MultiplyAdd(x1, y, s12);
                if (rows > 2) s22 = TL.MultiplyAdd(x2, y, s22);
            }
            if (regs > 3)
            {
                y = TL.Load(ref br, 3 * w);
                s03 = TL.MultiplyAdd(x0, y, s03);
                if (rows > 1) s13 = TL.MultiplyAdd(x1, y, s13);
                if (rows > 2) s23 = TL.MultiplyAdd(x2, y, s23);
            }
            if (!TTerms.Listed)
                ar = ref Unsafe.Add(ref ar, ts);
        }
        StoreRow<T, TV, TL>(ref ci, regs, epilogue, s00, s01, s02, s03);
        if (rows > 1) StoreRow<T, TV, TL>(ref Unsafe.Add(ref ci, cStride), regs, epilogue, s10, s11, s12, s13);
        if (rows > 2) StoreRow<T, TV, TL>(ref Unsafe.Add(ref ci, 2 * cStride), regs, epilogue, s20, s21, s22, s23);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreRow<T, TV, TL>(ref T ci, int regs, Epilogue<T> epilogue, TV s0, TV s1, TV s2, TV s3)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TV : struct
        where TL : struct, ILanes<T, TV>
    {
        nuint w = (nuint)TL.Count;
        epilogue.Apply<TV, TL>(s0, ref ci, 0);
        if (regs > 1) epilogue.Apply<TV, TL>(s1, ref ci, w);
        if (regs > 2) epilogue.Apply<TV, TL>(s2, ref ci, 2 * w);
        if (regs > 3) epilogue.Apply<TV, TL>(s3, ref ci, 3 * w);
    }

    // Columns col..n-1 of one output row (fewer than a register's worth), one scalar sum each, terms in order.
    private static void CombineScalarColumns<T>(ref T ai, int ts, int terms, ref T b0, int n, ref T ci, int col,
        Epilogue<T> epilogue)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (; col < n; col++)
        {
            T s = T.Zero;
            for (int r = 0; r < terms; r++)
                s = Simd.MultiplyAdd(Unsafe.Add(ref ai, r * ts), Unsafe.Add(ref b0, r * n + col), s);
            epilogue.Apply(s, ref Unsafe.Add(ref ci, col));
        }
    }

    private static void CombineRowsScalar<T>(Matrix<T> coef, int rs, int ts, int terms, Matrix<T> b, Matrix<T> c,
        Epilogue<T> epilogue)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Span<T> coefficients = coef.AsSpan();
        for (int i = 0; i < c.Rows; i++)
            for (int j = 0; j < c.Cols; j++)
            {
                T s = T.Zero;
                for (int r = 0; r < terms; r++)
                    s += coefficients[i * rs + r * ts] * b[r, j];
                epilogue.Apply(s, ref c[i, j]);
            }
    }
}
