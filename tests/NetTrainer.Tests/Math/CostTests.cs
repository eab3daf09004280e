// Each cost against its plain scalar formula, at a = y, at saturated outputs, and against central differences of
// its own Sum; and the fused output delta a − y against the general path it short-cuts.
//
// Glossary
//   a, y        (m, n) outputs and targets, one example per row; y one-hot unless said otherwise
//   z           (m, n) output weighted inputs (logits) for the fused-delta tests
//   ε           machine epsilon of T (2^-23 float, 2^-52 double)
//   terms       how many roundings can pile up in one value; tolerance = 4 (terms + 2) ε, relative
//   relative    ‖g − ĝ‖ / ‖g + ĝ‖ over a whole matrix
//
// Namespace note: not NetTrainer.Tests.Math, which would shadow System.Math in every sibling test namespace.
using System.Numerics;
using NetTrainer.Activations;
using NetTrainer.Costs;
using NetTrainer.LinearAlgebra;

namespace NetTrainer.Tests.MathFunctions;

[TestFixture(typeof(float))]
[TestFixture(typeof(double))]
public class CostTests<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private const int Examples = 5, Classes = 7;
    private const int Seed = 6174;

    /// <summary>a uniform in [Low, 1 − Low]: inside (0, 1), away from the clamp.</summary>
    private const double Low = 0.01;

    /// <summary>Logits uniform in [-LogitRange, LogitRange]: unsaturated in float and double.</summary>
    private const double LogitRange = 4;

    /// <summary>A logit that saturates σ and softmax to exactly 0 and 1 in both precisions.</summary>
    private const double Saturated = 1000;

    private static readonly double Epsilon = double.CreateChecked(T.BitIncrement(T.One) - T.One);
    private static readonly string Precision = typeof(T) == typeof(float) ? "float" : "double";

    /// <summary>Fused against general δ^L, relative: 1e-12 in double (the brief's bar); float carries ~1e-7 per rounding.</summary>
    private static readonly double FusedTolerance = typeof(T) == typeof(float) ? 1e-5 : 1e-12;

    private static double Tolerance(int terms) => 4 * (terms + 2) * Epsilon;

    private static ICost[] EveryCost() => [QuadraticCost.Instance, CrossEntropyCost.Instance, NegativeLogLikelihoodCost.Instance];

    public static IEnumerable<TestCaseData> SumCases() => EveryCost().Select(c =>
        new TestCaseData(c).SetName($"{Title(c)}_sum_matches_the_scalar_formula"));

    public static IEnumerable<TestCaseData> GradientCases() => EveryCost().Select(c =>
        new TestCaseData(c).SetName($"{Title(c)}_gradient_matches_the_scalar_formula"));

    public static IEnumerable<TestCaseData> ZeroCases() => EveryCost().Select(c =>
        new TestCaseData(c).SetName($"{Title(c)}_cost_at_a_equal_to_a_one_hot_y_is_exactly_zero"));

    public static IEnumerable<TestCaseData> SaturatedCases() => EveryCost().Select(c =>
        new TestCaseData(c).SetName($"{Title(c)}_cost_and_gradient_stay_finite_when_outputs_are_exactly_0_or_1"));

    public static IEnumerable<TestCaseData> CanonicalPairs() =>
    [
        new TestCaseData(CrossEntropyCost.Instance, Sigmoid.Instance).SetName("Fused_delta_equals_the_general_path_for_cross_entropy_with_sigmoid"),
        new TestCaseData(NegativeLogLikelihoodCost.Instance, Softmax.Instance).SetName("Fused_delta_equals_the_general_path_for_nll_with_softmax"),
    ];

    public static IEnumerable<TestCaseData> SaturatedCanonicalPairs() =>
    [
        new TestCaseData(CrossEntropyCost.Instance, Sigmoid.Instance).SetName(
            "Fused_delta_at_logits_of_plus_or_minus_1000_is_exactly_a_minus_y_and_the_general_path_is_finite_for_cross_entropy_with_sigmoid"),
        new TestCaseData(NegativeLogLikelihoodCost.Instance, Softmax.Instance).SetName(
            "Fused_delta_at_logits_of_plus_or_minus_1000_is_exactly_a_minus_y_and_the_general_path_is_finite_for_nll_with_softmax"),
    ];

    [TestCaseSource(nameof(SumCases))]
    public void Sum_matches_the_scalar_formula(ICost cost)
    {
        var rng = new Random(Seed);
        Matrix<T> a = Uniform(Examples, Classes, Low, 1 - Low, rng), y = OneHot(Examples, Classes, rng);
        double expected = 0;
        for (int i = 0; i < a.AsSpan().Length; i++)
            expected += Term(cost.Name, double.CreateChecked(a.AsSpan()[i]), double.CreateChecked(y.AsSpan()[i]));

        double actual = double.CreateChecked(cost.Sum(a, y));

        Assert.That(actual, Is.EqualTo(expected).Within(Tolerance(a.AsSpan().Length) * System.Math.Abs(expected)),
            $"{cost.Name} Σ over {Examples} examples x {Classes} classes in {Precision}");
    }

    [TestCaseSource(nameof(GradientCases))]
    public void Gradient_matches_the_scalar_formula(ICost cost)
    {
        var rng = new Random(Seed);
        Matrix<T> a = Uniform(Examples, Classes, Low, 1 - Low, rng), y = OneHot(Examples, Classes, rng);
        var gradA = new Matrix<T>(Examples, Classes);
        cost.Gradient(a, y, gradA);
        Assert.Multiple(() =>
        {
            for (int x = 0; x < Examples; x++)
                for (int j = 0; j < Classes; j++)
                {
                    double expected = Derivative(cost.Name, double.CreateChecked(a[x, j]), double.CreateChecked(y[x, j]));
                    Assert.That(double.CreateChecked(gradA[x, j]), Is.EqualTo(expected).Within(Tolerance(4) * System.Math.Abs(expected)),
                        $"{cost.Name} ∂C/∂a[{x}, {j}] at a = {a[x, j]}, y = {y[x, j]} in {Precision}");
                }
        });
    }

    [TestCaseSource(nameof(ZeroCases))]
    public void Cost_at_a_equal_to_y_is_exactly_zero(ICost cost)
    {
        Matrix<T> y = OneHot(Examples, Classes, new Random(Seed));
        T sum = cost.Sum(y.Clone(), y);
        Assert.That(sum, Is.EqualTo(T.Zero), $"{cost.Name} C(y, y) in {Precision}");
        Assert.That(T.IsNegative(sum), Is.False, $"{cost.Name} C(y, y) in {Precision} is +0, not −0 (a report would print -0.0000)");
    }

    [TestCaseSource(nameof(SaturatedCases))]
    public void Cost_and_gradient_stay_finite_at_saturated_outputs(ICost cost)
    {
        // Every (a, y) in {0, 1}²: confidently right (1, 1), (0, 0) and confidently wrong (0, 1), (1, 0).
        Matrix<T> a = Rows([[0, 1, 0, 1], [0, 1, 1, 0]]);
        Matrix<T> y = Rows([[1, 0, 0, 0], [0, 1, 0, 0]]);
        var gradA = new Matrix<T>(a.Rows, a.Cols);

        T sum = cost.Sum(a, y);
        cost.Gradient(a, y, gradA);

        Assert.Multiple(() =>
        {
            Assert.That(T.IsFinite(sum), Is.True, $"{cost.Name} Σ C = {sum} in {Precision}");
            Assert.That(sum, Is.GreaterThan(T.Zero), $"{cost.Name}: confidently wrong outputs must still cost something");
            for (int x = 0; x < a.Rows; x++)
                for (int j = 0; j < a.Cols; j++)
                    Assert.That(T.IsFinite(gradA[x, j]), Is.True,
                        $"{cost.Name} ∂C/∂a[{x}, {j}] = {gradA[x, j]} at a = {a[x, j]}, y = {y[x, j]} in {Precision}");
        });
    }

    [Test]
    public void The_fused_delta_applies_only_to_cross_entropy_with_sigmoid_and_nll_with_softmax()
    {
        Assert.Multiple(() =>
        {
            foreach (ICost cost in EveryCost())
                foreach (IActivation output in new IActivation[] { Sigmoid.Instance, Softmax.Instance })
                {
                    bool canonical = (cost, output) is (CrossEntropyCost, Sigmoid) or (NegativeLogLikelihoodCost, Softmax);
                    Assert.That(CanonicalOutputDelta.Applies(cost, output), Is.EqualTo(canonical), $"{cost.Name} with {output.Name}");
                }
        });
    }

    [TestCaseSource(nameof(CanonicalPairs))]
    public void Fused_delta_equals_the_general_path(ICost cost, IActivation output)
    {
        var rng = new Random(Seed);
        Matrix<T> z = Uniform(Examples, Classes, -LogitRange, LogitRange, rng), y = OneHot(Examples, Classes, rng);
        (Matrix<T> fused, Matrix<T> general) = BothDeltas(cost, output, z, y);

        double error = RelativeError(fused, general);
        Assert.That(error, Is.LessThan(FusedTolerance),
            $"{cost.Name} with {output.Name} in {Precision}: ‖fused − general‖/‖fused + general‖ = {error:E1}");
    }

    [TestCaseSource(nameof(SaturatedCanonicalPairs))]
    public void Fused_delta_at_saturated_logits_is_a_minus_y_and_the_general_path_is_finite(ICost cost, IActivation output)
    {
        // Each row's logits are ±1000 or 0, so a is exactly 0 or 1: right, wrong, and (sigmoid) both kinds at once.
        Matrix<T> z = Rows([[Saturated, -Saturated, -Saturated], [Saturated, -Saturated, -Saturated], [-Saturated, Saturated, 0]]);
        Matrix<T> y = Rows([[1, 0, 0], [0, 1, 0], [0, 0, 1]]);
        double[,] exactA = output is Softmax
            ? new double[,] { { 1, 0, 0 }, { 1, 0, 0 }, { 0, 1, 0 } }
            : new double[,] { { 1, 0, 0 }, { 1, 0, 0 }, { 0, 1, 0.5 } };
        (Matrix<T> fused, Matrix<T> general) = BothDeltas(cost, output, z, y);
        var a = new Matrix<T>(z.Rows, z.Cols);
        output.Forward(z, a);

        Assert.Multiple(() =>
        {
            for (int x = 0; x < z.Rows; x++)
                for (int j = 0; j < z.Cols; j++)
                {
                    string at = $"{cost.Name} with {output.Name} in {Precision} at [{x}, {j}], z = {z[x, j]}, y = {y[x, j]}";
                    Assert.That(a[x, j], Is.EqualTo(T.CreateChecked(exactA[x, j])), $"a (the premise) {at}");
                    Assert.That(fused[x, j], Is.EqualTo(T.CreateChecked(exactA[x, j] - double.CreateChecked(y[x, j]))), $"fused δ {at}");
                    Assert.That(T.IsFinite(general[x, j]), Is.True, $"general δ = {general[x, j]} {at}");
                }
        });
    }

    // δ^L both ways: the fused a − y, and BP1's general Output.Backward(z, a, Cost.Gradient(a, y)).
    private static (Matrix<T> Fused, Matrix<T> General) BothDeltas(ICost cost, IActivation output, Matrix<T> z, Matrix<T> y)
    {
        var a = new Matrix<T>(z.Rows, z.Cols);
        output.Forward(z, a);
        var fused = new Matrix<T>(z.Rows, z.Cols);
        CanonicalOutputDelta.AMinusY(a, y, fused);
        var gradA = new Matrix<T>(z.Rows, z.Cols);
        cost.Gradient(a, y, gradA);
        var general = new Matrix<T>(z.Rows, z.Cols);
        output.Backward(z, a, gradA, general);
        return (fused, general);
    }

    /// <summary>One entry's term of C, by the book: ½(a − y)², −[y ln a + (1 − y) ln(1 − a)], −y ln a.</summary>
    private static double Term(string cost, double a, double y) => cost switch
    {
        "quadratic" => 0.5 * (a - y) * (a - y),
        "cross-entropy" => -(y * System.Math.Log(a) + (1 - y) * System.Math.Log(1 - a)),
        "nll" => -y * System.Math.Log(a),
        _ => throw new ArgumentException(cost),
    };

    /// <summary>∂C/∂a for one entry: a − y, −y/a + (1 − y)/(1 − a), −y/a.</summary>
    private static double Derivative(string cost, double a, double y) => cost switch
    {
        "quadratic" => a - y,
        "cross-entropy" => -y / a + (1 - y) / (1 - a),
        "nll" => -y / a,
        _ => throw new ArgumentException(cost),
    };

    private static double RelativeError(Matrix<T> g, Matrix<T> gHat)
    {
        double difference = 0, sum = 0;
        for (int i = 0; i < g.AsSpan().Length; i++)
        {
            double p = double.CreateChecked(g.AsSpan()[i]), q = double.CreateChecked(gHat.AsSpan()[i]);
            difference += (p - q) * (p - q);
            sum += (p + q) * (p + q);
        }
        return difference == 0 ? 0 : System.Math.Sqrt(difference / sum);
    }

    private static Matrix<T> Uniform(int rows, int cols, double low, double high, Random rng)
    {
        var m = new Matrix<T>(rows, cols);
        foreach (ref T v in m.AsSpan())
            v = T.CreateChecked(low + (high - low) * rng.NextDouble());
        return m;
    }

    private static Matrix<T> OneHot(int rows, int cols, Random rng)
    {
        var m = new Matrix<T>(rows, cols);
        for (int x = 0; x < rows; x++)
            m[x, rng.Next(cols)] = T.One;
        return m;
    }

    private static Matrix<T> Rows(double[][] rows)
    {
        var m = new Matrix<T>(rows.Length, rows[0].Length);
        for (int x = 0; x < m.Rows; x++)
            for (int j = 0; j < m.Cols; j++)
                m[x, j] = T.CreateChecked(rows[x][j]);
        return m;
    }

    private static string Title(ICost cost) => char.ToUpperInvariant(cost.Name[0]) + cost.Name[1..].Replace('-', '_');
}

/// <summary>
/// Each cost's Gradient against central differences of its own Sum, in double: the two methods are written
/// separately, so this catches a gradient that drifted from the cost it claims to differentiate.
/// </summary>
public class CostGradientCheckTests
{
    /// <summary>Central differences with h = 1e-6 on a ∈ [0.05, 0.95]: truncation ~1e-10, rounding ~1e-10.</summary>
    private const double Step = 1e-6;

    /// <summary>‖g − ĝ‖/‖g + ĝ‖ allowed; a wrong derivative gives 1e-2 or worse.</summary>
    private const double RelativeTolerance = 1e-7;

    private const int Examples = 4, Classes = 5;
    private const int Seed = 496;

    public static IEnumerable<TestCaseData> Cases() =>
        from cost in new ICost[] { QuadraticCost.Instance, CrossEntropyCost.Instance, NegativeLogLikelihoodCost.Instance }
        from soft in new[] { false, true }
        select new TestCaseData(cost, soft).SetName(
            $"{char.ToUpperInvariant(cost.Name[0])}{cost.Name[1..].Replace('-', '_')}_gradient_matches_central_differences_of_its_sum" +
            (soft ? "_for_soft_targets" : "_for_one_hot_targets"));

    [TestCaseSource(nameof(Cases))]
    public void Gradient_matches_central_differences_of_Sum(ICost cost, bool softTargets)
    {
        var rng = new Random(Seed);
        var a = new Matrix<double>(Examples, Classes);
        var y = new Matrix<double>(Examples, Classes);
        foreach (ref double v in a.AsSpan())
            v = 0.05 + 0.9 * rng.NextDouble();
        for (int x = 0; x < Examples; x++)
            if (softTargets)
                foreach (ref double v in y.Row(x))
                    v = rng.NextDouble();
            else
                y[x, rng.Next(Classes)] = 1.0;

        var gradA = new Matrix<double>(Examples, Classes);
        cost.Gradient(a, y, gradA);

        var numeric = new double[a.AsSpan().Length];
        for (int i = 0; i < numeric.Length; i++)
        {
            double saved = a.AsSpan()[i];
            a.AsSpan()[i] = saved + Step;
            double plus = cost.Sum(a, y);
            a.AsSpan()[i] = saved - Step;
            double minus = cost.Sum(a, y);
            a.AsSpan()[i] = saved;
            numeric[i] = (plus - minus) / (2 * Step);
        }

        double difference = 0, sum = 0;
        int worst = 0;
        for (int i = 0; i < numeric.Length; i++)
        {
            difference += (gradA.AsSpan()[i] - numeric[i]) * (gradA.AsSpan()[i] - numeric[i]);
            sum += (gradA.AsSpan()[i] + numeric[i]) * (gradA.AsSpan()[i] + numeric[i]);
            if (System.Math.Abs(gradA.AsSpan()[i] - numeric[i]) > System.Math.Abs(gradA.AsSpan()[worst] - numeric[worst]))
                worst = i;
        }
        double error = difference == 0 ? 0 : System.Math.Sqrt(difference / sum);
        Assert.That(error, Is.LessThan(RelativeTolerance),
            $"{cost.Name} Gradient vs (Sum(a + h) − Sum(a − h)) / 2h: relative error {error:E1}; worst at " +
            $"[{worst / Classes}, {worst % Classes}] {gradA.AsSpan()[worst]:G6} vs {numeric[worst]:G6}");
    }
}
