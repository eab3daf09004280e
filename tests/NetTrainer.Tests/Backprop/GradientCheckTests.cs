using NetTrainer.Activations;
using NetTrainer.Costs;
using NetTrainer.Diagnostics;
using NetTrainer.LinearAlgebra;

namespace NetTrainer.Tests.Backprop;

/// <summary>
/// Backprop against central finite differences, in double, for every weight and bias, every cost x output
/// activation pairing and every hidden activation. A failure names the layer and the equation behind it.
/// </summary>
public class GradientCheckTests
{
    /// <summary>‖g − ĝ‖/‖g + ĝ‖ allowed: central differences with h = 1e-5 agree to about 1e-9 in double.</summary>
    private const double Tolerance = 1e-7;

    [TestCaseSource(typeof(Pairings), nameof(Pairings.CostOutputHidden))]
    public void Backprop_matches_finite_differences(ICost cost, IActivation output, IActivation hidden)
    {
        foreach (bool fused in new[] { true, false })
        {
            Network<double> network = Seeded.Network([6, 5, 4, 3], cost, output, hidden);
            MiniBatch<double> batch = Seeded.Batch(network, m: 4);
            AssertAgrees(GradientCheck.Run(network, batch, fused), network.LayerCount, fused ? "fused BP1 where canonical" : "general BP1");
        }
    }

    [TestCaseSource(typeof(Pairings), nameof(Pairings.CostOutput))]
    public void Backprop_matches_finite_differences_without_a_hidden_layer(ICost cost, IActivation output)
    {
        Network<double> network = Seeded.Network([7, 4], cost, output, Sigmoid.Instance);
        MiniBatch<double> batch = Seeded.Batch(network, m: 3);
        AssertAgrees(GradientCheck.Run(network, batch), network.LayerCount, "no hidden layer");
    }

    [Test]
    public void Gradient_check_catches_a_wrong_derivative_in_the_layer_that_has_it()
    {
        // A hidden activation whose derivative is off by a factor of 2 breaks BP2 for the hidden layer only.
        Network<double> network = Network<double>.CreateRandom([5, 4, 3], new SigmoidWithWrongDerivative(),
            Sigmoid.Instance, QuadraticCost.Instance, WeightInit.Default, new Random(1));
        IReadOnlyList<LayerGradientCheck> checks = GradientCheck.Run(network, Seeded.Batch(network, m: 3));
        Assert.Multiple(() =>
        {
            Assert.That(checks[0].WeightError, Is.GreaterThan(0.1), "hidden layer weights");
            Assert.That(checks[0].BiasError, Is.GreaterThan(0.1), "hidden layer biases");
            Assert.That(checks[1].MaxError, Is.LessThan(Tolerance), "output layer is unaffected");
        });
    }

    private sealed class SigmoidWithWrongDerivative : IActivation
    {
        public string Name => "broken-sigmoid";

        public void Forward<T>(Matrix<T> z, Matrix<T> a)
            where T : unmanaged, System.Numerics.IFloatingPointIeee754<T> => Sigmoid.Instance.Forward(z, a);

        public void Backward<T>(Matrix<T> z, Matrix<T> a, Matrix<T> g,
            Matrix<T> delta) where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
        {
            Sigmoid.Instance.Backward(z, a, g, delta);
            foreach (ref T d in delta.AsSpan())
                d += d;
        }
    }

    private static void AssertAgrees(IReadOnlyList<LayerGradientCheck> checks, int layers, string path)
    {
        Assert.That(checks, Has.Count.EqualTo(layers));
        Assert.Multiple(() =>
        {
            foreach (LayerGradientCheck c in checks)
            {
                string layer = c.Layer == layers - 1 ? "output layer: BP1 and BP4" : $"layer {c.Layer + 1}: BP2 and BP4";
                Assert.That(c.WeightError, Is.LessThan(Tolerance),
                    $"{path}: nablaW[{c.Layer}] ({layer}) relative error {c.WeightError:E2}; worst entry {c.WorstWeight}");
                string biasLayer = c.Layer == layers - 1 ? "output layer: BP1 and BP3" : $"layer {c.Layer + 1}: BP2 and BP3";
                Assert.That(c.BiasError, Is.LessThan(Tolerance),
                    $"{path}: nablaB[{c.Layer}] ({biasLayer}) relative error {c.BiasError:E2}; worst entry {c.WorstBias}");
            }
        });
    }
}
