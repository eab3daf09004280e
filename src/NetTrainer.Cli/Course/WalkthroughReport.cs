using System.Globalization;
using NetTrainer.Costs;
using NetTrainer.Course;

namespace NetTrainer.Cli.Course;

/// <summary>
/// Writes a <see cref="BackpropWalkthrough"/> as the book writes the equations: the forward pass layer by layer, then
/// BP1 (the general Jᵀ ∇_a C and, for a canonical pairing, a − y), BP2 from the output back, BP3 and BP4.
/// </summary>
public static class WalkthroughReport
{
    private static readonly Symbol Is = new("=", "=");
    private static readonly Symbol Plus = new("+", "+");
    private static readonly Symbol Minus = new("−", "-");
    private static readonly Symbol Hadamard = new("⊙", @"\odot");
    private static readonly Symbol Open = new("(", @"\Big(");
    private static readonly Symbol Close = new(")", @"\Big)");

    public static void Write(BackpropWalkthrough walk, Notation notation)
    {
        Network<double> network = walk.Network;
        int last = network.LayerCount;
        Symbol f = Formulas.Function(network.Hidden), fOut = Formulas.Function(network.Output);

        string described = NetworkOptions.Describe(network);
        notation.Title($"Backprop walk-through: {described}, one example.", $"Backprop walk-through: {described}");
        notation.Paragraph(
            $"Layers are numbered 0..L with layer 0 the input (a^0 = x); here L = {last}. Vectors are columns, as in the book.{Environment.NewLine}" +
            "w^l_jk joins neuron k of layer l−1 to neuron j of layer l: row j, column k of w^l (neurons count from 0). The book counts layers" +
            $"{Environment.NewLine}and neurons from 1, so its w^2 is the w^1 here; the equations read the same.",
            $"Layers are numbered $0 \\dots L$ with layer 0 the input ($a^0 = x$); here $L = {last}$. $w^l_{{jk}}$ joins neuron $k$ of layer $l-1$ " +
            "to neuron $j$ of layer $l$: row $j$, column $k$ of $w^l$ (neurons count from 0). Vectors are columns, as in the book. " +
            "The book counts layers and neurons from 1, so its $w^2$ is the $w^1$ here; the equations read the same.");

        notation.Heading("Input and target", "Input and target");
        notation.Equation(new Symbol("x = a^0 =", "x = a^{0} ="), Numbers.Column(walk.X), new Symbol("   y =", @"\qquad y ="), Numbers.Column(walk.Y));

        notation.Heading($"Forward pass: z^l = w^l a^(l−1) + b^l, a^l = f(z^l)", "Forward pass: $z^l = w^l a^{l-1} + b^l$, $a^l = f(z^l)$");
        foreach (ForwardStep step in walk.Forward)
        {
            int l = step.Layer;
            Symbol act = l == last ? fOut : f;
            notation.Equation(new Symbol($"z^{l} = w^{l} a^{l - 1} + b^{l} =", $"z^{{{l}}} = w^{{{l}}} a^{{{l - 1}}} + b^{{{l}}} ="),
                new Numbers(step.W), Numbers.Column(step.APrevious), Plus, Numbers.Column(step.B), Is, Numbers.Column(step.Z));
            notation.Equation(new Symbol($"a^{l} = {act.Text}(z^{l}) =", $"a^{{{l}}} = {act.Latex}(z^{{{l}}}) ="), Numbers.Column(step.A));
        }
        Symbol cost = Formulas.Cost(network.Cost, last);
        notation.Equation(new Symbol($"{cost.Text} = {notation.Number(walk.Cost)}", $"{cost.Latex} = {notation.Number(walk.Cost)}"));
        CostFormsReport.WriteForms(walk, notation);

        WriteBp1(walk, notation);
        WriteBp2(walk.Bp2, network, notation);

        notation.Heading("BP3: ∂C/∂b^l_j = δ^l_j", @"BP3: $\partial C / \partial b^l_j = \delta^l_j$");
        foreach (LayerGradient g in walk.Gradients.Reverse())
            notation.Equation(new Symbol($"∂C/∂b^{g.Layer} = δ^{g.Layer} =", $@"\frac{{\partial C}}{{\partial b^{{{g.Layer}}}}} = \delta^{{{g.Layer}}} ="),
                Numbers.Column(g.NablaB));

        notation.Heading("BP4: ∂C/∂w^l_jk = a^(l−1)_k δ^l_j, that is ∂C/∂w^l = δ^l (a^(l−1))ᵀ",
            @"BP4: $\partial C / \partial w^l_{jk} = a^{l-1}_k \delta^l_j$, that is $\partial C / \partial w^l = \delta^l (a^{l-1})^T$");
        foreach (LayerGradient g in walk.Gradients.Reverse())
        {
            int l = g.Layer;
            notation.Equation(new Symbol($"∂C/∂w^{l} = δ^{l} (a^{l - 1})ᵀ =", $@"\frac{{\partial C}}{{\partial w^{{{l}}}}} = \delta^{{{l}}} (a^{{{l - 1}}})^T ="),
                Numbers.Column(g.Delta), Numbers.Row(g.APrevious), Is, new Numbers(g.NablaW));
        }
    }

    private static void WriteBp1(BackpropWalkthrough walk, Notation notation)
    {
        OutputErrorStep bp1 = walk.Bp1;
        Network<double> network = walk.Network;
        int l = bp1.Layer;
        Symbol heading = Formulas.Bp1(network.Output);
        notation.Heading(heading.Text, heading.Latex);
        Symbol gradient = Formulas.CostGradient(network.Cost, l);
        notation.Equation(new Symbol(gradient.Text + " =", gradient.Latex + " ="), Numbers.Column(bp1.GradientA));
        Symbol jacobian = Formulas.TransposedJacobian(network.Output, l);
        notation.Paragraph(jacobian.Text, $"${jacobian.Latex}$");
        notation.Equation(new Symbol($"δ^{l} = Jᵀ ∇_a C =", $@"\delta^{{{l}}} = J^T \nabla_a C ="),
            new Numbers(bp1.JacobianTransposed), Numbers.Column(bp1.GradientA), Is, Numbers.Column(bp1.Delta));
        CostFormsReport.WriteTerms(walk, notation);
        if (bp1.CanonicalDelta is null)
        {
            notation.Paragraph(
                $"{network.Cost.Name} with a {network.Output.Name} output is not a canonical pairing: δ^L = a − y does not hold, so backprop always takes Jᵀ ∇_a C.",
                $"{network.Cost.Name} with a {network.Output.Name} output is not a canonical pairing: $\\delta^L = a - y$ does not hold, so backprop always takes $J^T \\nabla_a C$.");
            return;
        }
        notation.Paragraph(
            $"{network.Cost.Name} with a {network.Output.Name} output is a canonical pairing: Jᵀ cancels the denominator of ∇_a C, so δ^L = a^L − y (what training uses):",
            $"{network.Cost.Name} with a {network.Output.Name} output is a canonical pairing: $J^T$ cancels the denominator of $\\nabla_a C$, so $\\delta^L = a^L - y$ (what training uses):");
        notation.Equation(new Symbol($"δ^{l} = a^{l} − y =", $@"\delta^{{{l}}} = a^{{{l}}} - y ="),
            Numbers.Column(walk.Forward[^1].A), Minus, Numbers.Column(walk.Y), Is, Numbers.Column(bp1.CanonicalDelta));
        double largest = bp1.LargestDifference!.Value;
        string difference = largest.ToString("0.#e+00", CultureInfo.InvariantCulture);
        if (largest == 0)
            notation.Paragraph("The two agree: they are the same numbers, bit for bit.", "The two agree: they are the same numbers, bit for bit.");
        else
            notation.Paragraph($"The two agree: the largest difference is {difference} (rounding).",
                $"The two agree: the largest difference is ${difference.Replace("e", @"\times 10^{", StringComparison.Ordinal)}}}$ (rounding).");
    }

    private static void WriteBp2(IReadOnlyList<HiddenErrorStep> bp2, Network<double> network, Notation notation)
    {
        Symbol derivative = Formulas.Derivative(network.Hidden);
        Symbol f = Formulas.Function(network.Hidden);
        notation.Heading($"BP2: δ^l = ((w^(l+1))ᵀ δ^(l+1)) ⊙ {f.Text}'(z^l), from layer L−1 down to 1",
            $@"BP2: $\delta^l = \big((w^{{l+1}})^T \delta^{{l+1}}\big) \odot {f.Latex}'(z^l)$, from layer $L-1$ down to 1");
        if (bp2.Count == 0)
        {
            notation.Paragraph("This network has no hidden layer: δ^L is the only error.", @"This network has no hidden layer: $\delta^L$ is the only error.");
            return;
        }
        notation.Paragraph($"with {derivative.Text}.", $"with ${derivative.Latex}$.");
        foreach (HiddenErrorStep step in bp2)
        {
            int l = step.Layer;
            notation.Equation(
                new Symbol($"δ^{l} = ((w^{l + 1})ᵀ δ^{l + 1}) ⊙ {f.Text}'(z^{l}) =",
                    $@"\delta^{{{l}}} = \big((w^{{{l + 1}}})^T \delta^{{{l + 1}}}\big) \odot {f.Latex}'(z^{{{l}}}) ="),
                Open, Numbers.Transposed(step.WNext), Numbers.Column(step.DeltaNext), Close, Hadamard, Numbers.Column(step.ActivationDerivative));
            notation.Equation(new Symbol($"    =", "="), Numbers.Column(step.BackpropagatedError), Hadamard,
                Numbers.Column(step.ActivationDerivative), Is, Numbers.Column(step.Delta));
        }
    }
}
