// Glossary
//   m          the mini-batch size this workspace holds
//   Deltas[l]  (m, n_{l+1}) the errors δ^{l+1}, one example per row
using System.Numerics;
using NetTrainer.LinearAlgebra;

namespace NetTrainer;

/// <summary>
/// Every buffer one forward and backward pass over m examples needs, allocated once and reused, so the
/// training loop allocates nothing per mini-batch. Passed explicitly; the network keeps no hidden state.
/// </summary>
public sealed class Workspace<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public Workspace(IReadOnlyList<int> sizes, int batchSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        BatchSize = batchSize;
        int layers = sizes.Count - 1;
        var zs = new Matrix<T>[layers];
        var activations = new Matrix<T>[layers + 1];
        Deltas = new Matrix<T>[layers];
        activations[0] = new Matrix<T>(batchSize, sizes[0]);
        for (int l = 0; l < layers; l++)
        {
            zs[l] = new Matrix<T>(batchSize, sizes[l + 1]);
            activations[l + 1] = new Matrix<T>(batchSize, sizes[l + 1]);
            Deltas[l] = new Matrix<T>(batchSize, sizes[l + 1]);
        }
        Pass = new ForwardPass<T>(zs, activations);
        Gradients = new Gradients<T>(sizes);
        Targets = new Matrix<T>(batchSize, sizes[^1]);
    }

    public int BatchSize { get; }

    /// <summary>The input rows x are gathered straight into Pass.Activations[0].</summary>
    public Matrix<T> Inputs => Pass.Activations[0];

    /// <summary>(m, n_L) targets y, gathered beside the inputs.</summary>
    public Matrix<T> Targets { get; }

    public ForwardPass<T> Pass { get; }
    public Matrix<T>[] Deltas { get; }
    public Gradients<T> Gradients { get; }
}
