// Glossary (l counts weight layers, 0 .. L-1; see Network)
//   m               mini-batch size
//   Zs[l]           (m, n_{l+1}) weighted inputs z^{l+1} = w^{l+1} a^l + b^{l+1}, one example per row
//   Activations[l]  (m, n_l) activations; Activations[0] is the input x, Activations[L] the output a^L
//   Masks[l]        (m, n_l) dropout's mask r^l on a^l, l = 0 .. L-1 (null: no dropout there): 0 for a dropped
//                   neuron, 1/(1 − p) for a kept one (inverted dropout, see Training/Dropout)
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

    /// <summary>Dropout's masks, one per layer feeding weights (null without dropout).</summary>
    public Matrix<T>?[]? Masks { get; init; }

    /// <summary>What weights[l] was fed, a^l ⊙ r^l under dropout (null: the activations themselves).</summary>
    internal Matrix<T>[]? Dropped { get; init; }

    /// <summary>What weights[l] reads, in the forward pass and in BP4: a^l, or a^l ⊙ r^l where a mask drops neurons.</summary>
    public Matrix<T> LayerInput(int l) => Dropped?[l] ?? Activations[l];
}
