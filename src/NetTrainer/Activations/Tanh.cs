using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.Intrinsics;
using NetTrainer.LinearAlgebra;

namespace NetTrainer.Activations;

/// <summary>tanh(z), elementwise (a hidden-layer choice).</summary>
public sealed class Tanh : IActivation, IElementwiseActivation
{
    /// <summary>The one instance of tanh(z): it holds no state.</summary>
    public static readonly Tanh Instance = new();

    /// <inheritdoc/>
    public string Name => "tanh";

    /// <inheritdoc/>
    public void Forward<T>(Matrix<T> z, Matrix<T> a) where T : unmanaged, IFloatingPointIeee754<T> =>
        TensorPrimitives.Tanh<T>(z.AsSpan(), a.AsSpan());

    // As Sigmoid's: the same vector code for every element of a span at least a register long.
    void IElementwiseActivation.Forward<T>(ReadOnlySpan<T> z, Span<T> a) => TensorPrimitives.Tanh(z, a);

    int IElementwiseActivation.WorkPerElement => IElementwiseActivation.ExpWork;

    // tanh'(z) = 1 - a² = (1 - a)(1 + a) from the cached activation; the factored form keeps its relative
    // accuracy near saturation, where 1 - a·a cancels.
    /// <inheritdoc/>
    public void Backward<T>(Matrix<T> z, Matrix<T> a, Matrix<T> g, Matrix<T> delta)
        where T : unmanaged, IFloatingPointIeee754<T>
        => Elementwise.Apply<T, Derivative>(a.AsSpan(), g.AsSpan(), delta.AsSpan());

    // δ = g ((1 − a)(1 + a)).
    private readonly struct Derivative : IBinaryElementwise
    {
        public static T Of<T>(T a, T g) where T : unmanaged, IFloatingPointIeee754<T> => g * ((T.One - a) * (T.One + a));

        public static Vector256<T> Of<T>(Vector256<T> a, Vector256<T> g) where T : unmanaged, IFloatingPointIeee754<T> =>
            g * ((Vector256<T>.One - a) * (Vector256<T>.One + a));
    }
}
