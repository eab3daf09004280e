// Each activation against a plain scalar formula evaluated in double, in float and in double.
//
// Glossary
//   z, a, g, delta  (rows, n) as in IActivation: weighted inputs, activations, ∂C/∂a and ∂C/∂z, one row per example
//   n               row length; sweeps 1 .. MaxLength so every Vector128/256/512 body and remainder runs
//   J               J[i, j] = ∂a_i/∂z_j, one row's explicit n x n Jacobian
//   ε               machine epsilon of T (2^-23 float, 2^-52 double)
//   terms           how many roundings can pile up in one value; tolerance = 4 (terms + 2) ε, relative to the
//                   value's magnitude (TensorPrimitives' tests scale tolerances the same way)
//
// Namespace note: not NetTrainer.Tests.Math, which would shadow System.Math in every sibling test namespace.
using System.Numerics;
using NetTrainer.Activations;
using NetTrainer.LinearAlgebra;

namespace NetTrainer.Tests.MathFunctions;

[TestFixture(typeof(float))]
[TestFixture(typeof(double))]
public class ActivationTests<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Past 64 = 4 x Vector512&lt;float&gt;, with a remainder of 3.</summary>
    private const int MaxLength = 67;

    /// <summary>z uniform in [-ZRange, ZRange]: through the knees of σ and tanh and into their tails.</summary>
    private const double ZRange = 10;

    private const int Seed = 8128;

    private static readonly double Epsilon = double.CreateChecked(T.BitIncrement(T.One) - T.One);
    private static readonly string Precision = typeof(T) == typeof(float) ? "float" : "double";

    private static double Tolerance(int terms) => 4 * (terms + 2) * Epsilon;

    public static IEnumerable<TestCaseData> ForwardCases() => EveryActivation().Select(f =>
        new TestCaseData(f).SetName($"{Capitalised(f.Name)}_forward_matches_the_scalar_formula_for_every_length_from_1_to_{MaxLength}"));

    public static IEnumerable<TestCaseData> BackwardCases() => EveryActivation().Select(f =>
        new TestCaseData(f).SetName($"{Capitalised(f.Name)}_backward_is_the_explicit_jacobian_transpose_times_g_for_every_length_from_1_to_{MaxLength}"));

    public static IEnumerable<TestCaseData> InPlaceCases() => EveryActivation().Select(f =>
        new TestCaseData(f).SetName($"{Capitalised(f.Name)}_backward_in_place_gives_the_same_delta_as_into_a_separate_matrix"));

    private static IActivation[] EveryActivation() => [Sigmoid.Instance, Tanh.Instance, Relu.Instance, Softmax.Instance];

    [TestCaseSource(nameof(ForwardCases))]
    public void Forward_matches_the_scalar_formula(IActivation f)
    {
        var rng = new Random(Seed);
        Assert.Multiple(() =>
        {
            for (int n = 1; n <= MaxLength; n++)
            {
                Matrix<T> z = Uniform(rows: 1, n, -ZRange, ZRange, rng);
                var a = new Matrix<T>(1, n);
                f.Forward(z, a);
                int terms = f is Softmax ? n : 1;
                AssertClose(a, Formula(f.Name, z), ForwardScale(f, a), terms, $"{f.Name} forward in {Precision}, length {n}");
            }
        });
    }

    [Test]
    public void Sigmoid_saturates_to_exactly_0_and_1_at_minus_and_plus_1000()
    {
        Matrix<T> z = Repeating([-1000, 1000, -1e4, 1e4], MaxLength);
        var a = new Matrix<T>(1, MaxLength);
        Sigmoid.Instance.Forward(z, a);
        for (int j = 0; j < MaxLength; j++)
            Assert.That(a[0, j], Is.EqualTo(z[0, j] > T.Zero ? T.One : T.Zero), $"σ({z[0, j]}) at column {j} in {Precision}");
    }

    [Test]
    public void Sigmoid_at_300_is_exactly_1_and_at_minus_300_is_e_to_the_minus_300_which_float_rounds_to_exactly_0()
    {
        // σ(-300) = 1/(1 + e^300) ≈ 5.1e-131: representable in double, exactly 0 in float (where e^300 overflows to ∞).
        Matrix<T> z = Repeating([-300, 300], MaxLength);
        var a = new Matrix<T>(1, MaxLength);
        Sigmoid.Instance.Forward(z, a);
        T tail = T.CreateChecked(1 / (1 + System.Math.Exp(300)));
        for (int j = 0; j < MaxLength; j++)
        {
            T expected = z[0, j] > T.Zero ? T.One : tail;
            Assert.That(a[0, j], Is.EqualTo(expected).Within(Tolerance(1) * double.CreateChecked(expected)),
                $"σ({z[0, j]}) at column {j} in {Precision}");
        }
    }

    [TestCase(new[] { 1000.0, 999.0, 998.0 })]
    [TestCase(new[] { -998.0, -999.0, -1000.0 })]
    [TestCase(new[] { 1000.0, 1000.0 })]
    [TestCase(new[] { 1000.0, -1000.0, 0.0 })]
    public void Softmax_of_logits_near_1000_sums_to_1_and_matches_the_shifted_formula(double[] logits)
    {
        Matrix<T> z = Row(logits);
        var a = new Matrix<T>(1, logits.Length);
        Softmax.Instance.Forward(z, a);
        double sum = 0;
        foreach (T v in a.AsSpan())
            sum += double.CreateChecked(v);
        Assert.Multiple(() =>
        {
            Assert.That(sum, Is.EqualTo(1.0).Within(Tolerance(logits.Length)), "Σ_j a_j");
            AssertClose(a, Formula("softmax", z), Magnitudes(a), logits.Length, $"softmax({string.Join(", ", logits)})");
        });
    }

    [Test]
    public void Softmax_of_logits_shifted_by_plus_or_minus_1000_matches_the_shifted_formula_for_every_length()
    {
        var rng = new Random(Seed);
        Assert.Multiple(() =>
        {
            foreach (double shift in new[] { 1000.0, -1000.0 })
                for (int n = 1; n <= MaxLength; n++)
                {
                    Matrix<T> z = Uniform(rows: 1, n, shift - ZRange, shift + ZRange, rng);
                    var a = new Matrix<T>(1, n);
                    Softmax.Instance.Forward(z, a);
                    AssertClose(a, Formula("softmax", z), Magnitudes(a), n, $"softmax near {shift} in {Precision}, length {n}");
                }
        });
    }

    [Test]
    public void Softmax_rows_are_independent()
    {
        const int rows = 3, n = 11;
        Matrix<T> z = Uniform(rows, n, -ZRange, ZRange, new Random(Seed));
        var together = new Matrix<T>(rows, n);
        Softmax.Instance.Forward(z, together);

        Matrix<T> changed = z.Clone();
        foreach (ref T v in changed.Row(1))
            v += T.CreateChecked(500);
        changed[1, 0] = T.CreateChecked(-7);
        var afterChange = new Matrix<T>(rows, n);
        Softmax.Instance.Forward(changed, afterChange);

        Assert.Multiple(() =>
        {
            for (int row = 0; row < rows; row++)
            {
                var alone = new Matrix<T>(1, n);
                Softmax.Instance.Forward(RowOf(z, row), alone);
                Assert.That(together.Row(row).ToArray(), Is.EqualTo(alone.Row(0).ToArray()),
                    $"row {row} of a {rows}-row batch against the same row alone");
            }
            Assert.That(afterChange.Row(0).ToArray(), Is.EqualTo(together.Row(0).ToArray()), "row 0 after row 1 changed");
            Assert.That(afterChange.Row(2).ToArray(), Is.EqualTo(together.Row(2).ToArray()), "row 2 after row 1 changed");
            Assert.That(afterChange.Row(1).ToArray(), Is.Not.EqualTo(together.Row(1).ToArray()), "row 1 itself changed");
        });
    }

    [TestCaseSource(nameof(BackwardCases))]
    public void Backward_is_the_explicit_jacobian_transpose_times_g(IActivation f)
    {
        const int rows = 2;
        var rng = new Random(Seed);
        Assert.Multiple(() =>
        {
            for (int n = 1; n <= MaxLength; n++)
            {
                Matrix<T> z = Uniform(rows, n, -ZRange, ZRange, rng);
                Matrix<T> a = ToMatrix(rows, n, Formula(f.Name, z));   // the cached a = f(z), by the formula
                Matrix<T> g = Uniform(rows, n, -1, 1, rng);
                var delta = new Matrix<T>(rows, n);
                f.Backward(z, a, g, delta);

                // δ_j = Σ_i J_ij g_i, with J from the same cached a the library is given.
                var expected = new double[rows * n];
                var scale = new double[rows * n];
                for (int row = 0; row < rows; row++)
                {
                    double[] zr = ToDoubles(z.Row(row)), ar = ToDoubles(a.Row(row)), gr = ToDoubles(g.Row(row));
                    double[,] jacobian = Jacobian(f.Name, zr, ar);
                    for (int j = 0; j < n; j++)
                    {
                        for (int i = 0; i < n; i++)
                            expected[row * n + j] += jacobian[i, j] * gr[i];
                        scale[row * n + j] = TermMagnitude(f.Name, zr, ar, gr, j);
                    }
                }
                int terms = f is Softmax ? n : 1;
                AssertClose(delta, expected, scale, terms, $"{f.Name} backward in {Precision}, length {n}");
            }
        });
    }

    public static IEnumerable<TestCaseData> ElementwiseCases() => new IActivation[] { Sigmoid.Instance, Tanh.Instance, Relu.Instance }.Select(f =>
        new TestCaseData(f).SetName($"{Capitalised(f.Name)}_backward_rounds_every_element_as_its_scalar_formula_in_T_for_every_length_from_1_to_{MaxLength}"));

    // The vector loop and the scalar tail must round alike: an element's δ may not depend on where it sits.
    [TestCaseSource(nameof(ElementwiseCases))]
    public void Backward_rounds_every_element_as_its_scalar_formula(IActivation f)
    {
        var rng = new Random(Seed);
        Assert.Multiple(() =>
        {
            for (int n = 1; n <= MaxLength; n++)
            {
                Matrix<T> z = Uniform(1, n, -ZRange, ZRange, rng), g = Uniform(1, n, -1, 1, rng);
                var a = new Matrix<T>(1, n);
                f.Forward(z, a);
                var delta = new Matrix<T>(1, n);
                f.Backward(z, a, g, delta);
                var expected = new T[n];
                for (int i = 0; i < n; i++)
                {
                    T ai = a.AsSpan()[i], gi = g.AsSpan()[i];
                    expected[i] = f.Name switch
                    {
                        "sigmoid" => gi * ai * (T.One - ai),
                        "tanh" => gi * ((T.One - ai) * (T.One + ai)),
                        _ => z.AsSpan()[i] > T.Zero ? gi : T.Zero,
                    };
                }
                // Bit patterns: −0 and +0 must not pass as equal.
                Assert.That(delta.ToArray().Select(Bits), Is.EqualTo(expected.Select(Bits)), $"{f.Name} backward in {Precision}, length {n}");
            }
        });
    }

    // Widening to double keeps the value and its sign, so −0 and +0 differ here in either precision.
    private static long Bits(T value) => BitConverter.DoubleToInt64Bits(double.CreateChecked(value));

    [TestCaseSource(nameof(InPlaceCases))]
    public void Backward_in_place_gives_the_same_delta(IActivation f)
    {
        const int rows = 3;
        var rng = new Random(Seed);
        Assert.Multiple(() =>
        {
            for (int n = 1; n <= MaxLength; n += 11)
            {
                Matrix<T> z = Uniform(rows, n, -ZRange, ZRange, rng);
                var a = new Matrix<T>(rows, n);
                f.Forward(z, a);
                Matrix<T> g = Uniform(rows, n, -1, 1, rng);
                var separate = new Matrix<T>(rows, n);
                f.Backward(z, a, g, separate);
                Matrix<T> inPlace = g.Clone();
                f.Backward(z, a, inPlace, inPlace);
                Assert.That(inPlace.ToArray(), Is.EqualTo(separate.ToArray()), $"{f.Name} backward in place in {Precision}, length {n}");
            }
        });
    }

    // a = f(z) row by row, evaluated in double from the T inputs.
    private static double[] Formula(string f, Matrix<T> z)
    {
        var a = new double[z.Rows * z.Cols];
        for (int row = 0; row < z.Rows; row++)
        {
            double[] zr = ToDoubles(z.Row(row));
            if (f == "softmax")
            {
                // e^{z_j - max} / Σ_k e^{z_k - max}
                double max = zr.Max(), sum = zr.Sum(v => System.Math.Exp(v - max));
                for (int j = 0; j < zr.Length; j++)
                    a[row * z.Cols + j] = System.Math.Exp(zr[j] - max) / sum;
                continue;
            }
            for (int j = 0; j < zr.Length; j++)
                a[row * z.Cols + j] = f switch
                {
                    "sigmoid" => 1 / (1 + System.Math.Exp(-zr[j])),
                    "tanh" => System.Math.Tanh(zr[j]),
                    "relu" => System.Math.Max(zr[j], 0),
                    _ => throw new ArgumentException(f),
                };
        }
        return a;
    }

    // J[i, j] = ∂a_i/∂z_j for one row: diag(σ'), σ' = a(1 - a); diag(1 - a²); diag(z > 0); softmax a_i(δ_ij - a_j).
    private static double[,] Jacobian(string f, double[] z, double[] a)
    {
        int n = z.Length;
        var jacobian = new double[n, n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                jacobian[i, j] = f switch
                {
                    "softmax" => a[i] * ((i == j ? 1 : 0) - a[j]),
                    _ when i != j => 0,
                    "sigmoid" => a[i] * (1 - a[i]),
                    "tanh" => 1 - a[i] * a[i],
                    "relu" => z[i] > 0 ? 1 : 0,
                    _ => throw new ArgumentException(f),
                };
        return jacobian;
    }

    // The size of the terms that δ_j is a difference of, which sets how much rounding it can carry: σ' = a(1 - a)
    // sums terms of size a and a², tanh' = 1 - a² terms of size 1 and a², softmax a_j(g_j - a·g) terms of size
    // a_j |g_j| and a_j a_i |g_i|. Relu's 0 for z ≤ 0 has no terms, so it must come out exactly 0.
    private static double TermMagnitude(string f, double[] z, double[] a, double[] g, int j) => f switch
    {
        "sigmoid" => System.Math.Abs(g[j]) * a[j] * (1 + a[j]),
        "tanh" => System.Math.Abs(g[j]) * (1 + a[j] * a[j]),
        "relu" => z[j] > 0 ? System.Math.Abs(g[j]) : 0,
        "softmax" => a[j] * (System.Math.Abs(g[j]) + a.Zip(g, (ai, gi) => ai * System.Math.Abs(gi)).Sum()),
        _ => throw new ArgumentException(f),
    };

    // One assertion per matrix: the worst entry by |actual − expected| / (tolerance · scale).
    private static void AssertClose(Matrix<T> actual, double[] expected, double[] scale, int terms, string what)
    {
        double tolerance = Tolerance(terms);
        int worst = 0;
        double worstRatio = -1;
        for (int i = 0; i < expected.Length; i++)
        {
            double error = System.Math.Abs(double.CreateChecked(actual.AsSpan()[i]) - expected[i]);
            double ratio = error == 0 ? 0 : error / (tolerance * scale[i]);   // a NaN or any error where 0 is exact: ∞
            if (double.IsNaN(ratio))
                ratio = double.PositiveInfinity;
            if (ratio > worstRatio)
            {
                worst = i;
                worstRatio = ratio;
            }
        }
        Assert.That(worstRatio, Is.LessThanOrEqualTo(1.0),
            $"{what}: worst at [{worst / actual.Cols}, {worst % actual.Cols}] got {actual.AsSpan()[worst]:R}, " +
            $"formula {expected[worst]:R}, error {worstRatio:G3} x the tolerance {tolerance:E1} x {scale[worst]:G3}");
    }

    // Relative to |a|, except tanh: TensorPrimitives' vectorised tanh works from e^{2z} and is accurate to a few ε
    // of its range [-1, 1], not of |a| near 0 (the float vector path gives tanh(1e-6) = 9.54e-7). A wrong formula
    // is off by O(1) either way.
    private static double[] ForwardScale(IActivation f, Matrix<T> a) =>
        f is Tanh ? a.ToArray().Select(_ => 1.0).ToArray() : Magnitudes(a);

    private static double[] Magnitudes(Matrix<T> a) =>
        a.ToArray().Select(v => System.Math.Abs(double.CreateChecked(v))).ToArray();

    private static Matrix<T> Uniform(int rows, int cols, double low, double high, Random rng)
    {
        var m = new Matrix<T>(rows, cols);
        foreach (ref T v in m.AsSpan())
            v = T.CreateChecked(low + (high - low) * rng.NextDouble());
        return m;
    }

    private static Matrix<T> Repeating(double[] pattern, int n)
    {
        var m = new Matrix<T>(1, n);
        for (int j = 0; j < n; j++)
            m[0, j] = T.CreateChecked(pattern[j % pattern.Length]);
        return m;
    }

    private static Matrix<T> Row(double[] values) => Repeating(values, values.Length);

    private static Matrix<T> RowOf(Matrix<T> m, int row)
    {
        var copy = new Matrix<T>(1, m.Cols);
        m.Row(row).CopyTo(copy.Row(0));
        return copy;
    }

    private static Matrix<T> ToMatrix(int rows, int cols, double[] values)
    {
        var m = new Matrix<T>(rows, cols);
        for (int i = 0; i < values.Length; i++)
            m.AsSpan()[i] = T.CreateChecked(values[i]);
        return m;
    }

    private static double[] ToDoubles(Span<T> values)
    {
        var d = new double[values.Length];
        for (int i = 0; i < d.Length; i++)
            d[i] = double.CreateChecked(values[i]);
        return d;
    }

    private static string Capitalised(string name) => char.ToUpperInvariant(name[0]) + name[1..];
}
