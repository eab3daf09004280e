// Glossary
//   n        training set size
//   m        mini-batch size; the last mini-batch of an epoch holds n mod m examples when m does not divide n
//   order    the permutation of 0..n-1 that the epoch walks, mini-batch by mini-batch
using System.Diagnostics;
using System.Numerics;
using NetTrainer.Data;

namespace NetTrainer.Training;

/// <summary>Mini-batch SGD over a data set (Nielsen's Network.SGD), reporting each epoch to a sink.</summary>
public static class Sgd
{
    /// <summary>
    /// Trains <paramref name="network"/> in place for options.Epochs epochs. Each epoch shuffles the order of
    /// the examples with <paramref name="rng"/> (unless options.Shuffle is off), runs one SGD step per
    /// mini-batch, then measures training and (if given) evaluation cost and accuracy.
    /// </summary>
    /// <exception cref="TrainingDivergedException">The training cost became NaN or infinite.</exception>
    public static void Train<T>(Network<T> network, Dataset training, Dataset? evaluation, SgdOptions options,
        Random rng, IEpochSink sink, CancellationToken cancellation = default)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var epochs = new SgdEpochs<T>(network, training, options, rng);
        if (evaluation is not null)
            Evaluator<T>.RequireShapes(network, evaluation);
        var evaluator = new Evaluator<T>(network);
        for (int epoch = 1; epoch <= options.Epochs; epoch++)
        {
            long started = Stopwatch.GetTimestamp();
            epochs.Run(cancellation);
            double trainingSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;

            EvaluationResult trainingResult = evaluator.Evaluate(training, options.Lambda, training.Count);
            if (!double.IsFinite(trainingResult.Cost))
                throw new TrainingDivergedException(epoch, trainingResult.Cost);
            EvaluationResult? evaluationResult =
                evaluation is null ? null : evaluator.Evaluate(evaluation, options.Lambda, training.Count);
            sink.Report(new EpochReport(epoch, trainingResult, evaluationResult, trainingSeconds,
                Stopwatch.GetElapsedTime(started).TotalSeconds));
        }
    }
}

/// <summary>
/// The SGD epochs of one training run: the buffers and the example order, allocated once, so that an epoch
/// allocates nothing. <see cref="Sgd.Train{T}"/> runs them; the benchmark times them alone.
/// </summary>
public sealed class SgdEpochs<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Network<T> network;
    private readonly Dataset training;
    private readonly SgdOptions options;
    private readonly Random rng;
    private readonly Workspace<T> full;
    private readonly Workspace<T>? remainder;
    private readonly int[] order;
    private readonly T eta, lambda;

    public SgdEpochs(Network<T> network, Dataset training, SgdOptions options, Random rng)
    {
        options.Validate();
        Evaluator<T>.RequireShapes(network, training);
        this.network = network;
        this.training = training;
        this.options = options;
        this.rng = rng;
        int n = training.Count, m = Math.Min(options.MiniBatchSize, n);
        full = network.CreateWorkspace(m);
        remainder = n % m == 0 ? null : network.CreateWorkspace(n % m);
        order = Enumerable.Range(0, n).ToArray();
        eta = T.CreateChecked(options.Eta);
        lambda = T.CreateChecked(options.Lambda);
    }

    /// <summary>One pass over the training data: shuffle (unless turned off), then one SGD step per mini-batch.</summary>
    public void Run(CancellationToken cancellation = default)
    {
        int n = order.Length;
        if (options.Shuffle)
            rng.Shuffle(order);
        for (int start = 0; start < n; start += full.BatchSize)
        {
            cancellation.ThrowIfCancellationRequested();
            Workspace<T> workspace = n - start >= full.BatchSize ? full : remainder!;
            Batches.Gather(training, order.AsSpan(start, workspace.BatchSize), workspace.Inputs, workspace.Targets);
            network.UpdateMiniBatch(workspace, eta, lambda, n);
        }
    }
}
