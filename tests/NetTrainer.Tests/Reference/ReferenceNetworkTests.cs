// Glossary
//   h          the central-difference step: ∂C/∂θ ≈ (C(θ + h) − C(θ − h)) / 2h
//   relative   ‖g − ĝ‖ / ‖g + ĝ‖ over one layer's weights or biases
using NetTrainer.Activations;
using NetTrainer.Costs;

namespace NetTrainer.Tests.Reference;

/// <summary>
/// The oracle checked by a second oracle: the reference's BP1–BP4 against central finite differences of its own
/// cost, so a disagreement in <see cref="ReferenceAgreementTests"/> convicts the library, not the reference.
/// </summary>
public class ReferenceNetworkTests
{
    /// <summary>Central differences with h = 1e-5 carry O(h²) ≈ 1e-10 truncation and ε C/h ≈ 1e-10 rounding.</summary>
    private const double Step = 1e-5;

    /// <summary>‖g − ĝ‖/‖g + ĝ‖ allowed against finite differences; a wrong equation gives 1e-2 or worse.</summary>
    private const double RelativeTolerance = 1e-7;

    private const int BatchSize = 3;
    private const int Seed = 4171;

    public static IEnumerable<TestCaseData> EveryPairing() =>
        from cost in ReferenceNetwork.Costs
        from output in new[] { "sigmoid", "softmax" }
        from hidden in ReferenceNetwork.ElementwiseActivations
        select new TestCaseData(cost, output, hidden).SetName(
            $"Reference_backprop_matches_finite_differences_for_{cost.Replace('-', '_')}_cost_with_{output}_output_and_{hidden}_hidden");

    [TestCaseSource(nameof(EveryPairing))]
    public void Reference_backprop_matches_finite_differences(string cost, string output, string hidden)
    {
        var rng = new Random(Seed);
        int[] sizes = [5, 4, 3, 3];
        Network<double> network = Network<double>.CreateRandom(sizes, ActivationCatalog.ParseHidden(hidden),
            ActivationCatalog.ParseOutput(output), CostCatalog.Parse(cost), WeightInit.Default, rng);
        var reference = new ReferenceNetwork(network, hidden, output, cost);
        double[][] xs = Enumerable.Range(0, BatchSize)
            .Select(_ => Enumerable.Range(0, sizes[0]).Select(_ => rng.NextDouble()).ToArray()).ToArray();
        double[][] ys = Enumerable.Range(0, BatchSize).Select(_ => OneHot(sizes[^1], rng.Next(sizes[^1]))).ToArray();

        ReferenceGradients backprop = reference.Backprop(xs, ys);

        Assert.Multiple(() =>
        {
            for (int l = 0; l < reference.LayerCount; l++)
            {
                double[,] w = reference.Weights[l];
                var numericW = new double[w.Length];
                for (int j = 0; j < w.GetLength(0); j++)
                    for (int k = 0; k < w.GetLength(1); k++)
                        numericW[j * w.GetLength(1) + k] = CentralDifference(() => ref w[j, k], reference, xs, ys);
                double[] b = reference.Biases[l];
                var numericB = new double[b.Length];
                for (int j = 0; j < b.Length; j++)
                    numericB[j] = CentralDifference(() => ref b[j], reference, xs, ys);

                double weightError = RelativeError(backprop.NablaW[l].Cast<double>().ToArray(), numericW);
                double biasError = RelativeError(backprop.NablaB[l], numericB);
                Assert.That(weightError, Is.LessThan(RelativeTolerance),
                    $"reference nablaW[{l}] (BP4, layer {l + 1}) relative error {weightError:E1}");
                Assert.That(biasError, Is.LessThan(RelativeTolerance),
                    $"reference nablaB[{l}] (BP3, layer {l + 1}) relative error {biasError:E1}");
            }
        });
    }

    [Test]
    public void Softmax_jacobian_columns_sum_to_zero_because_the_outputs_always_sum_to_one()
    {
        double[,] jacobian = ReferenceNetwork.Jacobian("softmax", [0.3, -1.2, 2.0, 0.0]);
        for (int j = 0; j < 4; j++)
        {
            double column = 0;
            for (int i = 0; i < 4; i++)
                column += jacobian[i, j];
            Assert.That(column, Is.EqualTo(0).Within(1e-15), $"Σ_i ∂a_i/∂z_{j}");
        }
    }

    private delegate ref double Parameter();

    private static double CentralDifference(Parameter parameter, ReferenceNetwork reference, double[][] xs, double[][] ys)
    {
        ref double theta = ref parameter();
        double saved = theta;
        theta = saved + Step;
        double plus = reference.TotalCost(xs, ys);
        theta = saved - Step;
        double minus = reference.TotalCost(xs, ys);
        theta = saved;
        return (plus - minus) / (2 * Step);
    }

    private static double[] OneHot(int n, int hot)
    {
        var y = new double[n];
        y[hot] = 1.0;
        return y;
    }

    private static double RelativeError(double[] g, double[] gHat)
    {
        double difference = 0, sum = 0;
        for (int i = 0; i < g.Length; i++)
        {
            difference += (g[i] - gHat[i]) * (g[i] - gHat[i]);
            sum += (g[i] + gHat[i]) * (g[i] + gHat[i]);
        }
        return difference == 0 ? 0 : System.Math.Sqrt(difference / sum);
    }
}
