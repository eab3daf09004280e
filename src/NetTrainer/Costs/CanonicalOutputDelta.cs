using System.Numerics;
using NetTrainer.Activations;
using NetTrainer.LinearAlgebra;

namespace NetTrainer.Costs;

/// <summary>
/// The fused BP1 δ^L = a - y. For cross-entropy with sigmoid, J_σ(z)ᵀ ∇_a C = a(1-a) ⊙ (a-y)/(a(1-a)) = a - y;
/// for negative log-likelihood with softmax, a ⊙ (-y/a - (a·(-y/a))) = -y + a Σ_j y_j = a - y for one-hot y.
/// The σ'(z) factor cancels, which is why these pairs learn fast from saturated outputs, and the fused form
/// stays exact where the general path's 1/a would saturate. Tests prove it equals the general path.
/// </summary>
public static class CanonicalOutputDelta
{
    /// <summary>True for the canonical pairs: cross-entropy + sigmoid and negative log-likelihood + softmax.</summary>
    public static bool Applies(ICost cost, IActivation output) =>
        (cost, output) is (CrossEntropyCost, Sigmoid) or (NegativeLogLikelihoodCost, Softmax);

    /// <summary>δ^L = a - y.</summary>
    public static void AMinusY<T>(Matrix<T> a, Matrix<T> y, Matrix<T> delta) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ReadOnlySpan<T> av = a.AsSpan(), yv = y.AsSpan();
        Span<T> d = delta.AsSpan();
        for (int i = 0; i < d.Length; i++)
            d[i] = av[i] - yv[i];
    }
}
