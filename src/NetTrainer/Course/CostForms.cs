// Glossary (one example, output layer L, n = n_L outputs)
//   z, a, y   (n) the output layer's weighted input, activation a = f(z) and target
//   T         the target class where y is one-hot (y_T = 1)
//   lse       ln Σ_k e^{z_k}, computed as max_k z_k + ln Σ_k e^{z_k − max}: every exponent ≤ 0, so logits of ±1000 stay finite
//   softplus  softplus(z) = ln(1 + e^z) = max(z, 0) + ln(1 + e^{−|z|}): the same trick, e^{−|z|} ≤ 1
using NetTrainer.Activations;
using NetTrainer.Costs;
using NetTrainer.LinearAlgebra;

namespace NetTrainer.Course;

/// <summary>The ways one cost can be written; each names the formula the course text prints beside its value.</summary>
public enum CostFormKind
{
    /// <summary>The library's own <see cref="ICost.Sum{T}"/>: what training and `evaluate` report (logs clamped at ε).</summary>
    Library,
    /// <summary>½ Σ_j (a_j − y_j)², neuron by neuron.</summary>
    SumOfSquares,
    /// <summary>−Σ_j [y_j ln a_j + (1 − y_j) ln(1 − a_j)], each output a separate yes/no question.</summary>
    BinaryCrossEntropy,
    /// <summary>Σ_j [softplus(z_j) − y_j z_j]: the binary cross-entropy of a sigmoid, written in z.</summary>
    SoftplusInZ,
    /// <summary>−ln a_T for a one-hot y: the probability the network gives the right class.</summary>
    NegativeLogOfTarget,
    /// <summary>−Σ_j y_j ln a_j: the categorical cross-entropy between y and a.</summary>
    CategoricalCrossEntropy,
    /// <summary>Σ_j y_j (lse(z) − z_j), that is ln Σ_k e^{z_k} − z_T for a one-hot y: −ln softmax(z)_T written in z.</summary>
    LogSumExpInZ,
    /// <summary>Σ_j y_j softplus(−z_j), that is −ln σ(z_T) for a one-hot y: NLL of a sigmoid output written in z.</summary>
    NegativeLogSigmoidInZ,
}

/// <summary>One form of the cost and its value; <paramref name="InZ"/> forms work from the logits and stay exact where a saturates.</summary>
public sealed record CostForm(CostFormKind Kind, double Value, bool InZ);

/// <summary>One example's cost written every way the course writes it.</summary>
public sealed record EquivalentCost(IReadOnlyList<CostForm> Forms)
{
    /// <summary>The largest difference between two forms (∞ when one is infinite and another is not).</summary>
    public double Spread => Forms.Max(f => f.Value) - Forms.Min(f => f.Value) is var d && double.IsNaN(d) ? double.PositiveInfinity : d;

    /// <summary>The largest difference between two of the forms written in z (0 with fewer than two).</summary>
    public double SpreadInZ => Forms.Count(f => f.InZ) < 2 ? 0 : Forms.Where(f => f.InZ).Max(f => f.Value) - Forms.Where(f => f.InZ).Min(f => f.Value);

    /// <summary>The cost as the form <paramref name="kind"/> computes it.</summary>
    public double Value(CostFormKind kind) => Forms.Single(f => f.Kind == kind).Value;
}

/// <summary>
/// Evaluates a cost in its equivalent forms for one example: the library's clamped <see cref="ICost.Sum{T}"/>, the
/// textbook forms in a (with plain, unclamped logarithms, so a saturated a shows as ∞ rather than hiding behind the
/// clamp) and, where the output activation allows, the forms in z (log-sum-exp for softmax, softplus for the sigmoid),
/// which stay exact at any logit.
/// </summary>
public static class CostForms
{
    /// <summary>The cost of one example in every form that applies: z, a and y each hold n_L entries, a = f(z).</summary>
    public static EquivalentCost Of(ICost cost, IActivation output, IReadOnlyList<double> z, IReadOnlyList<double> a, IReadOnlyList<double> y)
    {
        if (z.Count != a.Count || y.Count != a.Count)
            throw new ArgumentException($"z, a and y must have one entry per output; got {z.Count}, {a.Count} and {y.Count}.");
        var forms = new List<CostForm> { new(CostFormKind.Library, LibraryCost(cost, a, y), InZ: false) };
        int n = a.Count;
        switch (cost)
        {
            case QuadraticCost:
                forms.Add(new(CostFormKind.SumOfSquares, Sum(n, j => 0.5 * (a[j] - y[j]) * (a[j] - y[j])), false));
                break;
            case CrossEntropyCost:
                forms.Add(new(CostFormKind.BinaryCrossEntropy, -Sum(n, j => Times(y[j], Math.Log(a[j])) + Times(1 - y[j], Math.Log(1 - a[j]))), false));
                if (output is Sigmoid)
                    forms.Add(new(CostFormKind.SoftplusInZ, Sum(n, j => Softplus(z[j]) - y[j] * z[j]), true));
                break;
            case NegativeLogLikelihoodCost:
                if (TargetClass(y) is int t)
                    forms.Add(new(CostFormKind.NegativeLogOfTarget, -Math.Log(a[t]), false));
                forms.Add(new(CostFormKind.CategoricalCrossEntropy, -Sum(n, j => Times(y[j], Math.Log(a[j]))), false));
                if (output is Softmax)
                {
                    double max = z.Max(), logSum = Math.Log(Sum(n, k => Math.Exp(z[k] - max)));
                    // (max − z_j) + ln Σ e^{z_k − max}: the large max cancels exactly in the difference, before the log is added.
                    forms.Add(new(CostFormKind.LogSumExpInZ, Sum(n, j => Times(y[j], max - z[j] + logSum)), true));
                }
                else if (output is Sigmoid)
                    forms.Add(new(CostFormKind.NegativeLogSigmoidInZ, Sum(n, j => Times(y[j], Softplus(-z[j]))), true));
                break;
        }
        return new EquivalentCost(forms);
    }

    /// <summary>ln(1 + e^z), finite for any finite z (e^{−|z|} never overflows).</summary>
    public static double Softplus(double z) => Math.Max(z, 0) + Math.Log(1 + Math.Exp(-Math.Abs(z)));

    /// <summary>ln Σ_k e^{z_k}, shifted by the maximum so no exponent overflows.</summary>
    public static double LogSumExp(IReadOnlyList<double> z)
    {
        double max = z.Max();
        return max + Math.Log(Sum(z.Count, k => Math.Exp(z[k] - max)));
    }

    /// <summary>T with y_T = 1 and every other y_j = 0, or null when y is not one-hot.</summary>
    public static int? TargetClass(IReadOnlyList<double> y) =>
        y.Count(v => v == 1) == 1 && y.All(v => v is 0 or 1) ? Enumerable.Range(0, y.Count).First(j => y[j] == 1) : null;

    private static double LibraryCost(ICost cost, IReadOnlyList<double> a, IReadOnlyList<double> y)
    {
        var am = new Matrix<double>(1, a.Count);
        var ym = new Matrix<double>(1, y.Count);
        a.ToArray().CopyTo(am.Row(0));
        y.ToArray().CopyTo(ym.Row(0));
        return cost.Sum(am, ym);
    }

    // A term with a zero coefficient is zero, even where its log is −∞ (0 · ln 0 = 0, the limit).
    private static double Times(double coefficient, double log) => coefficient == 0 ? 0 : coefficient * log;

    private static double Sum(int n, Func<int, double> term)
    {
        double sum = 0;
        for (int j = 0; j < n; j++)
            sum += term(j);
        return sum;
    }
}
