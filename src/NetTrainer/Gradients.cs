// Glossary
//   NablaW[l]  (n_{l+1}, n_l) Σ_x ∂C_x/∂w^{l+1}, summed over the mini-batch (the book's nabla_w)
//   NablaB[l]  (n_{l+1}) Σ_x ∂C_x/∂b^{l+1} (the book's nabla_b)
//   Deltas[l]  (m, n_{l+1}) the errors δ^{l+1} they were computed from, one example per row
using System.Numerics;
using NetTrainer.LinearAlgebra;

namespace NetTrainer;

/// <summary>
/// What backprop computes: the gradient of the summed mini-batch cost, shaped like the network's weights and
/// biases, and the errors δ^l it came from.
/// </summary>
public sealed class Gradients<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Zeroed gradients for a network of layer sizes <paramref name="sizes"/> (n_0 .. n_L) and deltas for <paramref name="batchSize"/> = m examples.</summary>
    public Gradients(IReadOnlyList<int> sizes, int batchSize)
    {
        NablaW = new Matrix<T>[sizes.Count - 1];
        NablaB = new T[sizes.Count - 1][];
        Deltas = new Matrix<T>[sizes.Count - 1];
        for (int l = 0; l < NablaW.Length; l++)
        {
            NablaW[l] = new Matrix<T>(sizes[l + 1], sizes[l]);
            NablaB[l] = new T[sizes[l + 1]];
            Deltas[l] = new Matrix<T>(batchSize, sizes[l + 1]);
        }
    }

    /// <summary>NablaW[l], (n_{l+1}, n_l): Σ_x ∂C_x/∂w^{l+1}, summed over the mini-batch (BP4).</summary>
    public Matrix<T>[] NablaW { get; }
    /// <summary>NablaB[l], (n_{l+1}): Σ_x ∂C_x/∂b^{l+1}, summed over the mini-batch (BP3).</summary>
    public T[][] NablaB { get; }
    /// <summary>Deltas[l], (m, n_{l+1}): the errors δ^{l+1}, one example per row (BP1, BP2).</summary>
    public Matrix<T>[] Deltas { get; }

    /// <summary>δ^L, (m, n_L): BP1's output error.</summary>
    public Matrix<T> OutputDelta => Deltas[^1];
}
