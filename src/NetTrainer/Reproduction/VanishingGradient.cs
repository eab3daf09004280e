// Glossary (chapter 5, "The vanishing gradient problem"; Nielsen's generate_gradient.py)
//   n          the training images used, 1,000; every step is one full batch of all n (gradient descent, not SGD)
//   ‖δ^l‖      the norm of hidden layer l's average bias gradient (1/n) Σ_x ∂C_x/∂b^l = (1/n) Σ_x δ^l_x (BP3): the
//              book's measure of how fast layer l learns
//   epoch      one step; epoch 0's norms are taken at initialisation, epoch e's after e steps
using NetTrainer.Activations;
using NetTrainer.Costs;
using NetTrainer.Data;
using NetTrainer.Training;

namespace NetTrainer.Reproduction;

/// <summary>
/// The vanishing gradient, measured as chapter 5 does: networks of 784 inputs, 2, 3 or 4 sigmoid hidden layers of 30
/// and 10 outputs (cross-entropy, N(0, 1/n_in) weights), trained by full-batch gradient descent on 1,000 images with
/// η = 0.1 and λ = 5.0 for 500 epochs, recording each hidden layer's ‖δ^l‖ before every step. At initialisation with two
/// hidden layers the book finds 0.07 and 0.31: the first hidden layer learns about five times slower than the second.
/// </summary>
public static class VanishingGradient
{
    /// <summary>The book's run: the first 1,000 training images, in full batches.</summary>
    public const int Images = 1_000;

    /// <summary>Neurons in each hidden layer.</summary>
    public const int HiddenNeurons = 30;

    /// <summary>Full-batch gradient-descent steps.</summary>
    public const int Epochs = 500;

    /// <summary>The learning rate η of each step.</summary>
    public const double Eta = 0.1;

    /// <summary>The L2 regularisation λ (weight decay 1 − ηλ/n with n = <see cref="Images"/>).</summary>
    public const double Lambda = 5.0;

    /// <summary>
    /// Norms[e][l]: ‖δ^{l+1}‖ of hidden layer l + 1 before step e + 1 (e = 0 at initialisation), for
    /// <paramref name="hiddenLayers"/> hidden layers, on the first <paramref name="images"/> images of
    /// <paramref name="training"/>. In float64: the norms of the first layers are small and their ratios are the point.
    /// </summary>
    public static double[][] Norms(Dataset training, int hiddenLayers, int epochs, Random rng, int images = Images,
        CancellationToken cancellation = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(hiddenLayers, 1);
        int n = Math.Min(images, training.Count);
        int[] sizes = [training.InputSize, .. Enumerable.Repeat(HiddenNeurons, hiddenLayers), training.ClassCount];
        Network<double> network = Network<double>.CreateRandom(sizes, Sigmoid.Instance, Sigmoid.Instance, CrossEntropyCost.Instance,
            WeightInit.Default, rng);
        var batch = MiniBatch<double>.For(network, n);
        Batches.GatherRange(training, 0, batch);
        Workspace<double> scratch = network.CreateWorkspace(n);
        var rule = new WeightDecaySgd<double>(Eta, Lambda, n);
        var norms = new double[epochs + 1][];
        for (int e = 0; e <= epochs; e++)
        {
            cancellation.ThrowIfCancellationRequested();
            Gradients<double> g = network.Backprop(network.Feedforward(batch.X, scratch), batch.Y, scratch);
            norms[e] = Enumerable.Range(0, hiddenLayers).Select(l => Norm(g.NablaB[l]) / n).ToArray(); // (1/n) Σ_x δ^l_x
            if (e < epochs)
                rule.Apply(network, g, n); // one step of gradient descent on the whole batch
        }
        return norms;
    }

    /// <summary>The book's norms (norms_during_training_{k}_layers.json): per epoch, one per hidden layer.</summary>
    public static double[][] BookNorms(int hiddenLayers) => BookData.Table($"norms_during_training_{hiddenLayers}_layers.json");

    private static double Norm(double[] v) => Math.Sqrt(v.Sum(x => x * x));
}
