using System.Globalization;
using NetTrainer.Reports;
using NetTrainer.Activations;
using NetTrainer.Course;

namespace NetTrainer.Cli.Course;

/// <summary>
/// Writes a <see cref="Derivation"/>: the requirement, the integration step by step as the book and the standard
/// answers do it, the numerical check of the recovered cost on each sample, and the quadratic cost failing it.
/// </summary>
public static class DerivationText
{
    /// <summary>The integration constant must not vary by more than this: rounding of costs of order 1 in float64.</summary>
    public const double ConstantTolerance = 1e-12;

    public static void Write(TextWriter output, Derivation d)
    {
        bool softmax = d.Output is Softmax;
        string library = d.RecoveredCost.Name;
        output.WriteLine($"Deriving the cost from δ^L = a − y, {d.Output.Name} output (Nielsen, chapter 3).");
        output.WriteLine(softmax
            ? "Requirement: ∂C/∂z_j = a_j − y_j for every output j, with a_j = e^{z_j} / Σ_k e^{z_k} and y one-hot at the target class T."
            : "Requirement: ∂C/∂z_j = a_j − y_j for every output j, with a_j = σ(z_j) = 1 / (1 + e^{−z_j}) and targets y_j in [0, 1].");
        output.WriteLine();
        output.WriteLine("Integrating the requirement:");
        foreach (string step in softmax ? SoftmaxSteps : SigmoidSteps)
            output.WriteLine("  " + step);
        output.WriteLine();

        RequirementCheck r = d.Recovered;
        output.WriteLine($"Numerical check of the recovered cost on {Phrases.Count(r.Samples.Count, "random sample")} (z_j uniform in " +
            $"[−{Num(CostDerivations.Range)}, {Num(CostDerivations.Range)}], {(softmax ? "a random target class" : "targets y_j in [0, 1]")}), float64:");
        output.WriteLine($"∂C/∂z by central differences (C(z + h e_j) − C(z − h e_j)) / 2h, h = {Small(CostDerivations.Step)}, against a − y; " +
            $"C against the library's {library} cost.");
        int i = 0;
        foreach (RequirementSample s in r.Samples)
        {
            i++;
            output.WriteLine($"  sample {i}: z = {Vector(s.Z)}, y = {Vector(s.Y)}");
            output.WriteLine($"    a − y          = {Vector(s.A.Select((a, j) => a - s.Y[j]))}");
            output.WriteLine($"    ∂C/∂z (finite) = {Vector(s.Gradient)}   max difference {Small(s.DeviationFromAMinusY)}");
            output.WriteLine($"    C recovered = {Num(s.Cost)}, C {library} = {Num(s.Cost - s.Constant!.Value)}, constant = {Small(s.Constant!.Value)}");
        }
        string holds = r.MeetsRequirement ? "holds" : "FAILS";
        output.WriteLine($"Recovered cost: max |∂C/∂z − (a − y)| = {Small(r.DeviationFromAMinusY)} (tolerance {Small(RequirementCheck.Tolerance)}): the requirement {holds}; " +
            (r.ConstantSpread <= ConstantTolerance
                ? $"C recovered − C {library} is the same constant on every sample (it varies by {Small(r.ConstantSpread)}, rounding): the recovered cost is the library's {library} cost."
                : $"C recovered − C {library} varies by {Small(r.ConstantSpread)} over the samples: NOT a constant."));
        output.WriteLine();

        RequirementCheck q = d.Quadratic;
        output.WriteLine($"The quadratic cost C = ½‖a − y‖² with the same {d.Output.Name} output, checked the same way:");
        output.WriteLine(softmax
            ? "  ∂C/∂z = Jᵀ ∇_a C = (diag(a) − a aᵀ)(a − y): the softmax Jacobian stays in the product."
            : "  ∂C/∂z_j = (a_j − y_j) σ'(z_j): the σ'(z) factor stays.");
        RequirementSample first = q.Samples[0];
        output.WriteLine($"  sample 1: a − y = {Vector(first.A.Select((a, j) => a - first.Y[j]))}");
        output.WriteLine($"            ∂C/∂z (finite) = {Vector(first.Gradient)}");
        string meets = q.MeetsRequirement ? "meets the requirement (unexpected)" : "does NOT meet the requirement";
        output.WriteLine($"  max |∂C/∂z − (a − y)| = {Num(q.DeviationFromAMinusY)} over the samples: the quadratic cost {meets}; " +
            $"its ∂C/∂z equals backprop's general BP1 Jᵀ ∇_a C to {Small(q.DeviationFromBp1)}.");
        output.WriteLine(softmax
            ? "  For δ = a − y, ∇_a C would have to be −y ⊘ a (up to a multiple of 1, which softmax's Jacobian sends to 0): that is NLL's, not a − y."
            : "  For δ = a − y, ∂C/∂a_j would have to be (a_j − y_j) / (a_j (1 − a_j)): that is cross-entropy's, not quadratic's a_j − y_j, so δ keeps σ'(z).");
    }

    private static readonly string[] SoftmaxSteps =
    [
        "1. For one output m the requirement reads ∂C/∂z_m = a_m − 1[m = T].",
        "2. a_m = e^{z_m} / Σ_k e^{z_k} = ∂/∂z_m ln Σ_k e^{z_k} (log-sum-exp differentiates to softmax), and 1[m = T] = ∂z_T/∂z_m.",
        "3. So ∂C/∂z_m = ∂/∂z_m (ln Σ_k e^{z_k} − z_T) for every m: C minus that function has a zero gradient in z.",
        "4. Integrating: C = ln Σ_k e^{z_k} − z_T + const, the constant free of z (it may depend on y).",
        "5. ln Σ_k e^{z_k} − z_T = −ln(e^{z_T} / Σ_k e^{z_k}) = −ln a_T: the negative log-likelihood, with const = 0.",
    ];

    private static readonly string[] SigmoidSteps =
    [
        "1. a_j depends on z_j alone, so the requirement splits into one equation per output: ∂C/∂z_j = σ(z_j) − y_j.",
        "2. d/dz ln(1 + e^z) = e^z / (1 + e^z) = σ(z), so ∫ σ(z) dz = ln(1 + e^z) = softplus(z); and ∫ y dz = y z.",
        "3. Integrating: C = Σ_j [softplus(z_j) − y_j z_j] + const, the constant free of z.",
        "4. softplus(z) = −ln(1 − σ(z)) and softplus(z) − z = −ln σ(z), so softplus(z) − y z = −[y ln a + (1 − y) ln(1 − a)]:",
        "   the cross-entropy, with const = 0. (The book's route: ∂C/∂a = (∂C/∂z) / σ'(z) = (a − y) / (a(1 − a)), integrated in a.)",
    ];

    /// <summary>A number in e-notation with two significant digits: for errors and tolerances.</summary>
    public static string Small(double v) => v == 0 ? "0" : v.ToString("0.0e+00", CultureInfo.InvariantCulture);

    private static string Num(double v) => v.ToString("0.######", CultureInfo.InvariantCulture);

    // Whole numbers (one-hot targets) as such, so the target class stands out.
    private static string Vector(IEnumerable<double> values)
    {
        double[] v = values.ToArray();
        string format = v.All(x => x == Math.Round(x)) ? "0" : "0.000000";
        return "(" + string.Join(", ", v.Select(x => (x + 0.0).ToString(format, CultureInfo.InvariantCulture))) + ")";
    }
}
