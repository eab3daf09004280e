// Glossary
//   chunk    examples forwarded at once when evaluating (rows of the evaluation workspace)
//   correct  examples whose largest output activation is at their label
using System.Numerics;
using System.Numerics.Tensors;
using NetTrainer.Data;

namespace NetTrainer.Training;

/// <summary>Cost and accuracy of a network on a data set.</summary>
public sealed record EvaluationResult(double Cost, int Correct, int Total)
{
    /// <summary>Correct / total, in [0, 1].</summary>
    public double Accuracy => Total == 0 ? 0 : (double)Correct / Total;
}

/// <summary>Evaluates a network on a data set, a chunk of examples at a time, reusing one workspace.</summary>
public sealed class Evaluator<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Examples per forward pass: large enough for the matrix kernels to use both cores.</summary>
    public const int DefaultChunk = 500;

    private readonly Network<T> network;
    private readonly Workspace<T> workspace;
    private readonly int[] indices;

    public Evaluator(Network<T> network, int chunk = DefaultChunk)
    {
        this.network = network;
        workspace = network.CreateWorkspace(chunk);
        indices = new int[chunk];
    }

    /// <summary>
    /// The mean cost per example plus the L2 term (λ/2n) Σ w², with n the training set size
    /// (<paramref name="trainingSize"/>), and the number of examples classified correctly.
    /// </summary>
    public EvaluationResult Evaluate(Dataset data, double lambda, int trainingSize)
    {
        RequireShapes(network, data);
        T costSum = T.Zero;
        int correct = 0;
        for (int start = 0; start < data.Count; start += workspace.BatchSize)
        {
            int count = Math.Min(workspace.BatchSize, data.Count - start);
            // A short last chunk reuses the workspace: stale rows past `count` are forwarded but never read.
            Batches.GatherRange(data, start, count, workspace.Inputs, workspace.Targets, indices);
            ForwardPass<T> pass = network.Feedforward(workspace);
            for (int row = 0; row < count; row++)
                if (TensorPrimitives.IndexOfMax<T>(pass.Output.Row(row)) == data.Label(start + row))
                    correct++;
            costSum += count == workspace.BatchSize
                ? network.Cost.Sum(pass.Output, workspace.Targets)
                : CostOfFirstRows(pass, count);
        }
        double cost = double.CreateChecked(costSum) / Math.Max(data.Count, 1);
        if (lambda > 0)
            cost += 0.5 * (lambda / trainingSize) * double.CreateChecked(network.SumOfSquaredWeights());
        return new EvaluationResult(cost, correct, data.Count);
    }

    private T CostOfFirstRows(ForwardPass<T> pass, int count)
    {
        T sum = T.Zero;
        var a = new LinearAlgebra.Matrix<T>(1, network.OutputSize);
        var y = new LinearAlgebra.Matrix<T>(1, network.OutputSize);
        for (int row = 0; row < count; row++)
        {
            pass.Output.Row(row).CopyTo(a.Row(0));
            workspace.Targets.Row(row).CopyTo(y.Row(0));
            sum += network.Cost.Sum(a, y);
        }
        return sum;
    }

    /// <summary>Throws when the network's input or output layer does not fit the data.</summary>
    public static void RequireShapes(Network<T> network, Dataset data)
    {
        if (network.InputSize != data.InputSize)
            throw new ArgumentException(
                $"The network's input layer has {network.InputSize} neurons but the data's images have {data.InputSize} pixels ({data.ImageRows}x{data.ImageCols}).");
        if (network.OutputSize != data.ClassCount)
            throw new ArgumentException(
                $"The network's output layer has {network.OutputSize} neurons but the data has {data.ClassCount} classes.");
    }
}
