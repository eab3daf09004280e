using NetTrainer.LinearAlgebra;

namespace NetTrainer.Tests.Gemm;

/// <summary>The vectorised kernels against the naive triple loops, over shapes that cross vector and tile edges.</summary>
public class KernelTests
{
    // Sizes 1..67 cover every remainder modulo the 8-float and 4-double vector widths and the tiles' heights: rows go
    // in threes, 4 leftover rows as 2 + 2 (m = 4, 7, 10, 100 mod 3 = 1), so every tile height 1, 2, 3 is reached; with
    // 512 bits an A·Bᵀ register holds two rows, so odd counts end in a half-filled register.
    internal static readonly int[] Sizes = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 15, 16, 17, 31, 33, 63, 64, 67];

    // Output columns: for A·Bᵀ every remainder modulo the 4-wide tile; for the row combinations tiles of 4 registers
    // with 0 to 3 registers and 0 to 7 scalars left over (8 floats or 4 doubles a register), and with 512 bits (16
    // floats, 8 doubles) 0 to 3 registers, then one of 256 bits, then up to 7 scalars (24, 30, 40, 50, 67).
    internal static readonly int[] Columns = [1, 3, 8, 13, 16, 24, 30, 40, 50, 67];

    internal static IEnumerable<TestCaseData> Shapes()
    {
        var rng = new Random(7);
        foreach (int m in Sizes)
            foreach (int n in Columns)
                yield return new TestCaseData(m, n, Sizes[rng.Next(Sizes.Length)]).SetArgDisplayNames($"{m}", $"{n}", "k");
    }

    [TestCaseSource(nameof(Shapes))]
    public void MultiplyTransposed_matches_the_naive_loops(int m, int n, int k)
    {
        AssertMatches(Random<float>(m, k, 1), Random<float>(n, k, 2), m, n, (a, b, c) => Kernels.MultiplyTransposed(a, b, c, threads: 1), NaiveKernels.MultiplyTransposed);
        AssertMatches(Random<double>(m, k, 1), Random<double>(n, k, 2), m, n, (a, b, c) => Kernels.MultiplyTransposed(a, b, c, threads: 1), NaiveKernels.MultiplyTransposed);
    }

    [TestCaseSource(nameof(Shapes))]
    public void TransposeMultiply_matches_the_naive_loops(int m, int n, int k)
    {
        AssertMatches(Random<float>(k, m, 3), Random<float>(k, n, 4), m, n, (a, b, c) => Kernels.TransposeMultiply(a, b, c, threads: 1), NaiveKernels.TransposeMultiply);
        AssertMatches(Random<double>(k, m, 3), Random<double>(k, n, 4), m, n, (a, b, c) => Kernels.TransposeMultiply(a, b, c, threads: 1), NaiveKernels.TransposeMultiply);
    }

    [TestCaseSource(nameof(Shapes))]
    public void Multiply_matches_the_naive_loops(int m, int n, int k)
    {
        AssertMatches(Random<float>(m, k, 5), Random<float>(k, n, 6), m, n, (a, b, c) => Kernels.Multiply(a, b, c, threads: 1), NaiveKernels.Multiply);
        AssertMatches(Random<double>(m, k, 5), Random<double>(k, n, 6), m, n, (a, b, c) => Kernels.Multiply(a, b, c, threads: 1), NaiveKernels.Multiply);
    }

    [TestCaseSource(nameof(Shapes))]
    public void TransposeMultiplyUpdate_scales_the_old_values_and_adds_the_scaled_product(int m, int n, int k)
    {
        Matrix<double> a = Random<double>(k, m, 3), b = Random<double>(k, n, 4);
        Matrix<double> c = Random<double>(m, n, 5), product = new(m, n);
        double[] expected = new double[m * n];
        NaiveKernels.TransposeMultiply(a, b, product);
        for (int i = 0; i < expected.Length; i++)
            expected[i] = 0.9 * c.AsSpan()[i] - 0.05 * product.AsSpan()[i];
        Kernels.TransposeMultiplyUpdate(a, b, c, alpha: -0.05, beta: 0.9, threads: 1);
        Assert.That(c.ToArray(), Is.EqualTo(expected).Within(1e-12));
    }

    [Test]
    public void TransposeMultiplyUpdate_with_beta_zero_ignores_what_was_in_C()
    {
        Matrix<float> a = Random<float>(5, 9, 1), b = Random<float>(5, 17, 2), c = new(9, 17), expected = new(9, 17);
        c.AsSpan().Fill(float.NaN);
        Kernels.TransposeMultiplyUpdate(a, b, c, alpha: 1f, beta: 0f, threads: 1);
        Kernels.TransposeMultiply(a, b, expected, threads: 1);
        Assert.That(c.ToArray(), Is.EqualTo(expected.ToArray()));
    }

    [Test]
    public void Large_products_give_the_same_bits_on_one_thread_and_on_all()
    {
        // Big enough to cross Parallelism.MinParallelWork, with row counts that do not divide evenly.
        Matrix<float> a = Random<float>(203, 784, 8), b = Random<float>(101, 784, 9);
        Matrix<float> one = new(203, 101), all = new(203, 101);
        Matrix<float> tOne = new(784, 101), tAll = new(784, 101);
        Kernels.MultiplyTransposed(a, b, one, threads: 1);
        Kernels.TransposeMultiply(a, one, tOne, threads: 1);
        int all2 = Math.Max(2, Environment.ProcessorCount);
        Kernels.MultiplyTransposed(a, b, all, all2);
        Kernels.TransposeMultiply(a, all, tAll, all2);
        Assert.That(all.ToArray(), Is.EqualTo(one.ToArray()));
        Assert.That(tAll.ToArray(), Is.EqualTo(tOne.ToArray()));
    }

    [Test]
    public void ScaleAndSubtract_is_plain_sgd_when_decay_is_one()
    {
        float[] w = [1f, -2f, 3.5f, 0.25f, 7f, -1f, 2f, 3f, 4f, 5f];
        float[] g = [0.5f, 0.25f, -1f, 2f, 0f, 1f, -3f, 0.125f, 9f, -9f];
        float[] expected = w.Zip(g, (wi, gi) => wi - 0.3f * gi).ToArray();
        Update.ScaleAndSubtract<float>(w, 1f, g, 0.3f);
        Assert.That(w, Is.EqualTo(expected).Within(1e-6f));
    }

    [Test]
    public void ScaleAndSubtract_applies_weight_decay_before_the_step()
    {
        double[] w = [2, 4, 6, 8, 10], g = [1, 1, 1, 1, 1];
        Update.ScaleAndSubtract<double>(w, 0.5, g, 0.1);
        Assert.That(w, Is.EqualTo(new[] { 0.9, 1.9, 2.9, 3.9, 4.9 }).Within(1e-12));
    }

    private delegate void Product<T>(Matrix<T> a, Matrix<T> b, Matrix<T> c)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>;

    private static void AssertMatches<T>(Matrix<T> a, Matrix<T> b, int m, int n, Product<T> fast, Product<T> naive)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        Matrix<T> expected = new(m, n), actual = new(m, n);
        naive(a, b, expected);
        fast(a, b, actual);
        // Summation order differs (vector lanes, FMA): allow rounding scaled by the number of terms.
        double eps = double.CreateChecked(T.BitIncrement(T.One) - T.One);
        int terms = Math.Max(a.Rows, a.Cols);
        for (int i = 0; i < expected.AsSpan().Length; i++)
        {
            double e = double.CreateChecked(expected.AsSpan()[i]), x = double.CreateChecked(actual.AsSpan()[i]);
            Assert.That(x, Is.EqualTo(e).Within(4 * terms * eps * Math.Max(1, Math.Abs(e))),
                $"{typeof(T).Name} element ({i / n}, {i % n}) of a {m}x{n} product");
        }
    }

    internal static Matrix<T> Random<T>(int rows, int cols, int seed)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var rng = new Random(seed);
        var matrix = new Matrix<T>(rows, cols);
        foreach (ref T v in matrix.AsSpan())
            v = T.CreateChecked(rng.NextDouble() * 2 - 1);
        return matrix;
    }
}
