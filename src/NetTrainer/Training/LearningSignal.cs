// Glossary
//   mean |δ^L|      Σ |δ^L_j| over the output neurons and examples of a mini-batch, / (m n_L)
//   mean |∂C/∂w|    Σ |nablaW[l]| / (m · entries): the mean magnitude, over layer l's weights, of the mini-batch's
//                   mean gradient nablaW[l]/m (the step SGD takes, divided by η). Examples pushing a weight opposite
//                   ways cancel before the magnitude is taken, so this is not one example's gradient.
// Both averaged over an epoch's mini-batches. Chapter 3's learning slowdown shows up here: unless the cost cancels
// it (the canonical pairs), the output activation's Jacobian multiplies (a − y) in δ^L (σ'(z) for sigmoid,
// diag(a) − a aᵀ for softmax), so quadratic cost gets a smaller δ and smaller gradients with either output.
using System.Numerics;
using System.Numerics.Tensors;

namespace NetTrainer.Training;

/// <summary>How strongly an epoch's mini-batches pushed on the weights.</summary>
public sealed record LearningSignal(double MeanAbsOutputDelta, IReadOnlyList<double> MeanAbsWeightGradient);

/// <summary>Accumulates the learning signal over an epoch's mini-batches.</summary>
internal sealed class LearningSignalMeter<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly double[] weightGradient;
    private double outputDelta;
    private int batches;

    public LearningSignalMeter(int layers) => weightGradient = new double[layers];

    public void Add(Gradients<T> gradients)
    {
        LinearAlgebra.Matrix<T> delta = gradients.OutputDelta;
        int m = delta.Rows;
        outputDelta += double.CreateChecked(TensorPrimitives.SumOfMagnitudes<T>(delta.AsSpan())) / (m * delta.Cols);
        for (int l = 0; l < weightGradient.Length; l++)
        {
            Span<T> g = gradients.NablaW[l].AsSpan();
            weightGradient[l] += double.CreateChecked(TensorPrimitives.SumOfMagnitudes<T>(g)) / ((double)m * g.Length);
        }
        batches++;
    }

    /// <summary>The epoch's averages; the meter starts afresh.</summary>
    public LearningSignal Take()
    {
        var signal = new LearningSignal(outputDelta / batches, weightGradient.Select(g => g / batches).ToArray());
        outputDelta = 0;
        Array.Clear(weightGradient);
        batches = 0;
        return signal;
    }
}
