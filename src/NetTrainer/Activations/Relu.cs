using System.Numerics;
using System.Numerics.Tensors;
using NetTrainer.LinearAlgebra;

namespace NetTrainer.Activations;

/// <summary>max(0, z), elementwise (a hidden-layer choice).</summary>
public sealed class Relu : IActivation
{
    /// <summary>The one instance of the ReLU, max(0, z): it holds no state.</summary>
    public static readonly Relu Instance = new();

    /// <inheritdoc/>
    public string Name => "relu";

    /// <inheritdoc/>
    public void Forward<T>(Matrix<T> z, Matrix<T> a) where T : unmanaged, IFloatingPointIeee754<T> =>
        TensorPrimitives.Max<T>(z.AsSpan(), T.Zero, a.AsSpan());

    // f'(z) = 1 for z > 0, else 0 (the subgradient 0 at z = 0).
    /// <inheritdoc/>
    public void Backward<T>(Matrix<T> z, Matrix<T> a, Matrix<T> g, Matrix<T> delta)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Span<T> d = delta.AsSpan();
        ReadOnlySpan<T> zv = z.AsSpan(), gv = g.AsSpan();
        for (int i = 0; i < d.Length; i++)
            d[i] = zv[i] > T.Zero ? gv[i] : T.Zero;
    }
}
