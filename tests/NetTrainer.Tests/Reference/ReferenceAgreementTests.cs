// Glossary
//   g, ĝ        the library's value and the reference's, flattened over a whole layer
//   relative    ‖g − ĝ‖ / ‖g + ĝ‖ over the layer (0 when both are zero)
//   m           mini-batch size (BatchSize); x, y the (m, n_0) inputs and (m, n_L) one-hot targets
using NetTrainer.Activations;
using NetTrainer.Costs;
using NetTrainer.LinearAlgebra;

namespace NetTrainer.Tests.Reference;

/// <summary>
/// Network.Backprop against <see cref="ReferenceNetwork"/>, the book's formulas one example at a time, for every
/// cost x output activation x hidden activation, with and without the fused output delta. A failure names the
/// quantity, its layer and the equation behind it, e.g. "nablaW[0] (BP4, layer 1; δ from BP2) relative error 3.0E-002".
/// </summary>
public class ReferenceAgreementTests
{
    /// <summary>
    /// ‖g − ĝ‖/‖g + ĝ‖ allowed. Both sides sum the same double products in different orders, so they agree to
    /// about 1e-15; a wrong equation shows as 1e-2 or worse. (The brief's hard requirement is 1e-4.)
    /// </summary>
    private const double RelativeTolerance = 1e-10;

    private const int BatchSize = 4;
    private const int Seed = 1729;

    /// <summary>Small nets from the brief, and one wider than a 256-bit register of doubles so the SIMD tiles run.</summary>
    private static readonly int[][] SizesWithHiddenLayers = [[5, 4, 3], [6, 5, 4, 3], [11, 10, 9, 3]];

    private static readonly int[] SizesWithoutHiddenLayer = [6, 3];

    private static readonly string[] CostNames = ["quadratic", "cross-entropy", "nll"];
    private static readonly string[] OutputNames = ["sigmoid", "softmax"];
    private static readonly string[] HiddenNames = ["sigmoid", "tanh", "relu"];
    private static readonly bool[] FusedChoices = [true, false];

    public static IEnumerable<TestCaseData> EveryPairing() =>
        from fused in FusedChoices
        from cost in CostNames
        from output in OutputNames
        from hidden in HiddenNames
        select new TestCaseData(cost, output, hidden, fused).SetName(
            $"Backprop_matches_the_reference_for_{Words(cost)}_cost_with_{output}_output_and_{hidden}_hidden" +
            $"_when_fusedOutputDelta_is_{(fused ? "true" : "false")}");

    public static IEnumerable<TestCaseData> EveryCostAndOutput() =>
        from fused in FusedChoices
        from cost in CostNames
        from output in OutputNames
        select new TestCaseData(cost, output, fused).SetName(
            $"Backprop_matches_the_reference_without_a_hidden_layer_for_{Words(cost)}_cost_with_{output}_output" +
            $"_when_fusedOutputDelta_is_{(fused ? "true" : "false")}");

    [TestCaseSource(nameof(EveryPairing))]
    public void Backprop_matches_the_reference(string cost, string output, string hidden, bool fused) =>
        Assert.Multiple(() =>
        {
            foreach (int[] sizes in SizesWithHiddenLayers)
                AssertAgrees(Case.Create(sizes, cost, output, hidden, fused));
        });

    [TestCaseSource(nameof(EveryCostAndOutput))]
    public void Backprop_matches_the_reference_without_a_hidden_layer(string cost, string output, bool fused) =>
        AssertAgrees(Case.Create(SizesWithoutHiddenLayer, cost, output, hidden: "sigmoid", fused));

    [Test]
    public void The_agreement_check_names_the_gradient_that_disagrees_and_its_equation()
    {
        Case c = Case.Create([5, 4, 3], "quadratic", "sigmoid", "tanh", fused: false);
        Assert.That(c.Disagreements(), Is.Empty, "the unperturbed case must agree before the perturbation means anything");

        c.Gradients.NablaB[1][0] += 0.1;
        string[] biasReport = c.Disagreements();
        c.Gradients.NablaB[1][0] -= 0.1;
        c.Gradients.NablaW[0][2, 1] += 0.1;
        string[] weightReport = c.Disagreements();

        Assert.Multiple(() =>
        {
            Assert.That(biasReport, Has.Length.EqualTo(1));
            Assert.That(biasReport[0], Does.StartWith("nablaB[1] (BP3, layer 2; δ from BP1) relative error"));
            Assert.That(weightReport, Has.Length.EqualTo(1));
            Assert.That(weightReport[0], Does.StartWith("nablaW[0] (BP4, layer 1; δ from BP2) relative error"));
            Assert.That(weightReport[0], Does.Contain("worst at [2, 1]"));
        });
    }

    [Test]
    public void A_network_whose_hidden_activation_is_not_the_named_one_disagrees_from_the_first_hidden_activations()
    {
        // The network computes tanh in its hidden layer, the reference is told sigmoid: z^1 still agrees, a^1 not.
        Case c = Case.Create([5, 4, 3], "quadratic", "sigmoid", "tanh", fused: false, referenceHidden: "sigmoid");
        string[] report = c.Disagreements();
        Assert.Multiple(() =>
        {
            Assert.That(report, Has.None.StartsWith("zs[0] "));
            Assert.That(report, Has.Some.StartsWith("activations[1] (forward a = f(z), layer 1)"));
        });
    }

    private static void AssertAgrees(Case c)
    {
        string[] disagreements = c.Disagreements();
        Assert.That(disagreements, Has.Length.Zero,
            $"{c.Description}:{Environment.NewLine}  {string.Join(Environment.NewLine + "  ", disagreements)}");
    }

    private static string Words(string name) => name.Replace('-', '_');

    /// <summary>One seeded network and mini-batch, backpropagated by the library and by the reference.</summary>
    private sealed class Case
    {
        private Case(string description, Network<double> network, ForwardPass<double> pass, MiniBatch<double> batch, Gradients<double> gradients,
            ReferenceNetwork reference, double[][] xs, double[][] ys)
        {
            Description = description;
            Network = network;
            Pass = pass;
            Batch = batch;
            Gradients = gradients;
            Reference = reference;
            Xs = xs;
            Ys = ys;
        }

        public string Description { get; }
        public Network<double> Network { get; }
        public ForwardPass<double> Pass { get; }
        public MiniBatch<double> Batch { get; }
        public ReferenceNetwork Reference { get; }
        public double[][] Xs { get; }
        public double[][] Ys { get; }
        public Gradients<double> Gradients { get; }

        public static Case Create(int[] sizes, string cost, string output, string hidden, bool fused,
            string? referenceHidden = null)
        {
            var rng = new Random(Seed);
            Network<double> network = Network<double>.CreateRandom(sizes, ActivationCatalog.ParseHidden(hidden),
                ActivationCatalog.ParseOutput(output), CostCatalog.Parse(cost), WeightInit.Default, rng);

            // x uniform in [0, 1], y one-hot
            var xs = new double[BatchSize][];
            var ys = new double[BatchSize][];
            var batch = MiniBatch<double>.For(network, BatchSize);
            for (int x = 0; x < BatchSize; x++)
            {
                xs[x] = new double[sizes[0]];
                for (int k = 0; k < sizes[0]; k++)
                    batch.X[x, k] = xs[x][k] = rng.NextDouble();
                ys[x] = new double[sizes[^1]];
                ys[x][rng.Next(sizes[^1])] = 1.0;
                for (int j = 0; j < sizes[^1]; j++)
                    batch.Y[x, j] = ys[x][j];
            }

            Workspace<double> scratch = network.CreateWorkspace(BatchSize);
            ForwardPass<double> pass = network.Feedforward(batch.X, scratch);
            Gradients<double> gradients = network.Backprop(pass, batch.Y, scratch, fusedOutputDelta: fused);
            var reference = new ReferenceNetwork(network, referenceHidden ?? hidden, output, cost);
            string description = $"sizes [{string.Join(",", sizes)}], {cost} cost, {output} output, " +
                $"{hidden} hidden, fusedOutputDelta {(fused ? "true" : "false")}, seed {Seed}";
            return new Case(description, network, pass, batch, gradients, reference, xs, ys);
        }

        /// <summary>One line per forward quantity or gradient whose relative error exceeds the tolerance.</summary>
        public string[] Disagreements()
        {
            var report = new List<string>();
            int layers = Network.LayerCount, last = layers - 1;
            ReferencePass[] passes = Xs.Select(Reference.Feedforward).ToArray();
            ReferenceGradients expected = Reference.Backprop(Xs, Ys);

            for (int l = 0; l < layers; l++)
            {
                Compare(report, $"zs[{l}] (forward z = w a + b, layer {l + 1})",
                    Pass.Zs[l], passes.SelectMany(p => p.Zs[l]).ToArray());
                Compare(report, $"activations[{l + 1}] (forward a = f(z), layer {l + 1})",
                    Pass.Activations[l + 1], passes.SelectMany(p => p.Activations[l + 1]).ToArray());
            }
            double cost = Network.Cost.Sum(Pass.Output, Batch.Y);
            Compare(report, "cost Σ_x C(a^L, y) (forward, the cost formula)", [cost], [Reference.TotalCost(Xs, Ys)], cols: 0);

            for (int l = last; l >= 0; l--)
            {
                string origin = l == last ? "BP1" : "BP2";
                Compare(report, $"nablaB[{l}] (BP3, layer {l + 1}; δ from {origin})", Gradients.NablaB[l], expected.NablaB[l], cols: 0);
                Compare(report, $"nablaW[{l}] (BP4, layer {l + 1}; δ from {origin})", Gradients.NablaW[l],
                    expected.NablaW[l].Cast<double>().ToArray());
            }
            return report.ToArray();
        }

        private static void Compare(List<string> report, string label, Matrix<double> actual, double[] expected) =>
            Compare(report, label, actual.ToArray(), expected, actual.Cols);

        // cols > 0: the values are a row-major matrix and the worst entry is reported as [row, col].
        private static void Compare(List<string> report, string label, double[] actual, double[] expected, int cols)
        {
            if (actual.Length != expected.Length)
            {
                report.Add($"{label} has {actual.Length} values; the reference has {expected.Length}");
                return;
            }
            double error = RelativeError(actual, expected);
            if (error < RelativeTolerance)
                return;
            int worst = 0;
            for (int i = 1; i < actual.Length; i++)
                if (System.Math.Abs(actual[i] - expected[i]) > System.Math.Abs(actual[worst] - expected[worst]))
                    worst = i;
            string at = cols > 0 ? $"[{worst / cols}, {worst % cols}]" : $"[{worst}]";
            report.Add($"{label} relative error {error:E1}; worst at {at}: {actual[worst]:G6} vs reference {expected[worst]:G6}");
        }
    }

    /// <summary>‖g − ĝ‖ / ‖g + ĝ‖: 0 when both are zero, +∞ when g = −ĝ ≠ 0, NaN when either holds a NaN.</summary>
    private static double RelativeError(double[] g, double[] gHat)
    {
        double difference = 0, sum = 0;
        for (int i = 0; i < g.Length; i++)
        {
            difference += (g[i] - gHat[i]) * (g[i] - gHat[i]);
            sum += (g[i] + gHat[i]) * (g[i] + gHat[i]);
        }
        if (difference == 0)
            return 0;
        return sum == 0 ? double.PositiveInfinity : System.Math.Sqrt(difference) / System.Math.Sqrt(sum);
    }
}
