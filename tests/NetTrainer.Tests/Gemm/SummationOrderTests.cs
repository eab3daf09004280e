using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using NetTrainer.LinearAlgebra;

namespace NetTrainer.Tests.Gemm;

/// <summary>
/// Every tile shape sums each element of C in one fixed order, so a result never depends on which tile (or thread)
/// computed it and training runs repeat bit for bit. Here that order is written out one element at a time and the
/// kernels must match it exactly, not within rounding, on each register width: 256 bits (AVX2) and 512 bits
/// (AVX-512; on a CPU without it .NET's software Vector512, which rounds each lane the same way).
/// </summary>
public class SummationOrderTests(int width) : OnEachRegisterWidth(width)
{
    [TestCaseSource(typeof(KernelTests), nameof(KernelTests.Shapes))]
    public void MultiplyTransposed_sums_each_element_as_one_dot_product(int m, int n, int k)
    {
        AssertDotOrder(KernelTests.Random<float>(m, k, 1), KernelTests.Random<float>(n, k, 2));
        AssertDotOrder(KernelTests.Random<double>(m, k, 1), KernelTests.Random<double>(n, k, 2));
    }

    [TestCaseSource(typeof(KernelTests), nameof(KernelTests.Shapes))]
    public void TransposeMultiply_and_Multiply_sum_each_element_term_by_term(int m, int n, int k)
    {
        AssertTermOrder<float>(m, n, k);
        AssertTermOrder<double>(m, n, k);
    }

    [Test]
    public void Split_products_keep_the_order_on_every_thread()
    {
        // Big enough to be split over the threads, with row counts whose pieces end in 1- and 2-row tiles.
        Matrix<float> a = KernelTests.Random<float>(103, 203, 8), b = KernelTests.Random<float>(101, 203, 9);
        Matrix<float> c = new(103, 101);
        Kernels.MultiplyTransposed(a, b, c, threads: Math.Max(2, Environment.ProcessorCount));
        AssertBits(c, (i, j) => Dot<float>(a.Row(i), b.Row(j)));
        // B with more rows than A (a wide layer's weights against a mini-batch): split by B's rows, C's columns.
        Matrix<float> wide = KernelTests.Random<float>(301, 203, 14), byColumns = new(103, 301);
        Kernels.MultiplyTransposed(a, wide, byColumns, threads: Math.Max(2, Environment.ProcessorCount));
        AssertBits(byColumns, (i, j) => Dot<float>(a.Row(i), wide.Row(j)));
        Matrix<float> t = KernelTests.Random<float>(101, 203, 10), old = t.Clone(); // C (103, 101) as the coefficients
        Kernels.TransposeMultiplyUpdate(c, a, t, alpha: -0.25f, beta: 0.5f, threads: Math.Max(2, Environment.ProcessorCount));
        AssertBits(t, (i, j) => Simd.MultiplyAdd(Terms(c.Rows, r => c[r, i], r => a[r, j]), -0.25f, old[i, j] * 0.5f));
    }

    [Test]
    public void Packed_rows_of_B_keep_the_order_across_panels()
    {
        // 40 rows of A, enough for A·Bᵀ to pack B's rows, against 61 rows of 2003 elements: panels of 24 rows
        // (192 KB), so three, the last of 13 rows (groups of 4, 4, 4 and 1), and a scalar tail of 3 elements.
        AssertDotOrder(KernelTests.Random<float>(40, 2003, 15), KernelTests.Random<float>(61, 2003, 16));
        AssertDotOrder(KernelTests.Random<double>(40, 2003, 15), KernelTests.Random<double>(61, 2003, 16));
    }

    [TestCase(1)]
    [TestCase(2)]
    public void Packed_panels_of_B_keep_the_order_of_every_term(int threads)
    {
        // 100 terms over 203 columns of B (80 KB: copied a panel of 4 registers at a time, 6 panels of 32 columns and
        // 11 over, or with 512 bits 3 of 64 and 11 over), as BP4's update on a mini-batch of 100; on two threads the
        // panels are shared out.
        Matrix<float> at = KernelTests.Random<float>(100, 61, 11), b = KernelTests.Random<float>(100, 203, 12);
        Matrix<float> updated = KernelTests.Random<float>(61, 203, 13), old = updated.Clone(), product = new(61, 203);
        Kernels.TransposeMultiplyUpdate(at, b, updated, alpha: -0.05f, beta: 0.9f, threads);
        AssertBits(updated, (i, j) => Simd.MultiplyAdd(Terms(100, r => at[r, i], r => b[r, j]), -0.05f, old[i, j] * 0.9f));
        Kernels.TransposeMultiply(at, b, product, threads);
        AssertBits(product, (i, j) => Terms(100, r => at[r, i], r => b[r, j]));
    }

    [TestCase(1)]
    [TestCase(2)]
    public void Packed_panels_leave_out_the_terms_whose_piece_of_B_is_zero_and_keep_the_order(int threads)
    {
        // BP4 on the first layer: B is x, zero over most of each image. Here B's rows are zero (+0 and −0) over
        // about 3 of 5 runs of 8 columns, and columns 64..127 are zero in every row, so a panel there keeps no term
        // and the update only scales the old weights.
        Matrix<float> at = KernelTests.Random<float>(100, 61, 31), b = MostlyZeros<float>(100, 203, 32);
        for (int r = 0; r < b.Rows; r++)
            b.Row(r)[64..128].Clear();
        Matrix<float> updated = KernelTests.Random<float>(61, 203, 33), old = updated.Clone(), product = new(61, 203);
        Kernels.TransposeMultiplyUpdate(at, b, updated, alpha: -0.05f, beta: 0.9f, threads);
        AssertBits(updated, (i, j) => Simd.MultiplyAdd(Terms(100, r => at[r, i], r => b[r, j]), -0.05f, old[i, j] * 0.9f));
        Kernels.TransposeMultiply(at, b, product, threads);
        AssertBits(product, (i, j) => Terms(100, r => at[r, i], r => b[r, j]));
    }

    [TestCase(10, 100)] // BP4 on 784,100,10's first layer at mini-batch 10: few terms, packed because B is sparse
    [TestCase(10, 30)] // too few rows of C to repay the copy: combined in place
    [TestCase(3, 67)]
    public void BP4_on_a_sparse_B_keeps_the_order_of_every_term(int terms, int rows)
    {
        Matrix<float> at = KernelTests.Random<float>(terms, rows, 34), b = MostlyZeros<float>(terms, 203, 35);
        Matrix<float> updated = KernelTests.Random<float>(rows, 203, 36), old = updated.Clone(), product = new(rows, 203);
        Kernels.TransposeMultiplyUpdate(at, b, updated, alpha: -0.05f, beta: 0.9f, threads: 1, sparseB: true);
        AssertBits(updated, (i, j) => Simd.MultiplyAdd(Terms(terms, r => at[r, i], r => b[r, j]), -0.05f, old[i, j] * 0.9f));
        Kernels.TransposeMultiply(at, b, product, threads: 1, sparseB: true);
        AssertBits(product, (i, j) => Terms(terms, r => at[r, i], r => b[r, j]));
    }

    [TestCaseSource(typeof(KernelTests), nameof(KernelTests.Shapes))]
    public void MultiplyTransposed_skipping_the_zero_chunks_of_A_sums_each_element_as_the_whole_dot_product(int m, int n, int k)
    {
        AssertDotOrder(MostlyZeros<float>(m, k, 21), KernelTests.Random<float>(n, k, 22), threads: 1, skipZeroChunks: true);
        AssertDotOrder(MostlyZeros<double>(m, k, 21), KernelTests.Random<double>(n, k, 22), threads: 1, skipZeroChunks: true);
    }

    [TestCase(40, 61, 2003, 1)] // B's rows packed in panels; 250 chunks a row, so 4 words of bits
    [TestCase(100, 800, 784, 2)] // 784,800,10's first layer on a mini-batch of 100, split by B's rows (C's columns)
    [TestCase(103, 101, 784, 2)] // split by A's rows
    public void Large_products_skipping_the_zero_chunks_of_A_keep_the_order(int m, int n, int k, int threads)
    {
        AssertDotOrder(MostlyZeros<float>(m, k, 23), KernelTests.Random<float>(n, k, 24), threads, skipZeroChunks: true);
        AssertDotOrder(MostlyZeros<double>(m, k, 23), KernelTests.Random<double>(n, k, 24), threads, skipZeroChunks: true);
    }

    [Test]
    public void A_zero_sum_is_plus_zero_whether_or_not_zero_terms_are_skipped()
    {
        // Each lane's first product underflows to −0 (−1e−30 · 1e−30); the dense sum then adds the +0 terms of a zero
        // piece of A (or of B) and ends at +0, where skipping that piece would leave −0. Both must store +0 (the bits
        // are compared: Equals takes −0 for +0).
        // 6 rows of A against 4 of B: a whole tile at either width (3 registers of 2 rows at 512 bits), whose four
        // dot products per row are stored together.
        const float tiny = 1e-30f;
        var a = new Matrix<float>(6, 16);
        var b = new Matrix<float>(4, 16);
        for (int p = 0; p < 8; p++)
        {
            for (int i = 0; i < a.Rows; i++)
                a[i, p] = -tiny;
            for (int j = 0; j < b.Rows; j++)
                b[j, p] = tiny;
        }
        for (int j = 0; j < b.Rows; j++)
            for (int p = 8; p < 16; p++)
                b[j, p] = 1f; // A's second chunk is zero: 0 · 1 = +0
        foreach (bool skip in new[] { false, true })
        {
            var c = new Matrix<float>(6, 4);
            Kernels.MultiplyTransposed(a, b, c, threads: 1, skipZeroChunks: skip);
            Assert.That(c.ToArray().Select(BitConverter.SingleToInt32Bits), Is.All.Zero, $"A·Bᵀ, skipping zero chunks: {skip}");
        }

        // BP4's terms: coef · B[r, :] over r = 0, 1, with B's row 1 zero; 64 rows of C, so that a sparse B is packed
        // and its zero term left out.
        var coef = new Matrix<float>(2, 64);
        var rows = new Matrix<float>(2, 64); // a whole panel at either width
        for (int i = 0; i < 64; i++)
            (coef[0, i], coef[1, i], rows[0, i]) = (-tiny, 1f, tiny);
        foreach (bool sparse in new[] { false, true })
        {
            var product = new Matrix<float>(64, 64);
            Kernels.TransposeMultiply(coef, rows, product, threads: 1, sparseB: sparse);
            Assert.That(product.ToArray().Select(BitConverter.SingleToInt32Bits), Is.All.Zero, $"Aᵀ·B, sparse B: {sparse}");
        }
    }

    // A like the first layer's input: in each row about 3 chunks (256-bit pieces) in 5 zero, as +0 and −0, and every
    // fifth row zero throughout but for its scalar tail.
    private static Matrix<T> MostlyZeros<T>(int rows, int cols, int seed) where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        Matrix<T> a = KernelTests.Random<T>(rows, cols, seed);
        var rng = new Random(seed + 1);
        int w = Vector256<T>.Count;
        for (int i = 0; i < rows; i++)
        {
            Span<T> row = a.Row(i);
            for (int chunk = 0; chunk + w <= cols; chunk += w)
                if (i % 5 == 4 || rng.NextDouble() < 0.6)
                    for (int p = chunk; p < chunk + w; p++)
                        row[p] = rng.Next(2) == 0 ? T.Zero : T.NegativeZero;
        }
        return a;
    }

    private static void AssertDotOrder<T>(Matrix<T> a, Matrix<T> b, int threads, bool skipZeroChunks)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        Matrix<T> c = new(a.Rows, b.Rows);
        Kernels.MultiplyTransposed(a, b, c, threads, skipZeroChunks);
        AssertBits(c, (i, j) => Dot<T>(a.Row(i), b.Row(j)));
    }

    private static void AssertDotOrder<T>(Matrix<T> a, Matrix<T> b) where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        Matrix<T> c = new(a.Rows, b.Rows);
        Kernels.MultiplyTransposed(a, b, c, threads: 1);
        AssertBits(c, (i, j) => Dot<T>(a.Row(i), b.Row(j)));
    }

    private static void AssertTermOrder<T>(int m, int n, int k) where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        Matrix<T> at = KernelTests.Random<T>(k, m, 3), b = KernelTests.Random<T>(k, n, 4), c = new(m, n);
        Kernels.TransposeMultiply(at, b, c, threads: 1);
        AssertBits(c, (i, j) => Terms(k, r => at[r, i], r => b[r, j]));

        Matrix<T> a = KernelTests.Random<T>(m, k, 5), product = new(m, n);
        Kernels.Multiply(a, b, product, threads: 1);
        AssertBits(product, (i, j) => Terms(k, r => a[i, r], r => b[r, j]));

        Matrix<T> updated = KernelTests.Random<T>(m, n, 6), old = updated.Clone();
        T alpha = T.CreateChecked(-0.05), beta = T.CreateChecked(0.9);
        Kernels.TransposeMultiplyUpdate(at, b, updated, alpha, beta, threads: 1);
        AssertBits(updated, (i, j) => Simd.MultiplyAdd(Terms(k, r => at[r, i], r => b[r, j]), alpha, old[i, j] * beta));
    }

    // A·Bᵀ's order: lane-wise multiply-adds over p = 0, W, 2W, ..., the lanes added, then the scalar tail in order.
    private static T Dot<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y) where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        int w = Vector256<T>.Count, p = 0;
        ref T x0 = ref MemoryMarshal.GetReference(x);
        ref T y0 = ref MemoryMarshal.GetReference(y);
        Vector256<T> lanes = Vector256<T>.Zero;
        for (; p + w <= x.Length; p += w)
            lanes = Simd.MultiplyAdd(Vector256.LoadUnsafe(ref x0, (nuint)p), Vector256.LoadUnsafe(ref y0, (nuint)p), lanes);
        T sum = Vector256.Sum(lanes);
        for (; p < x.Length; p++)
            sum = Simd.MultiplyAdd(x[p], y[p], sum);
        return sum;
    }

    // The row combinations' order: Σ_r coef(r) · b(r), one multiply-add per term, r = 0, 1, ... in order.
    private static T Terms<T>(int terms, Func<int, T> coef, Func<int, T> b) where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        T sum = T.Zero;
        for (int r = 0; r < terms; r++)
            sum = Simd.MultiplyAdd(coef(r), b(r), sum);
        return sum;
    }

    private static void AssertBits<T>(Matrix<T> actual, Func<int, int, T> expected) where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        for (int i = 0; i < actual.Rows; i++)
            for (int j = 0; j < actual.Cols; j++)
            {
                T e = expected(i, j);
                if (!actual[i, j].Equals(e))
                    Assert.Fail($"{typeof(T).Name} element ({i}, {j}) of a {actual.Rows}x{actual.Cols} product: {actual[i, j]:R}, summed in order {e:R}");
            }
    }
}
