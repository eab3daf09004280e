// Glossary
//   chunk    examples forwarded at once when evaluating (rows of an evaluation workspace)
//   correct  examples whose largest output activation is at their label
using System.Numerics;
using System.Numerics.Tensors;
using NetTrainer.Data;
using NetTrainer.LinearAlgebra;

namespace NetTrainer.Training;

/// <summary>Cost and accuracy of a network on a data set.</summary>
public sealed record EvaluationResult(double Cost, int Correct, int Total)
{
    /// <summary>Correct / total, in [0, 1].</summary>
    public double Accuracy => Total == 0 ? 0 : (double)Correct / Total;
}

/// <summary>
/// Evaluates a network on a data set a chunk of examples at a time, the chunks shared among the threads (one
/// set of workspaces per worker, reused). Chunk costs are added in chunk order, so the result does not depend on
/// the thread count.
/// </summary>
public sealed class Evaluator<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Examples per forward pass: enough to keep the kernels efficient, small enough to stay in cache.</summary>
    public const int DefaultChunk = 250;

    private readonly Network<T> network;
    private readonly int chunk;
    private readonly List<Dictionary<int, Workspace<T>>> workspaces = [];

    public Evaluator(Network<T> network, int chunk = DefaultChunk)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(chunk, 1);
        this.network = network;
        this.chunk = chunk;
    }

    /// <summary>
    /// The mean cost per example plus the L2 term (λ/2n) Σ w² and the L1 term (λ₁/n) Σ |w|, with n the training
    /// set size (<paramref name="trainingSize"/>), and the number of examples classified correctly.
    /// </summary>
    public EvaluationResult Evaluate(Dataset data, double lambda, int trainingSize, double l1 = 0)
    {
        RequireShapes(network, data);
        int chunks = (data.Count + chunk - 1) / chunk;
        var costs = new T[chunks];
        var correct = new int[chunks];
        int workers = Parallelism.WorkersFor(chunks);
        while (workspaces.Count < workers)
            workspaces.Add([]);
        Parallelism.ForEach(chunks, workers, (worker, c) =>
        {
            int start = c * chunk, count = Math.Min(chunk, data.Count - start);
            Workspace<T> workspace = WorkspaceFor(worker, count);
            Batches.GatherRange(data, start, count, workspace.Inputs, workspace.Targets, Indices(count));
            ForwardPass<T> pass = network.Feedforward(workspace);
            for (int row = 0; row < count; row++)
                if (TensorPrimitives.IndexOfMax<T>(pass.Output.Row(row)) == data.Label(start + row))
                    correct[c]++;
            costs[c] = network.Cost.Sum(pass.Output, workspace.Targets);
        });
        T costSum = T.Zero;
        foreach (T c in costs)
            costSum += c;
        double cost = double.CreateChecked(costSum) / Math.Max(data.Count, 1);
        if (lambda > 0)
            cost += 0.5 * (lambda / trainingSize) * double.CreateChecked(network.SumOfSquaredWeights());
        if (l1 > 0)
            cost += l1 / trainingSize * double.CreateChecked(network.SumOfAbsoluteWeights());
        return new EvaluationResult(cost, correct.Sum(), data.Count);
    }

    // A workspace of exactly `count` rows (a short last chunk gets its own), one set per worker.
    private Workspace<T> WorkspaceFor(int worker, int count)
    {
        Dictionary<int, Workspace<T>> mine = workspaces[worker]; // this worker's alone
        if (!mine.TryGetValue(count, out Workspace<T>? workspace))
            mine[count] = workspace = network.CreateWorkspace(count);
        return workspace;
    }

    [ThreadStatic]
    private static int[]? indices;

    private static int[] Indices(int count) =>
        indices is { } existing && existing.Length >= count ? existing : indices = new int[count];

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
