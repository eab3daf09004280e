// Glossary
//   n        training set size
//   m        mini-batch size
//   η₀       the learning rate the run starts with; the schedule halves η down to η₀/128
using System.Diagnostics;
using System.Numerics;
using NetTrainer.Data;

namespace NetTrainer.Training;

/// <summary>Mini-batch SGD over a data set (Nielsen's Network.SGD), reporting each epoch to a sink.</summary>
public static class Sgd
{
    /// <summary>
    /// Trains <paramref name="network"/> in place. Each epoch runs one SGD step per mini-batch (see
    /// <see cref="SgdEpochs{T}"/>), measures what options.Monitor asks for and reports to <paramref name="sink"/>.
    /// Early stopping and the learning-rate schedule watch the evaluation accuracy; with early stopping the best
    /// epoch's weights are restored at the end, and when the run is cancelled.
    /// </summary>
    /// <exception cref="TrainingDivergedException">The cost or the weights became NaN or infinite.</exception>
    public static TrainingOutcome Train<T>(Network<T> network, Dataset training, Dataset? evaluation, SgdOptions options,
        Random rng, IEpochSink sink, CancellationToken cancellation = default)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        bool monitorEvaluation = evaluation is not null && options.Monitor.HasFlag(Monitoring.Evaluation);
        if (options.WatchesAccuracy && !monitorEvaluation)
            throw new ArgumentException("Early stopping and the learning-rate schedule watch the evaluation accuracy: monitor the evaluation data.", nameof(options));
        var epochs = new SgdEpochs<T>(network, training, options, rng);
        var evaluator = new Evaluator<T>(network);
        var earlyStopping = new EarlyStopping<T>(network, options.EarlyStopPatience);
        EtaSchedule? schedule = options.HalveEtaPatience is int patience ? new EtaSchedule(patience) : null;
        IStepProgress? steps = sink as IStepProgress;

        for (int epoch = 1; epoch <= options.Epochs; epoch++)
        {
            long started = Stopwatch.GetTimestamp();
            double eta = epochs.Eta;
            LearningSignal? signal;
            try
            {
                int current = epoch;
                signal = epochs.Run(cancellation, steps is null ? null : done => steps.ReportStep(current, done, training.Count));
            }
            catch (OperationCanceledException)
            {
                earlyStopping.RestoreBest(); // interrupted mid-epoch: keep the best epoch's weights
                throw;
            }
            double trainingSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;

            EvaluationResult? onTraining = options.Monitor.HasFlag(Monitoring.Training)
                ? evaluator.Evaluate(training, options.Lambda, training.Count, options.L1) : null;
            EvaluationResult? onEvaluation = monitorEvaluation
                ? evaluator.Evaluate(evaluation!, options.Lambda, training.Count, options.L1) : null;
            RequireFinite(network, epoch, onTraining, onEvaluation);
            sink.Report(new EpochReport(epoch, onTraining, onEvaluation, trainingSeconds,
                Stopwatch.GetElapsedTime(started).TotalSeconds) { Eta = eta, Signal = signal });

            double accuracy = (onEvaluation ?? onTraining)?.Accuracy ?? double.NaN;
            if (earlyStopping.ShouldStop(epoch, accuracy))
                return Finish(earlyStopping, epoch, StopReason.NoImprovement);
            switch (schedule?.Observe(accuracy))
            {
                case EtaChange.Halve:
                    epochs.Eta /= 2;
                    break;
                case EtaChange.Stop:
                    return Finish(earlyStopping, epoch, StopReason.EtaFloor);
            }
        }
        return Finish(earlyStopping, options.Epochs, StopReason.EpochsDone);
    }

    private static TrainingOutcome Finish<T>(EarlyStopping<T> earlyStopping, int epochsRun, StopReason stop)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        earlyStopping.RestoreBest();
        return new TrainingOutcome(epochsRun, stop, earlyStopping.BestEpoch, earlyStopping.BestAccuracy,
            RestoredBest: earlyStopping.KeepsBest);
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
