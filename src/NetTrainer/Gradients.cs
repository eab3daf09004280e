// Glossary
//   NablaW[l]  (n_{l+1}, n_l) Σ_x ∂C_x/∂w^{l+1}, summed over the mini-batch (the book's nabla_w)
//   NablaB[l]  (n_{l+1}) Σ_x ∂C_x/∂b^{l+1} (the book's nabla_b)
using System.Numerics;
using NetTrainer.LinearAlgebra;

namespace NetTrainer;

/// <summary>The gradient of the summed mini-batch cost, shaped like the network's weights and biases.</summary>
public sealed class Gradients<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public Gradients(IReadOnlyList<int> sizes)
    {
        NablaW = new Matrix<T>[sizes.Count - 1];
        NablaB = new T[sizes.Count - 1][];
        for (int l = 0; l < NablaW.Length; l++)
        {
            NablaW[l] = new Matrix<T>(sizes[l + 1], sizes[l]);
            NablaB[l] = new T[sizes[l + 1]];
        }
    }

    public Matrix<T>[] NablaW { get; }
    public T[][] NablaB { get; }
}
