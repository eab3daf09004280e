using NetTrainer.Activations;
using NetTrainer.Costs;
using NetTrainer.Course;
using NetTrainer.LinearAlgebra;

namespace NetTrainer.Tests.Course;

/// <summary>Each equivalent form of a cost against the others (question 1: why NLL goes with softmax).</summary>
public class CostFormsTests
{
    /// <summary>float64 rounding of costs of order 1: the forms must agree this closely.</summary>
    private const double Agreement = 1e-12;

    private static (double[] Z, double[] A) Logits(IActivation output, double[] z)
    {
        var zm = new Matrix<double>(1, z.Length);
        z.CopyTo(zm.Row(0));
        var a = new Matrix<double>(1, z.Length);
        output.Forward(zm, a);
        return (z, a.Row(0).ToArray());
    }

    private static double[] OneHot(int n, int t)
    {
        var y = new double[n];
        y[t] = 1;
        return y;
    }

    [TestCaseSource(typeof(Pairings), nameof(Pairings.CostOutput))]
    public void Every_form_of_the_cost_equals_the_others_on_seeded_random_logits(ICost cost, IActivation output)
    {
        var rng = new Random(11);
        for (int sample = 0; sample < 50; sample++)
        {
            int n = 2 + rng.Next(9);
            (double[] z, double[] a) = Logits(output, Enumerable.Range(0, n).Select(_ => 8 * rng.NextDouble() - 4).ToArray());
            double[] y = OneHot(n, rng.Next(n));
            EquivalentCost forms = CostForms.Of(cost, output, z, a, y);
            double reference = forms.Value(CostFormKind.Library);
            foreach (CostForm form in forms.Forms)
                Assert.That(form.Value, Is.EqualTo(reference).Within(Agreement * Math.Max(1, reference)),
                    $"{form.Kind} against the library's {cost.Name} cost, sample {sample}, z = {string.Join(", ", z)}, target {Array.IndexOf(y, 1.0)}");
        }
    }

    [Test]
    public void Nll_with_softmax_has_its_log_sum_exp_and_categorical_forms()
    {
        (double[] z, double[] a) = Logits(Softmax.Instance, [1.0, 2.0, 0.5]);
        EquivalentCost forms = CostForms.Of(NegativeLogLikelihoodCost.Instance, Softmax.Instance, z, a, [0, 1, 0]);
        double byHand = Math.Log(Math.E + Math.Exp(2) + Math.Exp(0.5)) - 2; // ln Σ e^{z_k} − z_T
        Assert.Multiple(() =>
        {
            Assert.That(forms.Forms.Select(f => f.Kind), Is.EquivalentTo(new[]
            {
                CostFormKind.Library, CostFormKind.NegativeLogOfTarget, CostFormKind.CategoricalCrossEntropy, CostFormKind.LogSumExpInZ,
            }));
            Assert.That(forms.Value(CostFormKind.LogSumExpInZ), Is.EqualTo(byHand).Within(Agreement), "ln Σ e^z − z_T by hand");
            Assert.That(forms.Value(CostFormKind.NegativeLogOfTarget), Is.EqualTo(byHand).Within(Agreement), "−ln a_T");
        });
    }

    [Test]
    public void Cross_entropy_with_sigmoid_has_its_binary_and_softplus_forms_for_soft_targets_too()
    {
        (double[] z, double[] a) = Logits(Sigmoid.Instance, [-1.5, 0.25, 3.0]);
        double[] y = [0.2, 0.5, 0.9];
        EquivalentCost forms = CostForms.Of(CrossEntropyCost.Instance, Sigmoid.Instance, z, a, y);
        double byHand = z.Select((zj, j) => Math.Log(1 + Math.Exp(zj)) - y[j] * zj).Sum(); // Σ softplus(z) − y z
        Assert.Multiple(() =>
        {
            Assert.That(forms.Value(CostFormKind.SoftplusInZ), Is.EqualTo(byHand).Within(Agreement), "softplus form by hand");
            Assert.That(forms.Value(CostFormKind.BinaryCrossEntropy), Is.EqualTo(byHand).Within(Agreement), "binary form");
            Assert.That(forms.Spread, Is.LessThanOrEqualTo(Agreement), "spread of all forms");
        });
    }

    [Test]
    public void At_logits_of_1000_the_log_sum_exp_form_stays_finite_and_exact()
    {
        // Target 1 gets z = −1000 against 1000: −ln a_T = 2000 exactly (ln(1 + e^{−2000}) is 0 in float64).
        (double[] z, double[] a) = Logits(Softmax.Instance, [1000, -1000, 999]);
        EquivalentCost forms = CostForms.Of(NegativeLogLikelihoodCost.Instance, Softmax.Instance, z, a, [0, 1, 0]);
        Assert.Multiple(() =>
        {
            Assert.That(forms.Value(CostFormKind.LogSumExpInZ), Is.EqualTo(2000 + Math.Log(1 + Math.Exp(-1))).Within(Agreement * 2000),
                "ln Σ e^{z_k} − z_T computed from the shifted logits");
            Assert.That(forms.Value(CostFormKind.NegativeLogOfTarget), Is.EqualTo(double.PositiveInfinity),
                "−ln a_T in a: a_T underflows to 0 in float64");
            Assert.That(forms.Value(CostFormKind.Library), Is.EqualTo(-Math.Log(Math.Pow(2, -52))).Within(Agreement),
                "the library's cost, clamped at ε = 2^-52");
            Assert.That(forms.SpreadInZ, Is.Zero);
        });
    }

    [Test]
    public void At_logits_near_1000_without_saturation_every_form_agrees()
    {
        // Logits near 1000 but close to each other: a stays well inside (0, 1) once softmax subtracts the maximum.
        (double[] z, double[] a) = Logits(Softmax.Instance, [1000, 999, 998.5]);
        EquivalentCost forms = CostForms.Of(NegativeLogLikelihoodCost.Instance, Softmax.Instance, z, a, [0, 0, 1]);
        double byHand = 1.5 + Math.Log(1 + Math.Exp(-1) + Math.Exp(-1.5));
        foreach (CostForm form in forms.Forms)
            Assert.That(form.Value, Is.EqualTo(byHand).Within(Agreement), $"{form.Kind}");
    }

    [TestCase(1000.0, 0.0, 1000.0)]
    [TestCase(-1000.0, 1.0, 1000.0)]
    [TestCase(-1000.0, 0.0, 0.0)]
    public void At_logits_of_1000_the_softplus_form_stays_finite_and_exact(double z, double y, double expected)
    {
        (double[] zs, double[] a) = Logits(Sigmoid.Instance, [z]);
        EquivalentCost forms = CostForms.Of(CrossEntropyCost.Instance, Sigmoid.Instance, zs, a, [y]);
        Assert.Multiple(() =>
        {
            Assert.That(forms.Value(CostFormKind.SoftplusInZ), Is.EqualTo(expected).Within(Agreement), "softplus(z) − y z");
            Assert.That(double.IsFinite(forms.Value(CostFormKind.Library)), Is.True, "the library's clamped cost stays finite");
        });
    }

    [Test]
    public void Nll_with_a_sigmoid_output_is_softplus_of_minus_the_target_logit()
    {
        (double[] z, double[] a) = Logits(Sigmoid.Instance, [0.5, -2.0]);
        EquivalentCost forms = CostForms.Of(NegativeLogLikelihoodCost.Instance, Sigmoid.Instance, z, a, [0, 1]);
        Assert.That(forms.Value(CostFormKind.NegativeLogSigmoidInZ), Is.EqualTo(Math.Log(1 + Math.Exp(2.0))).Within(Agreement),
            "−ln σ(z_T) = softplus(−z_T)");
        Assert.That(forms.Spread, Is.LessThanOrEqualTo(Agreement));
    }
}
