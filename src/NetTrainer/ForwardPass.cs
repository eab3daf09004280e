// Glossary (l counts weight layers, 0 .. L-1; see Network)
//   m               mini-batch size
//   Zs[l]           (m, n_{l+1}) weighted inputs z^{l+1} = w^{l+1} a^l + b^{l+1}, one example per row
//   Activations[l]  (m, n_l) activations; Activations[0] is the input x, Activations[L] the output a^L
using System.Numerics;
using NetTrainer.LinearAlgebra;

namespace NetTrainer;

/// <summary>What the forward pass computes and backprop consumes: the book's zs and activations lists.</summary>
public readonly record struct ForwardPass<T>(Matrix<T>[] Zs, Matrix<T>[] Activations)
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>The input x, (m, n_0).</summary>
    public Matrix<T> Input => Activations[0];

    /// <summary>The output activations a^L, (m, n_L).</summary>
    public Matrix<T> Output => Activations[^1];

    /// <summary>m, the examples in the pass (rows of every matrix).</summary>
    public int BatchSize => Zs[0].Rows;
}
