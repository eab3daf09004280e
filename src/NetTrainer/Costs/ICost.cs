// Glossary
//   a      (m, n_L) output activations, one example per row
//   y      (m, n_L) targets, one-hot rows for classification
//   gradA  (m, n_L) ∇_a C per example, the input of BP1's vector–Jacobian product
using System.Numerics;
using NetTrainer.LinearAlgebra;

namespace NetTrainer.Costs;

/// <summary>
/// A per-example cost C(a, y) of the output activations. It knows nothing of the output activation:
/// BP1 composes ∇_a C with the activation's Jacobian (see Network.Backprop).
/// </summary>
public interface ICost
{
    /// <summary>The name used on the command line and in saved networks.</summary>
    string Name { get; }

    /// <summary>Σ over the rows of C(a_x, y_x): the cost summed over the examples of a batch.</summary>
    T Sum<T>(Matrix<T> a, Matrix<T> y) where T : unmanaged, IFloatingPointIeee754<T>;

    /// <summary>gradA = ∂C/∂a for each row.</summary>
    void Gradient<T>(Matrix<T> a, Matrix<T> y, Matrix<T> gradA) where T : unmanaged, IFloatingPointIeee754<T>;
}
