// Glossary
//   η, λ, n   learning rate, L2 regularisation, training-set size
//   m         mini-batch size
//   decay     1 − ηλ/n, the factor every weight shrinks by per step (biases are not decayed)
using System.Numerics;
using NetTrainer.LinearAlgebra;

namespace NetTrainer.Training;

/// <summary>
/// The book's SGD step with L2 regularisation (Nielsen's network2.update_mini_batch):
/// w ← (1 − ηλ/n) w − (η/m) nablaW, b ← b − (η/m) nablaB. With λ = 0 it is plain SGD.
/// </summary>
public sealed class WeightDecaySgd<T>(T eta, T lambda, int n) : IUpdateRule<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc/>
    public T Eta { get; set; } = eta;
    /// <summary>λ, the L2 regularisation strength (divided by n).</summary>
    public T Lambda { get; } = lambda;

    /// <summary>n, the training-set size that λ is divided by.</summary>
    public int TrainingSize { get; } = n;

    /// <inheritdoc/>
    public void Apply(Network<T> network, Gradients<T> gradients, int m)
    {
        (T step, T decay) = Factors(m);
        for (int l = 0; l < network.LayerCount; l++)
        {
            Update.ScaleAndSubtract(network.Weights[l].AsSpan(), decay, gradients.NablaW[l].AsSpan(), step);
            Update.ScaleAndSubtract(network.Biases[l], T.One, gradients.NablaB[l], step);
        }
    }

    /// <summary>
    /// The optimisation of Feedforward, Backprop and <see cref="Apply"/> as one pass: BP4's δᵀa goes straight into
    /// the weights, w ← decay · w − step · δᵀa (BLAS's C ← βC + αAᵀB), so nablaW is never written and the weights
    /// are read and written once. The same bits as the plain step (a test proves it); the gradients it leaves in
    /// the workspace hold δ and nablaB but not nablaW.
    /// </summary>
    public void UpdateMiniBatchFused(Network<T> network, MiniBatch<T> batch, Workspace<T> workspace)
    {
        (T step, T decay) = Factors(batch.Size);
        ForwardPass<T> pass = network.Feedforward(batch.X, workspace);
        Gradients<T> g = workspace.Gradients;
        network.OutputError(pass, batch.Y, g.Deltas[^1]);                                  // BP1
        for (int l = network.LayerCount - 1; l >= 0; l--)
        {
            if (l > 0)
                network.BackpropagateError(l, pass, g.Deltas, workspace.Threads);          // BP2, before BP4 moves w^{l+1}
            Network<T>.BiasGradient(g.Deltas[l], g.NablaB[l]);                             // BP3
            Kernels.TransposeMultiplyUpdate(g.Deltas[l], pass.Activations[l], network.Weights[l], -step, decay, workspace.Threads,
                sparseB: l == 0); // BP4 + step; the first layer's a is x, mostly zeros
        }
        for (int l = 0; l < network.LayerCount; l++)
            Update.ScaleAndSubtract(network.Biases[l], T.One, g.NablaB[l], step);
    }

    // step = η/m, decay = 1 − ηλ/n.
    private (T Step, T Decay) Factors(int m) =>
        (Eta / T.CreateChecked(m), T.One - Eta * Lambda / T.CreateChecked(TrainingSize));
}
