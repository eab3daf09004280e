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
        options.Validate();
        Evaluator<T>.RequireShapes(network, training);
        if (evaluation is not null)
            Evaluator<T>.RequireShapes(network, evaluation);

        int n = training.Count;
        int m = Math.Min(options.MiniBatchSize, n);
        Workspace<T> full = network.CreateWorkspace(m);
        Workspace<T>? remainder = n % m == 0 ? null : network.CreateWorkspace(n % m);
        var evaluator = new Evaluator<T>(network);
        int[] order = Enumerable.Range(0, n).ToArray();
        T eta = T.CreateChecked(options.Eta), lambda = T.CreateChecked(options.Lambda);

        for (int epoch = 1; epoch <= options.Epochs; epoch++)
        {
            long started = Stopwatch.GetTimestamp();
            if (options.Shuffle)
                rng.Shuffle(order);
            for (int start = 0; start < n; start += m)
            {
                cancellation.ThrowIfCancellationRequested();
                Workspace<T> workspace = n - start >= m ? full : remainder!;
                Batches.Gather(training, order.AsSpan(start, workspace.BatchSize), workspace.Inputs, workspace.Targets);
                network.UpdateMiniBatch(workspace, eta, lambda, n);
            }
            double trainingSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;

            EvaluationResult trainingResult = evaluator.Evaluate(training, options.Lambda, n);
            if (!double.IsFinite(trainingResult.Cost))
                throw new TrainingDivergedException(epoch, trainingResult.Cost);
            EvaluationResult? evaluationResult = evaluation is null ? null : evaluator.Evaluate(evaluation, options.Lambda, n);
            sink.Report(new EpochReport(epoch, trainingResult, evaluationResult, trainingSeconds,
                Stopwatch.GetElapsedTime(started).TotalSeconds));
        }
    }
}
