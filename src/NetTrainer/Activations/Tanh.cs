using System.Numerics;
using System.Numerics.Tensors;
using NetTrainer.LinearAlgebra;

namespace NetTrainer.Activations;

/// <summary>tanh(z), elementwise (a hidden-layer choice).</summary>
public sealed class Tanh : IActivation
{
    /// <summary>The one instance of tanh(z): it holds no state.</summary>
    public static readonly Tanh Instance = new();

    /// <inheritdoc/>
    public string Name => "tanh";

    /// <inheritdoc/>
    public void Forward<T>(Matrix<T> z, Matrix<T> a) where T : unmanaged, IFloatingPointIeee754<T> =>
        TensorPrimitives.Tanh<T>(z.AsSpan(), a.AsSpan());

    // tanh'(z) = 1 - a² = (1 - a)(1 + a) from the cached activation; the factored form keeps its relative
    // accuracy near saturation, where 1 - a·a cancels.
    /// <inheritdoc/>
    public void Backward<T>(Matrix<T> z, Matrix<T> a, Matrix<T> g, Matrix<T> delta)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Span<T> d = delta.AsSpan();
        ReadOnlySpan<T> av = a.AsSpan(), gv = g.AsSpan();
        for (int i = 0; i < d.Length; i++)
            d[i] = gv[i] * ((T.One - av[i]) * (T.One + av[i]));
    }
}
