using NetTrainer.Activations;
using NetTrainer.Costs;
using NetTrainer.Course;
using NetTrainer.Diagnostics;

namespace NetTrainer.Tests.Course;

/// <summary>
/// The explain walk-through: every vector it shows satisfies the equation it is shown under, written out here
/// with plain loops, for every cost, output and hidden activation.
/// </summary>
public class WalkthroughTests
{
    private static readonly double[] X = [0.9, 0.1, 0.4];
    private static readonly double[] Y = [0, 1, 0];

    private static BackpropWalkthrough Explain(ICost cost, IActivation output, IActivation hidden, int[]? sizes = null) =>
        Walkthrough.Explain(Seeded.Network(sizes ?? [3, 4, 2, 3], cost, output, hidden, seed: 5), X, Y);

    [TestCaseSource(typeof(Pairings), nameof(Pairings.CostOutputHidden))]
    public void Every_step_satisfies_its_equation(ICost cost, IActivation output, IActivation hidden)
    {
        BackpropWalkthrough walk = Explain(cost, output, hidden);
        Network<double> network = walk.Network;
        const double tolerance = 1e-14;

        Assert.Multiple(() =>
        {
            // Forward: z^l = w^l a^{l−1} + b^l, and a^{l−1} is what the layer before produced (a^0 = x).
            for (int i = 0; i < walk.Forward.Count; i++)
            {
                ForwardStep step = walk.Forward[i];
                Assert.That(step.APrevious, Is.EqualTo(i == 0 ? X : walk.Forward[i - 1].A), $"a^{step.Layer - 1}");
                double[] z = Enumerable.Range(0, step.W.Rows)
                    .Select(j => Enumerable.Range(0, step.W.Cols).Sum(k => step.W[j, k] * step.APrevious[k]) + step.B[j]).ToArray();
                Assert.That(step.Z, Is.EqualTo(z).Within(tolerance), $"z^{step.Layer} = w^{step.Layer} a^{step.Layer - 1} + b^{step.Layer}");
            }
            // BP1: δ^L = Jᵀ ∇_a C.
            OutputErrorStep bp1 = walk.Bp1;
            double[] jtg = Enumerable.Range(0, bp1.Delta.Length)
                .Select(i => Enumerable.Range(0, bp1.Delta.Length).Sum(j => bp1.JacobianTransposed[i, j] * bp1.GradientA[j])).ToArray();
            Assert.That(bp1.Delta, Is.EqualTo(jtg).Within(1e-12), "BP1: δ^L = Jᵀ ∇_a C");
            // BP2: δ^l = ((w^{l+1})ᵀ δ^{l+1}) ⊙ f'(z^l), each δ^{l+1} the one computed before it.
            Assert.That(walk.Bp2.Select(s => s.Layer), Is.EqualTo(new[] { 2, 1 }), "BP2 runs from layer L − 1 down to 1");
            double[] deltaNext = bp1.Delta;
            foreach (HiddenErrorStep step in walk.Bp2)
            {
                Assert.That(step.DeltaNext, Is.EqualTo(deltaNext), $"δ^{step.Layer + 1} fed into BP2");
                double[] wtDelta = Enumerable.Range(0, step.WNext.Cols).Select(k => Enumerable.Range(0, step.WNext.Rows).Sum(j => step.WNext[j, k] * deltaNext[j])).ToArray();
                Assert.That(step.BackpropagatedError, Is.EqualTo(wtDelta).Within(tolerance), $"(w^{step.Layer + 1})ᵀ δ^{step.Layer + 1}");
                Assert.That(step.Delta, Is.EqualTo(step.BackpropagatedError.Zip(step.ActivationDerivative, (g, d) => g * d)).Within(tolerance),
                    $"BP2: δ^{step.Layer} = ((w^{step.Layer + 1})ᵀ δ^{step.Layer + 1}) ⊙ f'(z^{step.Layer})");
                deltaNext = step.Delta;
            }
            // BP3 and BP4 for every layer, from the δ shown for it.
            foreach (LayerGradient g in walk.Gradients)
            {
                double[] delta = g.Layer == network.LayerCount ? bp1.Delta : walk.Bp2.Single(s => s.Layer == g.Layer).Delta;
                Assert.That(g.Delta, Is.EqualTo(delta), $"δ^{g.Layer}");
                Assert.That(g.APrevious, Is.EqualTo(walk.Forward[g.Layer - 1].APrevious), $"a^{g.Layer - 1}");
                Assert.That(g.NablaB, Is.EqualTo(delta).Within(tolerance), $"BP3: ∂C/∂b^{g.Layer} = δ^{g.Layer}");
                for (int j = 0; j < g.NablaW.Rows; j++)
                    for (int k = 0; k < g.NablaW.Cols; k++)
                        Assert.That(g.NablaW[j, k], Is.EqualTo(g.APrevious[k] * delta[j]).Within(tolerance), $"BP4: ∂C/∂w^{g.Layer}_{j}{k}");
            }
        });
    }

    [TestCaseSource(typeof(Pairings), nameof(Pairings.CostOutput))]
    public void The_gradients_shown_are_the_true_gradients_of_the_cost(ICost cost, IActivation output)
    {
        BackpropWalkthrough walk = Explain(cost, output, Tanh.Instance);
        Network<double> network = walk.Network;
        var one = MiniBatch<double>.For(network, 1);
        X.CopyTo(one.X.Row(0));
        Y.CopyTo(one.Y.Row(0));

        IReadOnlyList<LayerGradientCheck> checks = GradientCheck.Run(network, one);

        Assert.Multiple(() =>
        {
            foreach (LayerGradientCheck c in checks)
            {
                LayerGradient shown = walk.Gradients[c.Layer];
                Assert.That(shown.NablaW.ToArray(), Is.EqualTo(network.Backprop(one).NablaW[c.Layer].ToArray()).Within(1e-12), $"∂C/∂w^{shown.Layer} shown");
                Assert.That(c.MaxError, Is.LessThan(1e-7), $"layer {shown.Layer}: backprop against finite differences");
            }
            Assert.That(walk.Cost, Is.EqualTo(cost.Sum(network.Feedforward(one).Output, one.Y)), "C");
        });
    }

    [Test]
    public void The_transposed_jacobian_of_a_sigmoid_output_is_diagonal_with_sigma_prime()
    {
        BackpropWalkthrough walk = Explain(QuadraticCost.Instance, Sigmoid.Instance, Sigmoid.Instance);
        double[] a = walk.Forward[^1].A;

        for (int i = 0; i < a.Length; i++)
            for (int j = 0; j < a.Length; j++)
                Assert.That(walk.Bp1.JacobianTransposed[i, j], Is.EqualTo(i == j ? a[i] * (1 - a[i]) : 0).Within(1e-16), $"Jᵀ[{i},{j}]");
    }

    [Test]
    public void The_transposed_jacobian_of_a_softmax_output_is_diag_a_minus_a_a_transpose()
    {
        BackpropWalkthrough walk = Explain(QuadraticCost.Instance, Softmax.Instance, Sigmoid.Instance);
        double[] a = walk.Forward[^1].A;

        for (int i = 0; i < a.Length; i++)
            for (int j = 0; j < a.Length; j++)
                Assert.That(walk.Bp1.JacobianTransposed[i, j], Is.EqualTo((i == j ? a[i] : 0) - a[i] * a[j]).Within(1e-16), $"Jᵀ[{i},{j}]");
    }

    [TestCaseSource(typeof(Pairings), nameof(Pairings.CostOutput))]
    public void Only_the_canonical_pairings_show_a_minus_y_and_it_agrees_with_the_general_path(ICost cost, IActivation output)
    {
        BackpropWalkthrough walk = Explain(cost, output, Sigmoid.Instance);
        bool canonical = (cost, output) is (CrossEntropyCost, Sigmoid) or (NegativeLogLikelihoodCost, Softmax);

        if (!canonical)
        {
            Assert.That(walk.Bp1.CanonicalDelta, Is.Null);
            return;
        }
        double[] aMinusY = walk.Forward[^1].A.Zip(Y, (a, y) => a - y).ToArray();
        Assert.That(walk.Bp1.CanonicalDelta, Is.EqualTo(aMinusY), "δ^L = a − y");
        Assert.That(walk.Bp1.LargestDifference, Is.LessThan(1e-15), "against Jᵀ ∇_a C");
    }

    [Test]
    public void A_network_without_a_hidden_layer_has_no_BP2_step()
    {
        BackpropWalkthrough walk = Explain(CrossEntropyCost.Instance, Sigmoid.Instance, Sigmoid.Instance, sizes: [3, 3]);

        Assert.That(walk.Bp2, Is.Empty);
        Assert.That(walk.Gradients.Single().NablaB, Is.EqualTo(walk.Bp1.Delta));
    }

    [Test]
    public void An_input_that_does_not_fit_the_network_is_refused()
    {
        Network<double> network = Seeded.Network([3, 2], QuadraticCost.Instance, Sigmoid.Instance, Sigmoid.Instance);

        var e = Assert.Throws<ArgumentException>(() => Walkthrough.Explain(network, [1.0, 2.0], [0.0, 1.0]));
        Assert.That(e!.Message, Is.EqualTo("The input has 2 numbers but the network's input layer has 3 neurons."));
    }
}
