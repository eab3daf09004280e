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
    private readonly int threads;
    private readonly List<Dictionary<int, (MiniBatch<T> Batch, Workspace<T> Scratch)>> workspaces = [];

    /// <param name="threads">Threads the evaluation may use; all cores when not given.</param>
    /// <param name="network">The network evaluated; it is read, never changed.</param>
    /// <param name="chunk">Examples per forward pass.</param>
    public Evaluator(Network<T> network, int chunk = DefaultChunk, int? threads = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(chunk, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(threads ?? 1, 1);
        this.network = network;
        this.chunk = chunk;
        this.threads = threads ?? Parallelism.AllCores;
    }

    /// <summary>
    /// The mean cost per example plus the L2 term (λ/2n) Σ w² and the L1 term (λ₁/n) Σ |w|, with n the training
    /// set size (<paramref name="trainingSize"/>), and the number of examples classified correctly.
    /// </summary>
    public EvaluationResult Evaluate(Dataset data, double lambda, int trainingSize, double l1 = 0,
        CancellationToken cancellation = default)
    {
        cancellation.ThrowIfCancellationRequested(); // between the data sets of an epoch; one pass takes well under a second
        int chunks = (data.Count + chunk - 1) / chunk;
        var costs = new T[chunks];
        var correct = new int[chunks];
        int workers = Parallelism.WorkersFor(chunks, threads);
        while (workspaces.Count < workers)
            workspaces.Add([]);
        Parallelism.ForEach(chunks, workers, (worker, c) =>
        {
            int start = c * chunk, count = Math.Min(chunk, data.Count - start);
            (MiniBatch<T> batch, Workspace<T> scratch) = ScratchFor(worker, count, Parallelism.ThreadsEach(workers, threads));
            Batches.GatherRange(data, start, batch);
            ForwardPass<T> pass = network.Feedforward(batch.X, scratch);
            for (int row = 0; row < count; row++)
                if (TensorPrimitives.IndexOfMax<T>(pass.Output.Row(row)) == batch.Labels[row])
                    correct[c]++;
            costs[c] = network.Cost.Sum(pass.Output, batch.Y);
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

    // A mini-batch and scratch of exactly `count` rows (a short last chunk gets its own), one set per worker.
    private (MiniBatch<T>, Workspace<T>) ScratchFor(int worker, int count, int kernelThreads)
    {
        Dictionary<int, (MiniBatch<T>, Workspace<T>)> mine = workspaces[worker]; // this worker's alone
        if (!mine.TryGetValue(count, out var scratch))
            mine[count] = scratch = (MiniBatch<T>.For(network, count), network.CreateWorkspace(count, kernelThreads));
        return scratch;
    }
}
