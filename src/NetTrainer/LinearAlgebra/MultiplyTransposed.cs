// A·Bᵀ: the forward pass, zᵀ = aᵀ wᵀ (see Kernels.cs for the glossary).
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NetTrainer.LinearAlgebra;

public static partial class Kernels
{
    /// <summary>C (m, n) = A (m, k) · Bᵀ, with B (n, k): every C[i,j] is a dot product of two rows.</summary>
    public static void MultiplyTransposed<T>(Matrix<T> a, Matrix<T> b, Matrix<T> c, int threads)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        MultiplyTransposed(a, b, c, threads, skipZeroChunks: false);

    /// <summary>
    /// A·Bᵀ; with <paramref name="skipZeroChunks"/>, for an A that is mostly zeros (the first layer's input), each
    /// tile's dot products skip the 256-bit pieces of k where its rows of A are all zero (LiveChunks), for a first
    /// look at A's rows: the same bits.
    /// </summary>
    internal static void MultiplyTransposed<T>(Matrix<T> a, Matrix<T> b, Matrix<T> c, int threads, bool skipZeroChunks)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Shapes.RequireMultiplyTransposed(a, b, c);
        if (!Simd.Enabled<T>())
        {
            NaiveKernels.MultiplyTransposed(a, b, c);
            return;
        }
        LiveChunks? live = null;
        if (skipZeroChunks)
            (live = liveChunks ??= new()).Mark(a);
        long work = (long)a.Rows * b.Rows * a.Cols;
        bool byColumns = SplitsByColumns(a.Rows, b.Rows), wide = Simd.Wide<T>();
        if (SplitsMultiplyTransposed(a.Rows, b.Rows, a.Cols, threads))
            MultiplyTransposedInParallel(a, b, c, live, work, threads, byColumns, wide);
        else
            MultiplyTransposedRows(a, b, c, live, 0, a.Rows, 0, b.Rows, wide);
    }

    /// <summary>True when A (m, k) · Bᵀ with B (n, k) is split over <paramref name="threads"/> threads.</summary>
    internal static bool SplitsMultiplyTransposed(int m, int n, int k, int threads)
    {
        long work = (long)m * n * k;
        return SplitsByColumns(m, n)
            ? Parallelism.WorthSplitting(n, ColumnAlign, work, threads)
            : Parallelism.WorthSplitting(m, Tiles.RowAlign, work, threads);
    }

    // Split along the larger operand, so that each thread streams its own part of it: by rows of A, or (a wide layer's
    // weights, B, larger than the mini-batch, A) by rows of B, the columns of C. A tie with rows enough to pack B's
    // panels goes to B: a piece then packs only its own rows of B, where split by rows of A every piece packs all of B
    // (1024³ on 2 threads, interleaved over 14 rounds: 102-141 GFLOP/s against 73-137, ahead in 11).
    private static bool SplitsByColumns(int m, int n) => n > m || (n == m && m >= PackMinRows);

    // The calling thread's marks of A's live chunks, reused (its workers read them during the call).
    [ThreadStatic]
    private static LiveChunks? liveChunks;

    // A tile's union of its rows' marks, one buffer per thread, grown when needed.
    [ThreadStatic]
    private static ulong[]? tileChunks;

    // Columns of C a thread's piece starts on a multiple of: whole dot-product tiles (4 wide), and whole 64-byte
    // lines of C's float rows (a Matrix starts on a line, so a row of 16k floats does too), so that two threads never
    // write the same line.
    private const int ColumnAlign = 16;

    private static void MultiplyTransposedInParallel<T>(Matrix<T> a, Matrix<T> b, Matrix<T> c, LiveChunks? live, long work,
        int threads, bool byColumns, bool wide)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        // The caller may run the whole product alone (Parallelism.ForRows), and then pack panels its pieces would
        // not: its panel buffer is sized now, at the first such product, so that an epoch still allocates nothing.
        if (a.Rows >= PackMinRows)
            Panels<T>.For(PackedLength<T>(Math.Min(PanelRows<T>(a.Cols), b.Rows), a.Cols));
        MultiplyTransposedJob<T> job = Jobs<T>.MultiplyTransposed ??= new();
        (job.A, job.B, job.C, job.Live, job.ByColumns, job.Wide) = (a, b, c, live, byColumns, wide);
        try
        {
            if (byColumns)
                Parallelism.ForRows(b.Rows, ColumnAlign, work, threads, job);
            else
                Parallelism.ForRows(a.Rows, Tiles.RowAlign, work, threads, job);
        }
        finally
        {
            (job.A, job.B, job.C, job.Live) = (null, null, null, null);
        }
    }

    /// <summary>Bytes of B's rows kept hot while a panel of A's rows passes over them (about 3/8 of a 512 KB L2).</summary>
    private const int PanelBytes = 192 * 1024;

    // Rows of B in a panel: about PanelBytes, a multiple of 4.
    private static int PanelRows<T>(int k) => Math.Max(4, PanelBytes / Math.Max(1, k * Unsafe.SizeOf<T>()) / 4 * 4);

    // C[rowStart..rowEnd-1, colStart..colEnd-1].
    private static void MultiplyTransposedRows<T>(Matrix<T> a, Matrix<T> b, Matrix<T> c, LiveChunks? live, int rowStart,
        int rowEnd, int colStart, int colEnd, bool wide)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        // B is taken a panel of rows at a time so that the panel stays in cache while every row of A passes;
        // each C[i,j] is still one whole dot product, so the panel size never changes a result.
        int k = a.Cols, panel = PanelRows<T>(k);
        for (int j0 = colStart; j0 < colEnd; j0 += panel)
            MultiplyTransposedPanel(a, b, c, live, rowStart, rowEnd, j0, Math.Min(colEnd, j0 + panel), wide);
    }

    private static void MultiplyTransposedPanel<T>(Matrix<T> a, Matrix<T> b, Matrix<T> c, LiveChunks? live, int rowStart,
        int rowEnd, int colStart, int colEnd, bool wide)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (wide)
            DotPanel<T, Vector512<T>, Lanes512<T>>(a, b, c, live, rowStart, rowEnd, colStart, colEnd);
        else
            DotPanel<T, Vector256<T>, Lanes256<T>>(a, b, c, live, rowStart, rowEnd, colStart, colEnd);
    }

    // Every dot product keeps 256-bit lane-wise sums, at every width: a 512-bit register holds the sums of two rows
    // of A (ILanes.LoadRows) against one row of B repeated in both halves. Rows go in tiles of up to 3 registers
    // (Tiles.NextRows counts registers); with 512 bits an odd last row goes on a 256-bit tile, which sums it in the
    // same order. When PackMinRows or more rows of A pass over the panel, its rows of B are first packed (PackPanel)
    // so that a tile reads them as one stream.
    private static void DotPanel<T, TV, TL>(Matrix<T> a, Matrix<T> b, Matrix<T> c, LiveChunks? live, int rowStart, int rowEnd,
        int colStart, int colEnd)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TV : struct
        where TL : struct, ILanes<T, TV>
    {
        int perRegister = TL.Count / Vector256<T>.Count, whole = rowStart + (rowEnd - rowStart) / perRegister * perRegister;
        if (rowEnd - rowStart < PackMinRows)
        {
            DotPanelRows<T, TV, TL, InPlacePanel>(a, b, b.Storage, c, live, rowStart, rowEnd, whole, colStart, colEnd);
            return;
        }
        AlignedBuffer<T> packed = PackPanel(b, colStart, colEnd);
        DotPanelRows<T, TV, TL, PackedPanel>(a, b, packed, c, live, rowStart, rowEnd, whole, colStart, colEnd);
    }

    /// <summary>
    /// Rows of A a panel needs before its rows of B are packed: packing costs about a pass over them, and each
    /// tile of 3 registers of rows is a pass.
    /// </summary>
    private const int PackMinRows = 32;

    // bData holds B's rows (TB InPlacePanel) or the panel PackPanel packed (TB PackedPanel). Both are pinned, as
    // ILanes.LoadRepeated may read B through a pointer.
    private static void DotPanelRows<T, TV, TL, TB>(Matrix<T> a, Matrix<T> b, AlignedBuffer<T> bData, Matrix<T> c,
        LiveChunks? live, int rowStart, int rowEnd, int whole, int colStart, int colEnd)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TV : struct
        where TL : struct, ILanes<T, TV>
        where TB : struct, IPanelLayout
    {
        int perRegister = TL.Count / Vector256<T>.Count;
        for (int i = rowStart, registers; i < whole; i += registers * perRegister)
        {
            registers = Tiles.NextRows((whole - i) / perRegister);
            switch (registers)
            {
                case 3: DotRows<T, TV, TL, Three, TB>(a, b, bData, c, live, i, colStart, colEnd); break;
                case 2: DotRows<T, TV, TL, Two, TB>(a, b, bData, c, live, i, colStart, colEnd); break;
                default: DotRows<T, TV, TL, One, TB>(a, b, bData, c, live, i, colStart, colEnd); break;
            }
        }
        if (whole < rowEnd)
            DotRows<T, Vector256<T>, Lanes256<T>, One, TB>(a, b, bData, c, live, whole, colStart, colEnd);
    }

    // Rows colStart..colEnd-1 of B, packed for DotTile: in groups of 4 rows (the last 1 to 3), each group's 256-bit
    // pieces in the order the tile reads them (piece p of its first row, of its second, ..., then piece p + 1);
    // only the whole pieces (the scalar tail is read from B itself). One buffer per thread, grown when needed.
    private static AlignedBuffer<T> PackPanel<T>(Matrix<T> b, int colStart, int colEnd) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int k = b.Cols, w = Vector256<T>.Count, kWhole = k / w * w;
        AlignedBuffer<T> packed = Panels<T>.For(PackedLength<T>(colEnd - colStart, k));
        ref T b0 = ref b.Start;
        ref T p0 = ref packed.Start;
        for (int j = colStart; j < colEnd; j += 4)
        {
            int cols = Math.Min(4, colEnd - j);
            ref T group = ref Unsafe.Add(ref p0, (j - colStart) * kWhole);
            ref T row = ref Unsafe.Add(ref b0, j * k);
            for (int o = 0, to = 0; o < kWhole; o += w) // the group written in order, its rows read side by side
                for (int col = 0; col < cols; col++, to += w)
                    Vector256.LoadUnsafe(ref row, (nuint)(col * k + o)).StoreUnsafe(ref group, (nuint)to);
        }
        return packed;
    }

    // Elements PackPanel writes for `rows` rows of B of length k (their whole 256-bit pieces), and one register
    // more, which DotTile's last step past a group points at without reading.
    private static int PackedLength<T>(int rows, int k) where T : unmanaged, IFloatingPointIeee754<T> =>
        rows * (k / Vector256<T>.Count * Vector256<T>.Count) + Vector256<T>.Count;

    // The rows of TRows registers from row i, columns colStart..colEnd-1: tiles 4 wide, then one 1 to 3 wide. The
    // tiles step over the chunks of k that hold a nonzero in one of these rows (all of them without `live`).
    private static void DotRows<T, TV, TL, TRows, TB>(Matrix<T> a, Matrix<T> b, AlignedBuffer<T> bData, Matrix<T> c,
        LiveChunks? live, int i, int colStart, int colEnd)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TV : struct
        where TL : struct, ILanes<T, TV>
        where TRows : struct, ITileSize
        where TB : struct, IPanelLayout
    {
        int k = a.Cols, chunks = k / Vector256<T>.Count, kWhole = chunks * Vector256<T>.Count, words = LiveChunks.WordsFor(chunks);
        ulong[] tile = tileChunks is { } buffer && buffer.Length >= words ? buffer : tileChunks = new ulong[words];
        if (live is null)
            LiveChunks.All(chunks, tile.AsSpan(0, words));
        else
            live.Union(i, TRows.Count * (TL.Count / Vector256<T>.Count), tile.AsSpan(0, words));
        ref ulong chunkBits = ref MemoryMarshal.GetArrayDataReference(tile);
        ref T ai = ref Unsafe.Add(ref a.Start, i * k);
        ref T b0 = ref b.Start;
        int j = colStart;
        for (; j + 4 <= colEnd; j += 4)
            DotTile<T, TV, TL, TRows, Four, TB>(ref ai, ref Unsafe.Add(ref b0, j * k), ref Group(j), k, ref chunkBits, words, c, i, j);
        switch (colEnd - j)
        {
            case 3: DotTile<T, TV, TL, TRows, Three, TB>(ref ai, ref Unsafe.Add(ref b0, j * k), ref Group(j), k, ref chunkBits, words, c, i, j); break;
            case 2: DotTile<T, TV, TL, TRows, Two, TB>(ref ai, ref Unsafe.Add(ref b0, j * k), ref Group(j), k, ref chunkBits, words, c, i, j); break;
            case 1: DotTile<T, TV, TL, TRows, One, TB>(ref ai, ref Unsafe.Add(ref b0, j * k), ref Group(j), k, ref chunkBits, words, c, i, j); break;
        }

        // The tile's rows of B as it reads them: packed from column colStart on, or B's own rows.
        ref T Group(int j) => ref TB.Packed
            ? ref Unsafe.Add(ref bData.Start, (j - colStart) * kWhole)
            : ref Unsafe.Add(ref bData.Start, j * k);
    }

    // Up to 3 registers of rows of A (ai, rows k apart; one or two rows a register) against up to 4 rows of B (bj,
    // rows k apart, for the scalar tail; bp, the same rows packed by PackPanel). 12 accumulators + 3 registers of A
    // + 1 of B: 16 registers. Each C[i,j] is summed in the same order by every tile shape and width: 256-bit
    // lane-wise FMA over p = 0, 8, 16, ... (floats; 4 for doubles), then the lanes added (Vector256.Sum), then the
    // scalar tail p..k-1. The chunks p .. p + w − 1 (w: 8 floats or 4 doubles) taken are those set in chunkBits
    // (`words` words; LiveChunks): the others are zero in all the tile's rows of A and would add ±0.
    private static void DotTile<T, TV, TL, TRows, TCols, TB>(ref T ai, ref T bj, ref T bp, int k, ref ulong chunkBits, int words,
        Matrix<T> c, int i, int j)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TV : struct
        where TL : struct, ILanes<T, TV>
        where TRows : struct, ITileSize
        where TCols : struct, ITileSize
        where TB : struct, IPanelLayout
    {
        int w = Vector256<T>.Count, per = TL.Count / w, regs = TRows.Count, cols = TCols.Count;
        TV s00 = default, s01 = default, s02 = default, s03 = default;
        TV s10 = default, s11 = default, s12 = default, s13 = default;
        TV s20 = default, s21 = default, s22 = default, s23 = default;
        TV x1 = default, x2 = default;
        // One reference per register of rows (unused ones alias row 0); a 512-bit register's second row is k further on.
        ref T a1 = ref regs > 1 ? ref Unsafe.Add(ref ai, per * k) : ref ai;
        ref T a2 = ref regs > 2 ? ref Unsafe.Add(ref ai, 2 * per * k) : ref ai;
        // B's piece o of column c: in place at bp + c·k + o; packed at bq + c·w, bq = bp + (o / w)·cols·w (the
        // group's pieces in order).
        nuint col = TB.Packed ? (nuint)w : (nuint)k, step = TB.Packed ? (nuint)(cols * w) : (nuint)w;
        nuint end = (nuint)k; // the distance to a register's second row
        for (int word = 0; word < words; word++)
        {
            // Each run of live chunks goes through the plain loop over p (a whole row is one run a word).
            for (ulong bits = Unsafe.Add(ref chunkBits, word); bits != 0; bits &= bits + (bits & (0 - bits))) // (+ the lowest bit: the run cleared)
            {
                int skipped = BitOperations.TrailingZeroCount(bits), first = word * 64 + skipped;
                int length = BitOperations.TrailingZeroCount(~(bits >> skipped));
                nuint o = (nuint)(first * w), runEnd = o + (nuint)(length * w);
                ref T bq = ref Unsafe.Add(ref bp, (nuint)first * step);
                for (; o < runEnd; o += (nuint)w, bq = ref Unsafe.Add(ref bq, step))
                {
                    TV x0 = TL.LoadRows(ref ai, end, o);
                    if (regs > 1) x1 = TL.LoadRows(ref a1, end, o);
                    if (regs > 2) x2 = TL.LoadRows(ref a2, end, o);
                    TV y = TL.LoadRepeated(ref bq, 0);
                    s00 = TL.MultiplyAdd(x0, y, s00);
                    if (regs > 1) s10 = TL.MultiplyAdd(x1, y, s10);
                    if (regs > 2) s20 = TL.MultiplyAdd(x2, y, s20);
                    if (cols > 1)
                    {
                        y = TL.LoadRepeated(ref bq, col);
                        s01 = TL.MultiplyAdd(x0, y, s01);
                        if (regs > 1) s11 = TL.MultiplyAdd(x1, y, s11);
                        if (regs > 2) s21 = TL.MultiplyAdd(x2, y, s21);
                    }
                    if (cols > 2)
                    {
                        y = TL.LoadRepeated(ref bq, 2 * col);
                        s02 = TL.MultiplyAdd(x0, y, s02);
                        if (regs > 1) s12 = TL.MultiplyAdd(x1, y, s12);
                        if (regs > 2) s22 = TL.MultiplyAdd(x2, y, s22);
                    }
                    if (cols > 3)
                    {
                        y = TL.LoadRepeated(ref bq, 3 * col);
                        s03 = TL.MultiplyAdd(x0, y, s03);
                        if (regs > 1) s13 = TL.MultiplyAdd(x1, y, s13);
                        if (regs > 2) s23 = TL.MultiplyAdd(x2, y, s23);
                    }
                }
            }
        }
        int p = k / w * w;
        for (int row = 0; row < regs * per; row++)
        {
            int reg = row / per, half = row % per;
            ref T ar = ref Unsafe.Add(ref ai, row * k);
            (TV r0, TV r1, TV r2, TV r3) = reg == 0 ? (s00, s01, s02, s03) : reg == 1 ? (s10, s11, s12, s13) : (s20, s21, s22, s23);
            FinishRow(ref ar, ref bj, p, k, c, i + row, j, cols,
                TL.RowSums(r0, half), TL.RowSums(r1, half), TL.RowSums(r2, half), TL.RowSums(r3, half));
        }
    }

    // C[i, j..j+cols-1]: each lane-wise sum reduced as Vector256.Sum reduces it (the sum of each 128-bit half's
    // ((x0 + x1) + (x2 + x3)), lower + upper), then the scalar tail p..k-1 added. For floats the four reductions run
    // together on horizontal adds, which pair the same lanes in the same order; the tails of the four columns run in
    // one loop, four independent chains (one after another, a short row's tails were most of its time).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void FinishRow<T>(ref T ai, ref T bj, int p, int k, Matrix<T> c, int i, int j, int cols,
        Vector256<T> s0, Vector256<T> s1, Vector256<T> s2, Vector256<T> s3)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T c0, c1, c2, c3;
        if (typeof(T) == typeof(float) && Avx.IsSupported)
        {
            Vector256<float> pairs = Avx.HorizontalAdd(
                Avx.HorizontalAdd(s0.AsSingle(), s1.AsSingle()), Avx.HorizontalAdd(s2.AsSingle(), s3.AsSingle()));
            Vector128<T> sums = (pairs.GetLower() + pairs.GetUpper()).As<float, T>();
            if (cols == 4 && p == k)
            {
                (sums + Vector128<T>.Zero).StoreUnsafe(ref c[i, j]); // + 0: a zero sum is +0 (LiveChunks)
                return;
            }
            (c0, c1, c2, c3) = (sums.GetElement(0), sums.GetElement(1), sums.GetElement(2), sums.GetElement(3));
        }
        else
            (c0, c1, c2, c3) = (Vector256.Sum(s0), Vector256.Sum(s1), Vector256.Sum(s2), Vector256.Sum(s3));
        ref T b1 = ref Unsafe.Add(ref bj, cols > 1 ? k : 0);
        ref T b2 = ref Unsafe.Add(ref bj, cols > 2 ? 2 * k : 0);
        ref T b3 = ref Unsafe.Add(ref bj, cols > 3 ? 3 * k : 0);
        for (; p < k; p++)
        {
            T x = Unsafe.Add(ref ai, p);
            c0 = Simd.MultiplyAdd(x, Unsafe.Add(ref bj, p), c0);
            if (cols > 1) c1 = Simd.MultiplyAdd(x, Unsafe.Add(ref b1, p), c1);
            if (cols > 2) c2 = Simd.MultiplyAdd(x, Unsafe.Add(ref b2, p), c2);
            if (cols > 3) c3 = Simd.MultiplyAdd(x, Unsafe.Add(ref b3, p), c3);
        }
        ref T ci = ref c[i, j];
        // + 0: a zero sum is stored as +0, whatever chunks were skipped (LiveChunks).
        ci = c0 + T.Zero;
        if (cols > 1) Unsafe.Add(ref ci, 1) = c1 + T.Zero;
        if (cols > 2) Unsafe.Add(ref ci, 2) = c2 + T.Zero;
        if (cols > 3) Unsafe.Add(ref ci, 3) = c3 + T.Zero;
    }

    private sealed class MultiplyTransposedJob<T> : IRowJob where T : unmanaged, IFloatingPointIeee754<T>
    {
        public Matrix<T>? A, B, C;
        public LiveChunks? Live; // A's live chunks, or null: every chunk
        public bool ByColumns; // start .. end are columns of C (rows of B), else rows of C
        public bool Wide; // 512-bit registers (Simd.Wide, as the caller decided)

        public void Run(int start, int end)
        {
            if (ByColumns)
                MultiplyTransposedRows(A!, B!, C!, Live, 0, A!.Rows, start, end, Wide);
            else
                MultiplyTransposedRows(A!, B!, C!, Live, start, end, 0, B!.Rows, Wide);
        }
    }
}
