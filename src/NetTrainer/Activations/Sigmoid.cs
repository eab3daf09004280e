using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.Intrinsics;
using NetTrainer.LinearAlgebra;

namespace NetTrainer.Activations;

/// <summary>σ(z) = 1 / (1 + e^{-z}), elementwise.</summary>
public sealed class Sigmoid : IActivation, IElementwiseActivation
{
    /// <summary>The one instance of the sigmoid σ(z) = 1/(1 + e^{−z}): it holds no state.</summary>
    public static readonly Sigmoid Instance = new();

    /// <inheritdoc/>
    public string Name => "sigmoid";

    // At z = -300, e^{300} overflows to +∞ in float and 1/(1+∞) = 0: saturated, never NaN.
    /// <inheritdoc/>
    public void Forward<T>(Matrix<T> z, Matrix<T> a) where T : unmanaged, IFloatingPointIeee754<T> =>
        TensorPrimitives.Sigmoid<T>(z.AsSpan(), a.AsSpan());

    // TensorPrimitives runs every element of a span at least a register long through the same vector code (the
    // last, partial register overlaps the one before it), so a row's bits do not depend on the span it is part of.
    void IElementwiseActivation.Forward<T>(ReadOnlySpan<T> z, Span<T> a) => TensorPrimitives.Sigmoid(z, a);

    int IElementwiseActivation.WorkPerElement => IElementwiseActivation.ExpWork;

    // σ'(z) = a(1 - a) from the cached activation: no second exp, and exactly 0 where σ saturated.
    /// <inheritdoc/>
    public void Backward<T>(Matrix<T> z, Matrix<T> a, Matrix<T> g, Matrix<T> delta)
        where T : unmanaged, IFloatingPointIeee754<T>
        => Elementwise.Apply<T, Derivative>(a.AsSpan(), g.AsSpan(), delta.AsSpan());

    // δ = g a (1 − a), rounded in that order.
    private readonly struct Derivative : IBinaryElementwise
    {
        public static T Of<T>(T a, T g) where T : unmanaged, IFloatingPointIeee754<T> => g * a * (T.One - a);

        public static Vector256<T> Of<T>(Vector256<T> a, Vector256<T> g) where T : unmanaged, IFloatingPointIeee754<T> =>
            g * a * (Vector256<T>.One - a);
    }
}
