using NetTrainer.Activations;
using NetTrainer.Costs;
using NetTrainer.Data;
using NetTrainer.LinearAlgebra;
using NetTrainer.Training;

namespace NetTrainer.Tests.Training;

/// <summary>The SGD step: BP4 fused into the weight update equals backprop followed by the book's update rule.</summary>
public class UpdateMiniBatchTests
{
    [TestCaseSource(typeof(Pairings), nameof(Pairings.CostOutput))]
    public void The_fused_update_equals_backprop_then_the_update_rule_bit_for_bit(ICost cost, IActivation output)
    {
        Network<float> fused = Network<float>.CreateRandom([13, 9, 7, 5], Sigmoid.Instance, output, cost,
            WeightInit.Default, new Random(3));
        Network<float> separate = fused.ConvertTo<float>(), book = fused.ConvertTo<float>();
        MiniBatch<float> batch = Seeded.Batch(fused, m: 6);
        const float eta = 0.3f, lambda = 2f;
        const int n = 100;
        var rule = new WeightDecaySgd<float>(eta, lambda, n);

        rule.UpdateMiniBatchFused(fused, batch, fused.CreateWorkspace(6));
        book.UpdateMiniBatch(batch, rule, book.CreateWorkspace(6));

        // w ← (1 - ηλ/n) w - (η/m) nablaW;  b ← b - (η/m) nablaB
        Gradients<float> g = separate.Backprop(batch);
        float step = eta / 6, decay = 1 - eta * lambda / n;
        for (int l = 0; l < separate.LayerCount; l++)
        {
            Update.ScaleAndSubtract(separate.Weights[l].AsSpan(), decay, g.NablaW[l].AsSpan(), step);
            Update.ScaleAndSubtract(separate.Biases[l], 1f, g.NablaB[l], step);
        }
        for (int l = 0; l < fused.LayerCount; l++)
        {
            Assert.That(fused.Weights[l].ToArray(), Is.EqualTo(separate.Weights[l].ToArray()), $"weights[{l}], fused against the formula");
            Assert.That(fused.Biases[l], Is.EqualTo(separate.Biases[l]), $"biases[{l}], fused against the formula");
            Assert.That(book.Weights[l].ToArray(), Is.EqualTo(separate.Weights[l].ToArray()), $"weights[{l}], Network.UpdateMiniBatch against the formula");
            Assert.That(book.Biases[l], Is.EqualTo(separate.Biases[l]), $"biases[{l}], Network.UpdateMiniBatch against the formula");
        }
    }

    [Test]
    public void One_step_follows_the_update_rule_written_out_in_double()
    {
        Network<double> network = Seeded.Network([4, 3, 2], QuadraticCost.Instance, Sigmoid.Instance, Sigmoid.Instance);
        Network<double> before = network.ConvertTo<double>();
        MiniBatch<double> batch = Seeded.Batch(network, m: 3);
        Gradients<double> g = before.Backprop(batch);
        network.UpdateMiniBatch(batch, new WeightDecaySgd<double>(eta: 0.5, lambda: 4, n: 20), network.CreateWorkspace(3));
        double decay = 1 - 0.5 * 4 / 20, step = 0.5 / 3;
        for (int i = 0; i < network.Weights[0].AsSpan().Length; i++)
            Assert.That(network.Weights[0].AsSpan()[i],
                Is.EqualTo(decay * before.Weights[0].AsSpan()[i] - step * g.NablaW[0].AsSpan()[i]).Within(1e-14));
        for (int i = 0; i < network.Biases[1].Length; i++)
            Assert.That(network.Biases[1][i], Is.EqualTo(before.Biases[1][i] - step * g.NablaB[1][i]).Within(1e-14));
    }

    [Test]
    public void Measuring_the_learning_signal_leaves_the_run_bit_for_bit_the_same()
    {
        var options = new SgdOptions(Epochs: 2, MiniBatchSize: 7, Eta: 0.5, Lambda: 1);
        Dataset training = SyntheticData.Create(40, seed: 5);
        Network<float> plain = Network<float>.CreateRandom([16, 6, 3], Sigmoid.Instance, Sigmoid.Instance,
            CrossEntropyCost.Instance, WeightInit.Default, new Random(9));
        Network<float> measured = plain.ConvertTo<float>();

        new SgdEpochs<float>(plain, training, options, new Random(1)).Run();
        LearningSignal? signal = new SgdEpochs<float>(measured, training, options with { MeasureLearningSignal = true }, new Random(1)).Run();

        Assert.That(signal, Is.Not.Null, "the signal was measured");
        for (int l = 0; l < plain.LayerCount; l++)
            Assert.That(measured.Weights[l].ToArray(), Is.EqualTo(plain.Weights[l].ToArray()), $"weights[{l}]");
    }
}
