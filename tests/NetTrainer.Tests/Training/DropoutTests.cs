using NetTrainer.Activations;
using NetTrainer.Costs;
using NetTrainer.Data;
using NetTrainer.Diagnostics;
using NetTrainer.LinearAlgebra;
using NetTrainer.Training;

namespace NetTrainer.Tests.Training;

/// <summary>
/// Dropout and max-norm: backprop through a fixed mask is exact (BP2 multiplies by r^l, BP4 reads a^l ⊙ r^l),
/// dropout 0 is plain training bit for bit, the masks drop what p says, and max-norm holds after every step.
/// </summary>
public class DropoutTests
{
    /// <summary>‖g − ĝ‖/‖g + ĝ‖ allowed, as in GradientCheckTests: central differences agree to about 1e-9 in double.</summary>
    private const double Tolerance = 1e-7;

    private static readonly Dataset Training = SyntheticData.Create(60, seed: 3), Evaluation = SyntheticData.Create(20, seed: 4);

    [TestCaseSource(typeof(Pairings), nameof(Pairings.CostOutputHidden))]
    public void Backprop_through_a_fixed_dropout_mask_matches_finite_differences(ICost cost, IActivation output, IActivation hidden)
    {
        Network<double> network = Seeded.Network([6, 5, 4, 3], cost, output, hidden);
        MiniBatch<double> batch = Seeded.Batch(network, m: 4);
        var dropout = new Dropout<double>(network.Sizes, 4, input: 0.3, hidden: 0.5);
        dropout.Draw(new Random(5));
        Assert.That(dropout.Masks.Where(r => r is not null).All(r => r!.AsSpan().Contains(0.0) && r.AsSpan().ContainsAnyExcept(0.0)), Is.True,
            "each mask drops some neurons and keeps some, so the check sees both");
        foreach (bool fused in new[] { true, false })
            Assert.Multiple(() =>
            {
                IReadOnlyList<LayerGradientCheck> checks = GradientCheck.Run(network, batch, fused, masks: dropout.Masks);
                TestContext.Out.WriteLine($"{(fused ? "fused" : "general")} BP1: largest relative error {checks.Max(c => c.MaxError):E1}");
                foreach (LayerGradientCheck c in checks)
                {
                    string equations = c.Layer == network.LayerCount - 1 ? "BP1 and BP4 on a^{L-1} ⊙ r" : "BP2 with ⊙ r^l, and BP4 on a^l ⊙ r^l";
                    Assert.That(c.WeightError, Is.LessThan(Tolerance), $"nablaW[{c.Layer}] ({equations}), {(fused ? "fused" : "general")} BP1; worst {c.WorstWeight}");
                    Assert.That(c.BiasError, Is.LessThan(Tolerance), $"nablaB[{c.Layer}] ({equations}), {(fused ? "fused" : "general")} BP1; worst {c.WorstBias}");
                }
            });
    }

    [Test]
    public void A_mask_that_keeps_every_neuron_gives_the_plain_pass_and_gradients_bit_for_bit()
    {
        Network<float> network = Network<float>.CreateRandom([6, 5, 4, 3], Sigmoid.Instance, Softmax.Instance,
            NegativeLogLikelihoodCost.Instance, WeightInit.Default, new Random(1));
        MiniBatch<float> batch = Seeded.Batch(network, m: 4);
        Matrix<float>?[] ones = network.Weights.Select(w => new Matrix<float>(4, w.Cols)).ToArray();
        foreach (Matrix<float>? r in ones)
            r!.AsSpan().Fill(1f);
        Workspace<float> plainScratch = network.CreateWorkspace(4), maskedScratch = network.CreateWorkspace(4);
        Gradients<float> plain = network.Backprop(network.Feedforward(batch.X, plainScratch), batch.Y, plainScratch);
        Gradients<float> masked = network.Backprop(network.Feedforward(batch.X, maskedScratch, ones), batch.Y, maskedScratch);
        for (int l = 0; l < network.LayerCount; l++)
        {
            Assert.That(masked.NablaW[l].ToArray(), Is.EqualTo(plain.NablaW[l].ToArray()), $"nablaW[{l}] (BP4 on a ⊙ 1)");
            Assert.That(masked.NablaB[l], Is.EqualTo(plain.NablaB[l]), $"nablaB[{l}] (BP2 ⊙ 1, BP3)");
        }
    }

    [Test]
    public void Dropout_that_keeps_every_neuron_trains_the_plain_run_bit_for_bit()
    {
        // p = 1e-30: every draw keeps its neuron and 1/(1 - p) rounds to 1, so the run takes the dropout path (masks,
        // the plain step) with masks of ones. It must end where the plain run (the fused step, no masks) ends. One epoch:
        // the mask draws move the generator, so a second epoch would shuffle differently.
        var plain = new SgdOptions(Epochs: 1, MiniBatchSize: 7, Eta: 0.3, Lambda: 0.5);
        (Network<float> a, long drawsA) = Train(plain);
        (Network<float> b, long drawsB) = Train(plain with { Dropout = 1e-30, InputDropout = 1e-30 });
        Assert.That(drawsB, Is.GreaterThan(drawsA), "the masks were drawn: the dropout path ran");
        for (int l = 0; l < a.LayerCount; l++)
        {
            Assert.That(b.Weights[l].ToArray(), Is.EqualTo(a.Weights[l].ToArray()), $"weights[{l}]");
            Assert.That(b.Biases[l], Is.EqualTo(a.Biases[l]), $"biases[{l}]");
        }
    }

    [Test]
    public void Dropout_changes_the_run_and_takes_one_draw_per_masked_neuron_and_example()
    {
        var plain = new SgdOptions(Epochs: 1, MiniBatchSize: 7, Eta: 0.3);
        (Network<float> a, long drawsA) = Train(plain);
        (Network<float> b, long drawsB) = Train(plain with { Dropout = 0.5, InputDropout = 0.2 });
        // 60 examples, each masks 16 inputs and 7 hidden neurons once per epoch.
        Assert.That(drawsB - drawsA, Is.EqualTo(60 * (16 + 7)));
        Assert.That(b.Weights[0].ToArray(), Is.Not.EqualTo(a.Weights[0].ToArray()));
    }

    [TestCase(0.5)]
    [TestCase(0.2)]
    [TestCase(0.8)]
    public void The_fraction_dropped_is_within_binomial_bounds_and_kept_neurons_are_scaled_by_1_over_1_minus_p(double p)
    {
        const int m = 50, n = 200, trials = m * n;
        var dropout = new Dropout<float>([n, n, 10], m, input: p, hidden: p);
        dropout.Draw(new Random(7));
        float kept = (float)(1 / (1 - p));
        foreach (Matrix<float>? r in dropout.Masks)
        {
            Assert.That(r!.AsSpan().ToArray().All(v => v == 0f || v == kept), Is.True, "every entry is 0 or 1/(1 − p)");
            int dropped = r.AsSpan().ToArray().Count(v => v == 0f);
            // 5 standard deviations of Binomial(trials, p): a seeded draw outside it would mean a wrong p, not bad luck.
            double sd = Math.Sqrt(trials * p * (1 - p));
            Assert.That(dropped, Is.InRange(trials * p - 5 * sd, trials * p + 5 * sd), $"dropped of {trials} at p = {p}");
            // Each example gets its own mask: no two rows alike.
            Assert.That(Enumerable.Range(0, m).Select(j => string.Join(",", r.Row(j).ToArray())).Distinct().Count(), Is.EqualTo(m));
        }
    }

    [Test]
    public void Max_norm_holds_after_every_step_for_hidden_layers_only()
    {
        const double c = 0.5;
        var options = new SgdOptions(Epochs: 2, MiniBatchSize: 7, Eta: 3.0) { MaxNorm = c, Dropout = 0.5 };
        (Network<float> network, _) = Train(options);
        for (int l = 0; l < network.LayerCount - 1; l++)
            for (int j = 0; j < network.Weights[l].Rows; j++)
            {
                double norm = Math.Sqrt(network.Weights[l].Row(j).ToArray().Sum(w => (double)w * w));
                // The rescaled row is rounded to float: allow a few units in the last place.
                Assert.That(norm, Is.LessThanOrEqualTo(c * (1 + 1e-6)), $"‖row {j} of weights[{l}]‖");
            }
        double outputMax = Enumerable.Range(0, network.Weights[^1].Rows)
            .Max(j => Math.Sqrt(network.Weights[^1].Row(j).ToArray().Sum(w => (double)w * w)));
        Assert.That(outputMax, Is.GreaterThan(c), "the output layer is not constrained (eta 3 grows it past C)");
    }

    [Test]
    public void Max_norm_rescales_a_row_onto_the_ball_and_leaves_shorter_rows_alone()
    {
        var weights = new[] { new Matrix<double>(2, 2), new Matrix<double>(1, 2) };
        weights[0].AsSpan()[0] = 3; weights[0].AsSpan()[1] = 4;          // ‖(3, 4)‖ = 5
        weights[0].AsSpan()[2] = 0.3; weights[0].AsSpan()[3] = 0.4;      // ‖(0.3, 0.4)‖ = 0.5
        weights[1].AsSpan()[0] = 30; weights[1].AsSpan()[1] = 40;
        var network = new Network<double>([2, 2, 1], weights, [new double[2], new double[1]], Sigmoid.Instance, Sigmoid.Instance, QuadraticCost.Instance);
        MaxNorm.Apply(network, 1.0);
        Assert.That(network.Weights[0].ToArray(), Is.EqualTo(new[] { 0.6, 0.8, 0.3, 0.4 }).Within(1e-15));
        Assert.That(network.Weights[1].ToArray(), Is.EqualTo(new[] { 30.0, 40.0 }), "the output layer");
    }

    private static (Network<float> Network, long Draws) Train(SgdOptions options)
    {
        var rng = new ResumableRandom(11);
        Network<float> network = Network<float>.CreateRandom([16, 7, 3], Sigmoid.Instance, Softmax.Instance,
            NegativeLogLikelihoodCost.Instance, WeightInit.Default, rng);
        Sgd.Train(network, Training, Evaluation, options, rng, new NetTrainer.Tests.Extensions.Recorder());
        return (network, rng.Draws);
    }
}
