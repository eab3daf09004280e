using System.Numerics;
using System.Numerics.Tensors;
using NetTrainer.LinearAlgebra;

namespace NetTrainer.Activations;

/// <summary>a_i = e^{z_i} / Σ_k e^{z_k} over each example's row (an output-layer choice).</summary>
public sealed class Softmax : IActivation
{
    /// <summary>The one instance of the softmax, a_j = e^{z_j} / Σ_k e^{z_k} per row: it holds no state.</summary>
    public static readonly Softmax Instance = new();

    /// <inheritdoc/>
    public string Name => "softmax";

    // Subtracting the row maximum first keeps every exponent ≤ 0: logits near 1000 give no ∞/∞.
    /// <inheritdoc/>
    public void Forward<T>(Matrix<T> z, Matrix<T> a) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int row = 0; row < z.Rows; row++)
        {
            ReadOnlySpan<T> zr = z.Row(row);
            Span<T> ar = a.Row(row);
            TensorPrimitives.Subtract(zr, TensorPrimitives.Max(zr), ar);
            TensorPrimitives.Exp<T>(ar, ar);
            TensorPrimitives.Divide(ar, TensorPrimitives.Sum<T>(ar), ar);
        }
    }

    // J = diag(a) - a aᵀ, so Jᵀ g = a ⊙ (g - (a · g)): a vector–Jacobian product in O(n), no n x n matrix.
    /// <inheritdoc/>
    public void Backward<T>(Matrix<T> z, Matrix<T> a, Matrix<T> g, Matrix<T> delta)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int row = 0; row < a.Rows; row++)
        {
            ReadOnlySpan<T> ar = a.Row(row);
            Span<T> gr = g.Row(row), dr = delta.Row(row);
            T aDotG = TensorPrimitives.Dot<T>(ar, gr);
            for (int i = 0; i < dr.Length; i++)
                dr[i] = ar[i] * (gr[i] - aDotG);
        }
    }
}
