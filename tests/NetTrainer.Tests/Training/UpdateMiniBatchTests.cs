using NetTrainer.Activations;
using NetTrainer.Costs;
using NetTrainer.LinearAlgebra;

namespace NetTrainer.Tests.Training;

/// <summary>The SGD step: BP4 fused into the weight update equals backprop followed by the book's update rule.</summary>
public class UpdateMiniBatchTests
{
    [TestCaseSource(typeof(Pairings), nameof(Pairings.CostOutput))]
    public void The_fused_update_equals_backprop_then_the_update_rule_bit_for_bit(ICost cost, IActivation output)
    {
        Network<float> fused = Network<float>.CreateRandom([13, 9, 7, 5], Sigmoid.Instance, output, cost,
            WeightInit.Default, new Random(3));
        Network<float> separate = fused.ConvertTo<float>();
        Workspace<float> batchA = Seeded.Batch(fused, m: 6), batchB = Seeded.Batch(separate, m: 6);
        const float eta = 0.3f, lambda = 2f;
        const int n = 100;

        fused.UpdateMiniBatch(batchA, eta, lambda, n);

        // w ← (1 - ηλ/n) w - (η/m) nablaW;  b ← b - (η/m) nablaB
        Gradients<float> g = separate.Backprop(batchB);
        float step = eta / 6, decay = 1 - eta * lambda / n;
        for (int l = 0; l < separate.LayerCount; l++)
        {
            Update.ScaleAndSubtract(separate.Weights[l].AsSpan(), decay, g.NablaW[l].AsSpan(), step);
            Update.ScaleAndSubtract(separate.Biases[l], 1f, g.NablaB[l], step);
        }
        for (int l = 0; l < fused.LayerCount; l++)
        {
            Assert.That(fused.Weights[l].Data, Is.EqualTo(separate.Weights[l].Data), $"weights[{l}]");
            Assert.That(fused.Biases[l], Is.EqualTo(separate.Biases[l]), $"biases[{l}]");
        }
    }

    [Test]
    public void One_step_follows_the_update_rule_written_out_in_double()
    {
        Network<double> network = Seeded.Network([4, 3, 2], QuadraticCost.Instance, Sigmoid.Instance, Sigmoid.Instance);
        Network<double> before = network.ConvertTo<double>();
        Workspace<double> batch = Seeded.Batch(network, m: 3);
        Gradients<double> g = before.Backprop(Seeded.Batch(before, m: 3));
        network.UpdateMiniBatch(batch, eta: 0.5, lambda: 4, n: 20);
        double decay = 1 - 0.5 * 4 / 20, step = 0.5 / 3;
        for (int i = 0; i < network.Weights[0].Data.Length; i++)
            Assert.That(network.Weights[0].Data[i],
                Is.EqualTo(decay * before.Weights[0].Data[i] - step * g.NablaW[0].Data[i]).Within(1e-14));
        for (int i = 0; i < network.Biases[1].Length; i++)
            Assert.That(network.Biases[1][i], Is.EqualTo(before.Biases[1][i] - step * g.NablaB[1][i]).Within(1e-14));
    }
}
