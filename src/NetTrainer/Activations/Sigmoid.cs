using System.Numerics;
using System.Numerics.Tensors;
using NetTrainer.LinearAlgebra;

namespace NetTrainer.Activations;

/// <summary>σ(z) = 1 / (1 + e^{-z}), elementwise.</summary>
public sealed class Sigmoid : IActivation
{
    /// <summary>The one instance of the sigmoid σ(z) = 1/(1 + e^{−z}): it holds no state.</summary>
    public static readonly Sigmoid Instance = new();

    /// <inheritdoc/>
    public string Name => "sigmoid";

    // At z = -300, e^{300} overflows to +∞ in float and 1/(1+∞) = 0: saturated, never NaN.
    /// <inheritdoc/>
    public void Forward<T>(Matrix<T> z, Matrix<T> a) where T : unmanaged, IFloatingPointIeee754<T> =>
        TensorPrimitives.Sigmoid<T>(z.AsSpan(), a.AsSpan());

    // σ'(z) = a(1 - a) from the cached activation: no second exp, and exactly 0 where σ saturated.
    /// <inheritdoc/>
    public void Backward<T>(Matrix<T> z, Matrix<T> a, Matrix<T> g, Matrix<T> delta)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Span<T> d = delta.AsSpan();
        ReadOnlySpan<T> av = a.AsSpan(), gv = g.AsSpan();
        for (int i = 0; i < d.Length; i++)
            d[i] = gv[i] * av[i] * (T.One - av[i]);
    }
}
