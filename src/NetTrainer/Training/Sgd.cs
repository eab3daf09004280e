// Glossary
//   n        training set size
//   m        mini-batch size; the last mini-batch of an epoch holds n mod m examples when m does not divide n
//   order    the permutation of 0..n-1 that the epoch walks, mini-batch by mini-batch
//   η₀       the learning rate the run starts with; the schedule halves η down to η₀/128
using System.Diagnostics;
using System.Numerics;
using NetTrainer.Data;

namespace NetTrainer.Training;

/// <summary>Mini-batch SGD over a data set (Nielsen's Network.SGD), reporting each epoch to a sink.</summary>
public static class Sgd
{
    /// <summary>
    /// Trains <paramref name="network"/> in place. Each epoch shuffles the examples with <paramref name="rng"/>
    /// (unless options.Shuffle is off), runs one SGD step per mini-batch, measures what options.Monitor asks for
    /// and reports to <paramref name="sink"/>. Early stopping and the learning-rate schedule watch the evaluation
    /// accuracy; with early stopping the best epoch's weights are restored at the end.
    /// </summary>
    /// <remarks>
    /// <paramref name="trainingForEpoch"/>, when given, supplies the images each epoch trains on (epoch 1, 2, ...:
    /// fresh distortions of <paramref name="training"/>, same count and labels); costs are still measured on
    /// <paramref name="training"/> itself.
    /// </remarks>
    /// <exception cref="TrainingDivergedException">The cost or the weights became NaN or infinite.</exception>
    public static TrainingOutcome Train<T>(Network<T> network, Dataset training, Dataset? evaluation, SgdOptions options,
        Random rng, IEpochSink sink, CancellationToken cancellation = default, Func<int, Dataset>? trainingForEpoch = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var epochs = new SgdEpochs<T>(network, training, options, rng);
        bool monitorEvaluation = evaluation is not null && options.Monitor.HasFlag(Monitoring.Evaluation);
        if (options.WatchesAccuracy && !monitorEvaluation)
            throw new ArgumentException("--early-stop and --eta-schedule watch the evaluation accuracy: monitor the evaluation data.");
        if (evaluation is not null)
            Evaluator<T>.RequireShapes(network, evaluation);
        var evaluator = new Evaluator<T>(network);
        Network<T>? best = options.EarlyStopPatience is null ? null : network.ConvertTo<T>();
        int bestEpoch = 0, sinceBest = 0, sinceEtaBest = 0, halvings = 0;
        double bestAccuracy = double.NegativeInfinity, etaBestAccuracy = double.NegativeInfinity;

        for (int epoch = 1; epoch <= options.Epochs; epoch++)
        {
            long started = Stopwatch.GetTimestamp();
            double eta = epochs.Eta;
            LearningSignal? signal;
            try
            {
                if (trainingForEpoch is not null)
                    epochs.Training = trainingForEpoch(epoch);
                signal = epochs.Run(cancellation);
            }
            catch (OperationCanceledException)
            {
                // Interrupted mid-epoch: with early stopping, the weights to keep are the best epoch's.
                if (best is not null && bestEpoch > 0)
                    network.CopyParametersFrom(best);
                throw;
            }
            double trainingSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;

            EvaluationResult? trainingResult = options.Monitor.HasFlag(Monitoring.Training)
                ? evaluator.Evaluate(training, options.Lambda, training.Count, options.L1) : null;
            EvaluationResult? evaluationResult = monitorEvaluation
                ? evaluator.Evaluate(evaluation!, options.Lambda, training.Count, options.L1) : null;
            RequireFinite(network, epoch, trainingResult, evaluationResult);
            sink.Report(new EpochReport(epoch, trainingResult, evaluationResult, trainingSeconds,
                Stopwatch.GetElapsedTime(started).TotalSeconds) { Eta = eta, Signal = signal });

            double accuracy = (evaluationResult ?? trainingResult)?.Accuracy ?? double.NaN;
            if (accuracy > bestAccuracy)
            {
                (bestAccuracy, bestEpoch, sinceBest) = (accuracy, epoch, 0);
                best?.CopyParametersFrom(network);
            }
            else if (++sinceBest >= options.EarlyStopPatience)
                return Finish(network, best, epoch, StopReason.NoImprovement, bestEpoch, bestAccuracy);

            // The schedule keeps its own count: it restarts after each halving (Nielsen, chapter 3 exercise).
            if (accuracy > etaBestAccuracy)
                (etaBestAccuracy, sinceEtaBest) = (accuracy, 0);
            else if (++sinceEtaBest >= options.HalveEtaPatience)
            {
                // Halvings are counted, not compared: η₀/128 in float need not equal the float of η₀ halved 7 times.
                if (++halvings == SgdOptions.MaxEtaHalvings)
                    return Finish(network, best, epoch, StopReason.EtaFloor, bestEpoch, bestAccuracy);
                sinceEtaBest = 0;
                epochs.Eta /= 2;
            }
        }
        return Finish(network, best, options.Epochs, StopReason.EpochsDone, bestEpoch, bestAccuracy);
    }

    private static TrainingOutcome Finish<T>(Network<T> network, Network<T>? best, int epochsRun, StopReason stop,
        int bestEpoch, double bestAccuracy)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (best is not null)
            network.CopyParametersFrom(best);
        return new TrainingOutcome(epochsRun, stop, bestEpoch, bestAccuracy, RestoredBest: best is not null);
    }

    private static void RequireFinite<T>(Network<T> network, int epoch, EvaluationResult? training, EvaluationResult? evaluation)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (training is not null && !double.IsFinite(training.Cost))
            throw new TrainingDivergedException(epoch, $"the training cost is {training.Cost}");
        if (evaluation is not null && !double.IsFinite(evaluation.Cost))
            throw new TrainingDivergedException(epoch, $"the evaluation cost is {evaluation.Cost}");
        if (!network.IsFinite())
            throw new TrainingDivergedException(epoch, "the weights are no longer finite numbers");
    }
}

/// <summary>
/// The SGD epochs of one training run: the buffers and the example order, allocated once, so that an epoch
/// allocates nothing (but the learning-signal record, when asked for). <see cref="Sgd.Train{T}"/> runs them; the benchmark times them alone.
/// </summary>
public sealed class SgdEpochs<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Network<T> network;
    private Dataset training;
    private readonly SgdOptions options;
    private readonly Random rng;
    private readonly Workspace<T> full;
    private readonly Workspace<T>? remainder;
    private readonly int[] order;
    private readonly SgdStep<T> step;
    private readonly LearningSignalMeter<T>? meter;
    private double eta;

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
        step = new SgdStep<T>(network.Sizes, T.CreateChecked(options.Eta), T.CreateChecked(options.Lambda),
            T.CreateChecked(options.L1), T.CreateChecked(options.Momentum));
        meter = options.MeasureLearningSignal ? new LearningSignalMeter<T>(network.LayerCount) : null;
        eta = options.Eta;
    }

    /// <summary>The images the next epoch trains on: the same count, shape and classes as those given at first.</summary>
    public Dataset Training
    {
        get => training;
        set
        {
            if (value.Count != training.Count || value.InputSize != training.InputSize || value.ClassCount != training.ClassCount)
                throw new ArgumentException(
                    $"An epoch's training data must match the first: {training.Count} examples of {training.InputSize} inputs " +
                    $"in {training.ClassCount} classes; got {value.Count} of {value.InputSize} in {value.ClassCount}.", nameof(value));
            training = value;
        }
    }

    /// <summary>The learning rate of the next epoch.</summary>
    public double Eta
    {
        get => eta;
        set => step.Eta = T.CreateChecked(eta = value); // halving is exact in binary, so T(η/2) = T(η)/2
    }

    /// <summary>
    /// One pass over the training data: shuffle (unless turned off), then one SGD step per mini-batch.
    /// Returns the epoch's learning signal when the options ask for it.
    /// </summary>
    public LearningSignal? Run(CancellationToken cancellation = default)
    {
        int n = order.Length;
        if (options.Shuffle)
            rng.Shuffle(order);
        for (int start = 0; start < n; start += full.BatchSize)
        {
            cancellation.ThrowIfCancellationRequested();
            Workspace<T> workspace = n - start >= full.BatchSize ? full : remainder!;
            Batches.Gather(training, order.AsSpan(start, workspace.BatchSize), workspace.Inputs, workspace.Targets);
            Step(workspace, n);
        }
        return meter?.Take();
    }

    // The book's fused step unless momentum or L1 needs the general one; when the learning signal is measured,
    // the plain step is taken as backprop + update (the same bits as the fused step, so measuring changes nothing).
    private void Step(Workspace<T> workspace, int n)
    {
        if (options.NeedsGeneralUpdate)
            network.UpdateMiniBatch(workspace, step, n);
        else if (meter is null)
            network.UpdateMiniBatch(workspace, step.Eta, step.Lambda, n);
        else
            network.UpdateMiniBatchFromGradients(workspace, step.Eta, step.Lambda, n);
        meter?.Add(workspace);
    }
}
