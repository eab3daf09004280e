// Glossary
//   C          the largest norm a hidden neuron's incoming weight vector may have (--max-norm)
//   w_j        row j of weights[l], the weights into neuron j of layer l+1
using System.Numerics;
using System.Numerics.Tensors;

namespace NetTrainer.Training;

/// <summary>
/// Srivastava et al.'s max-norm constraint, dropout's companion: after each step, every hidden neuron's incoming
/// weight vector is rescaled onto the ball ‖w_j‖ ≤ C (its bias is left alone; the output layer is not constrained).
/// </summary>
public static class MaxNorm
{
    /// <summary>Rescales each hidden neuron's row w_j of weights[l] (l = 0 .. L−2) to ‖w_j‖ ≤ <paramref name="c"/>, in place.</summary>
    public static void Apply<T>(Network<T> network, T c) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int l = 0; l < network.LayerCount - 1; l++)
            for (int j = 0; j < network.Weights[l].Rows; j++)
            {
                Span<T> w = network.Weights[l].Row(j);
                T norm = TensorPrimitives.Norm<T>(w);
                if (norm > c)
                    TensorPrimitives.Multiply(w, c / norm, w); // w_j ← C w_j / ‖w_j‖
            }
    }
}
