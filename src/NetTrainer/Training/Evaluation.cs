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
    private readonly List<Dictionary<int, Scratch>> workspaces = [];
    private readonly PixelWeights<T> firstLayer = new();
    private readonly Dictionary<Dataset, NonzeroPixelLists?[]?> evaluated = new(ReferenceEqualityComparer.Instance);

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
        int chunks = ChunksOf(data);
        var costs = new T[chunks];
        var correct = new int[chunks];
        Passes(data, (c, start, pass, scratch) =>
        {
            Batches.GatherTargets(data, start, scratch.Y, scratch.Labels);
            for (int row = 0; row < pass.BatchSize; row++)
                if (TensorPrimitives.IndexOfMax<T>(pass.Output.Row(row)) == scratch.Labels[row])
                    correct[c]++;
            costs[c] = network.Cost.Sum(pass.Output, scratch.Y);
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

    /// <summary>
    /// The network's forward pass over every example of <paramref name="data"/>, a chunk at a time, the chunks shared
    /// among the threads as <see cref="Evaluate"/> shares them: <paramref name="visit"/>(first example, pass) may run on
    /// any thread, so it must write its results by example. The pass lasts until <paramref name="visit"/> returns.
    /// </summary>
    public void ForEachPass(Dataset data, Action<int, ForwardPass<T>> visit) =>
        Passes(data, (_, start, pass, _) => visit(start, pass));

    // visit(chunk, first example, pass, scratch) for every chunk; the first product reads the pixels (see
    // Network.FeedforwardPixels), from the weights packed once per call. The data's shape is checked once here, not
    // per chunk: the scratch of every chunk is made to the network's shape.
    private void Passes(Dataset data, Action<int, int, ForwardPass<T>, Scratch> visit)
    {
        Batches.RequireShape(data, network.InputSize, network.OutputSize);
        int chunks = ChunksOf(data);
        int workers = Parallelism.WorkersFor(chunks, threads);
        while (workspaces.Count < workers)
            workspaces.Add([]);
        firstLayer.Pack(network.Weights[0]);
        NonzeroPixelLists?[]? lists = ListsFor(data, chunks);
        Parallelism.ForEach(chunks, workers, (worker, c) =>
        {
            int start = c * chunk, count = Math.Min(chunk, data.Count - start);
            Scratch scratch = ScratchFor(worker, count, Parallelism.ThreadsEach(workers, threads));
            NonzeroPixelLists? listed = lists is null ? null : lists[c] ??= NonzeroPixelLists.Of(data, start, count);
            visit(c, start, network.FeedforwardPixels(data, start, firstLayer, scratch.Pixels, scratch.Workspace, listed), scratch);
        });
    }

    // A data set evaluated again (every epoch's monitoring of the training and validation sets) has its images'
    // nonzero pixels listed once, a chunk at a time during its second pass, and read from the lists from then on:
    // the listing was about two fifths of the first layer's time. The same sums, so the same bits. A data set seen
    // once (a final test) is not listed. The lists hold 2 bytes per nonzero pixel: about 15 MB for MNIST's 50,000
    // training images. A Dataset's pixels never change while it is in use: an augmented epoch's images are a new
    // Dataset (and are never evaluated).
    private NonzeroPixelLists?[]? ListsFor(Dataset data, int chunks)
    {
        if (data.InputSize > NonzeroPixelLists.MaxPixels)
            return null;
        if (!evaluated.TryGetValue(data, out NonzeroPixelLists?[]? lists))
        {
            evaluated[data] = null; // seen once
            return null;
        }
        return lists ?? (evaluated[data] = new NonzeroPixelLists?[chunks]);
    }

    private int ChunksOf(Dataset data) => (data.Count + chunk - 1) / chunk;

    // Targets and scratch for exactly `count` examples (a short last chunk gets its own), one set per worker.
    private Scratch ScratchFor(int worker, int count, int kernelThreads)
    {
        Dictionary<int, Scratch> mine = workspaces[worker]; // this worker's alone
        if (!mine.TryGetValue(count, out Scratch? scratch))
            mine[count] = scratch = new Scratch(new Matrix<T>(count, network.OutputSize), new int[count],
                network.CreateWorkspace(count, kernelThreads), new PixelScratch<T>(network.InputSize));
        return scratch;
    }

    // y and labels of a chunk, its forward pass, and an image's nonzero pixels.
    private sealed record Scratch(Matrix<T> Y, int[] Labels, Workspace<T> Workspace, PixelScratch<T> Pixels);
}
