using System.Globalization;
using NetTrainer.Activations;
using NetTrainer.Costs;
using NetTrainer.Course;
using NetTrainer.LinearAlgebra;

namespace NetTrainer.Cli.Course;

/// <summary>
/// The parts of `explain` that answer "why do NLL and softmax go together": the cost in all its equivalent forms
/// (which must agree), and BP1's product written out term by term, so the terms that vanish show.
/// </summary>
public static class CostFormsReport
{
    /// <summary>Forms agree when they differ by at most this, relative to the cost: rounding in float64.</summary>
    public const double Agreement = 1e-12;

    public static void WriteForms(BackpropWalkthrough walk, Notation notation)
    {
        Network<double> network = walk.Network;
        ForwardStep last = walk.Forward[^1];
        EquivalentCost forms = CostForms.Of(network.Cost, network.Output, last.Z, last.A, walk.Y);
        int? target = CostForms.TargetClass(walk.Y);
        notation.Paragraph("The same cost, every way it is written (forms in z work from the logits; forms in a from the outputs):",
            "The same cost, every way it is written (forms in $z$ work from the logits; forms in $a$ from the outputs):");
        foreach (CostForm form in forms.Forms)
        {
            Symbol s = Formula(form.Kind, last.Layer, target);
            notation.Equation(new Symbol($"{s.Text} = {notation.Number(form.Value)}", $"{s.Latex} = {notation.Number(form.Value)}"));
        }
        double scale = Math.Max(1, Math.Abs(forms.Forms[0].Value));
        string spread = Sci(forms.Spread);
        if (forms.Spread <= Agreement * scale)
            notation.Paragraph($"All {forms.Forms.Count} forms agree: the largest difference is {spread}.",
                $"All {forms.Forms.Count} forms agree: the largest difference is {spread}.");
        else if (forms.Forms.Any(f => f.InZ) && forms.SpreadInZ <= Agreement * scale)
            notation.Paragraph(
                $"The forms in a differ from the forms in z by {spread}: an output rounds to 0 or 1 in float64 at these logits, so ln a is −∞ " +
                "(the library clamps it at ε); the forms in z stay exact.",
                $"The forms in $a$ differ from the forms in $z$ by {spread}: an output rounds to 0 or 1 in float64 at these logits, so $\\ln a$ is $-\\infty$ " +
                "(the library clamps it at $\\varepsilon$); the forms in $z$ stay exact.");
        else
            notation.Paragraph($"The forms differ by {spread}: an output is saturated (0 or 1 in float64), where the library clamps ln a at ε.",
                $"The forms differ by {spread}: an output is saturated (0 or 1 in float64), where the library clamps $\\ln a$ at $\\varepsilon$.");
    }

    /// <summary>
    /// BP1's product term by term: entry (j, i) is J_ij ∂C/∂a_i, the part of δ_j that flows through output i; row j
    /// sums to δ_j. Columns of zeros are the ∂C/∂a_i that vanish, off-diagonal zeros the Jacobian's.
    /// </summary>
    public static void WriteTerms(BackpropWalkthrough walk, Notation notation)
    {
        OutputErrorStep bp1 = walk.Bp1;
        int n = bp1.GradientA.Length, l = bp1.Layer;
        var terms = new Matrix<double>(n, n);
        for (int j = 0; j < n; j++)
            for (int i = 0; i < n; i++)
                terms[j, i] = bp1.JacobianTransposed[j, i] * bp1.GradientA[i];
        notation.Paragraph($"Term by term: δ^{l}_j = Σ_i J_ij ∂C/∂a^{l}_i. Entry (j, i) below is J_ij ∂C/∂a^{l}_i, the part of δ_j that flows through output i; row j sums to δ_j:",
            $"Term by term: $\\delta^{{{l}}}_j = \\sum_i J_{{ij}} \\, \\partial C / \\partial a^{{{l}}}_i$. Entry $(j, i)$ below is $J_{{ij}} \\, \\partial C / \\partial a^{{{l}}}_i$; row $j$ sums to $\\delta_j$:");
        notation.Equation(new Symbol("[J_ij ∂C/∂a_i] =", @"\big[J_{ij} \, \partial C / \partial a_i\big] ="), new Numbers(terms),
            new Symbol("row sums", @"\xrightarrow{\text{row sums}}"), Numbers.Column(bp1.Delta));
        int zeroGradients = bp1.GradientA.Count(g => g == 0);
        int offDiagonalZeros = Enumerable.Range(0, n).Sum(j => Enumerable.Range(0, n).Count(i => i != j && bp1.JacobianTransposed[j, i] == 0));
        string why = Vanishing(walk.Network.Cost, walk.Network.Output);
        string counts = $"Here ∇_a C has {zeroGradients} zero {(zeroGradients == 1 ? "entry" : "entries")} out of {n}, and J {offDiagonalZeros} zero off-diagonal {(offDiagonalZeros == 1 ? "entry" : "entries")} out of {n * (n - 1)}.";
        notation.Paragraph(why + Environment.NewLine + counts, why + Environment.NewLine + counts);
    }

    private static string Vanishing(ICost cost, IActivation output) => (cost, output) switch
    {
        (NegativeLogLikelihoodCost, Softmax) =>
            "NLL's ∂C/∂a_i = −y_i / a_i vanishes except at the target T, so only column T survives:" + Environment.NewLine + "δ_j = J_Tj (−1/a_T) = −(a_T 1[j = T] − a_T a_j) / a_T = a_j − 1[j = T], the a − y of every output, target or not.",
        (NegativeLogLikelihoodCost, _) =>
            $"NLL's ∂C/∂a_i vanishes except at the target, and the {output.Name}'s Jacobian is diagonal," + Environment.NewLine + $"so δ is 0 except at the target: the other outputs are never pushed down.",
        (CrossEntropyCost, Sigmoid) =>
            "The sigmoid's Jacobian is diagonal (output j depends on z_j alone), so only the diagonal survives:" + Environment.NewLine + "δ_j = a_j(1 − a_j) · (a_j − y_j) / (a_j(1 − a_j)) = a_j − y_j, σ' cancelled.",
        (CrossEntropyCost, _) =>
            "Every ∂C/∂a_i is nonzero and softmax's Jacobian is full, so every term survives: no cancellation, δ ≠ a − y.",
        (QuadraticCost, Sigmoid) =>
            "The sigmoid's Jacobian is diagonal, so only the diagonal survives: δ_j = σ'(z_j) (a_j − y_j), and σ'(z_j) stays (the learning slowdown).",
        _ =>
            "Every ∂C/∂a_i = a_i − y_i is nonzero and the Jacobian is full, so every term survives: δ = Jᵀ (a − y), the Jacobian stays.",
    };

    private static Symbol Formula(CostFormKind kind, int layer, int? target) => kind switch
    {
        CostFormKind.Library => new("C (the library's cost, logs clamped at ε)", @"C \text{ (the library's cost, logs clamped at } \varepsilon)"),
        CostFormKind.SumOfSquares => new($"½ Σ_j (a^{layer}_j − y_j)²", $@"\tfrac{{1}}{{2}} \sum_j (a^{{{layer}}}_j - y_j)^2"),
        CostFormKind.BinaryCrossEntropy => new($"−Σ_j [y_j ln a^{layer}_j + (1 − y_j) ln(1 − a^{layer}_j)]",
            $@"-\sum_j \big[y_j \ln a^{{{layer}}}_j + (1 - y_j) \ln(1 - a^{{{layer}}}_j)\big]"),
        CostFormKind.SoftplusInZ => new($"Σ_j [softplus(z^{layer}_j) − y_j z^{layer}_j], softplus(z) = ln(1 + e^z)",
            $@"\sum_j \big[\mathrm{{softplus}}(z^{{{layer}}}_j) - y_j z^{{{layer}}}_j\big]"),
        CostFormKind.NegativeLogOfTarget => new($"−ln a^{layer}_T (T = {target})", $@"-\ln a^{{{layer}}}_T \; (T = {target})"),
        CostFormKind.CategoricalCrossEntropy => new($"−Σ_j y_j ln a^{layer}_j", $@"-\sum_j y_j \ln a^{{{layer}}}_j"),
        CostFormKind.LogSumExpInZ => target is null
            ? new($"Σ_j y_j (ln Σ_k e^(z^{layer}_k) − z^{layer}_j)", $@"\sum_j y_j \big(\ln \sum_k e^{{z^{{{layer}}}_k}} - z^{{{layer}}}_j\big)")
            : new($"ln Σ_k e^(z^{layer}_k) − z^{layer}_T (log-sum-exp)", $@"\ln \sum_k e^{{z^{{{layer}}}_k}} - z^{{{layer}}}_T"),
        CostFormKind.NegativeLogSigmoidInZ => new($"Σ_j y_j softplus(−z^{layer}_j) = −Σ_j y_j ln σ(z^{layer}_j)",
            $@"\sum_j y_j \, \mathrm{{softplus}}(-z^{{{layer}}}_j)"),
        _ => new(kind.ToString(), kind.ToString()),
    };

    private static string Sci(double v) => v == 0 ? "0" : v.ToString("0.0e+00", CultureInfo.InvariantCulture);
}
