using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.Intrinsics;
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
        => Elementwise.Apply<T, Derivative>(z.AsSpan(), g.AsSpan(), delta.AsSpan());

    // δ = g where z > 0, else +0.
    private readonly struct Derivative : IBinaryElementwise
    {
        public static T Of<T>(T z, T g) where T : unmanaged, IFloatingPointIeee754<T> => z > T.Zero ? g : T.Zero;

        public static Vector256<T> Of<T>(Vector256<T> z, Vector256<T> g) where T : unmanaged, IFloatingPointIeee754<T> =>
            Vector256.ConditionalSelect(Vector256.GreaterThan(z, Vector256<T>.Zero), g, Vector256<T>.Zero);
    }
}
