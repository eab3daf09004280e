using NetTrainer.Activations;
using NetTrainer.Costs;
using NetTrainer.Data;
using NetTrainer.Reproduction;
using NetTrainer.Tests.Training;

namespace NetTrainer.Tests.Reproduction;

/// <summary>Chapter 5's per-layer gradient norms: what they measure, that they fall as descent goes on, and the book's files.</summary>
public class VanishingGradientTests
{
    private static readonly Dataset Training = SyntheticData.Create(40, seed: 3);

    [Test]
    public void The_norms_at_initialisation_are_those_of_each_hidden_layers_average_bias_gradient()
    {
        double[][] norms = VanishingGradient.Norms(Training, hiddenLayers: 2, epochs: 0, new Random(7));

        // The same network, drawn from the same seed, and BP3's ∂C/∂b^l = δ^l averaged over the 40 images by hand.
        int[] sizes = [Training.InputSize, 30, 30, Training.ClassCount];
        Network<double> network = Network<double>.CreateRandom(sizes, Sigmoid.Instance, Sigmoid.Instance, CrossEntropyCost.Instance,
            WeightInit.Default, new Random(7));
        var batch = MiniBatch<double>.For(network, Training.Count);
        Batches.GatherRange(Training, 0, batch);
        Gradients<double> g = network.Backprop(batch);
        double[] expected = Enumerable.Range(0, 2)
            .Select(l => Math.Sqrt(Enumerable.Range(0, 30).Sum(j => Math.Pow(Enumerable.Range(0, batch.Size).Sum(x => g.Deltas[l][x, j]) / batch.Size, 2))))
            .ToArray();
        Assert.That(norms, Has.Length.EqualTo(1));
        Assert.That(norms[0], Is.EqualTo(expected).Within(1e-15), "‖(1/n) Σ_x δ^l_x‖ per hidden layer");
    }

    [Test]
    public void Full_batch_descent_shrinks_every_layers_gradient_norm()
    {
        double[][] norms = VanishingGradient.Norms(Training, hiddenLayers: 3, epochs: 200, new Random(7));
        Assert.That(norms, Has.Length.EqualTo(201), "epoch 0 (initialisation) and one row after each step");
        for (int l = 0; l < 3; l++)
            Assert.That(norms[^1][l], Is.LessThan(norms[0][l]), $"hidden layer {l + 1}");
    }

    [TestCase(2)]
    [TestCase(3)]
    [TestCase(4)]
    public void The_books_norms_have_500_epochs_of_one_norm_per_hidden_layer(int hiddenLayers)
    {
        double[][] book = VanishingGradient.BookNorms(hiddenLayers);
        Assert.That(book, Has.Length.EqualTo(VanishingGradient.Epochs));
        Assert.That(book.All(row => row.Length == hiddenLayers), Is.True);
        // Each layer learns slower than the one after it, at initialisation: the vanishing gradient.
        Assert.That(book[0], Is.Ordered.Ascending);
        if (hiddenLayers == 2)
            Assert.That(book[0], Is.EqualTo(new[] { 0.07, 0.31 }).Within(0.005), "the book's text: 0.07 and 0.31");
    }
}
