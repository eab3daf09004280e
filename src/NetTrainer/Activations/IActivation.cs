// Glossary
//   z      (m, n) weighted inputs of a layer, one example per row
//   a      (m, n) activations a = f(z), same shape
//   g      (m, n) a gradient with respect to a (∂C/∂a), one example per row
//   delta  (m, n) the gradient with respect to z: δ = J_f(z)ᵀ g, per example
using System.Numerics;
using NetTrainer.LinearAlgebra;

namespace NetTrainer.Activations;

/// <summary>
/// An activation function applied to each example's weighted input. Backward is the vector–Jacobian
/// product δ = J_f(z)ᵀ g, so an elementwise f gives g ⊙ f'(z) and softmax gives its full Jacobian product.
/// </summary>
public interface IActivation
{
    /// <summary>The name used on the command line and in saved networks.</summary>
    string Name { get; }

    /// <summary>a = f(z), row by row.</summary>
    void Forward<T>(Matrix<T> z, Matrix<T> a) where T : unmanaged, IFloatingPointIeee754<T>;

    /// <summary>delta = J_f(z)ᵀ g for each row; <paramref name="delta"/> may be the same matrix as <paramref name="g"/>.</summary>
    void Backward<T>(Matrix<T> z, Matrix<T> a, Matrix<T> g, Matrix<T> delta) where T : unmanaged, IFloatingPointIeee754<T>;
}
