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
    /// Trains <paramref name="start"/>'s network in place, shuffling with the generator that drew its weights: one
    /// seed per run, as `train --seed` (see the overload taking the network and the generator for the rest).
    /// </summary>
    /// <exception cref="TrainingDivergedException">The cost or the weights became NaN or infinite.</exception>
    public static TrainingOutcome Train<T>(RunStart<T> start, Dataset training, Dataset? evaluation, SgdOptions options,
        IEpochSink sink, CancellationToken cancellation = default)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        Train(start.Network, training, evaluation, options, start.Rng, sink, cancellation);

    /// <summary>
    /// Trains <paramref name="network"/> in place. Each epoch runs one SGD step per mini-batch (see
    /// <see cref="SgdEpochs{T}"/>), measures what options.Monitor asks for and reports to <paramref name="sink"/>.
    /// Early stopping and the learning-rate schedule watch the evaluation accuracy; with early stopping the best
    /// epoch's weights are restored at the end, and when the run is cancelled.
    /// </summary>
    /// <remarks>
    /// With <paramref name="checkpoints"/>, the run's state goes to checkpoints.Save after every epoch, and a run given
    /// checkpoints.ResumeFrom goes on from that state (its reports are passed to the sink again, marked Resumed): the
    /// rest of the run is the same, bit for bit, as if it had never stopped. The generator must then be a
    /// <see cref="ResumableRandom"/> at the state's position.
    /// <paramref name="trainingForEpoch"/>, when given, supplies the images each epoch trains on (epoch 1, 2, ...:
    /// fresh distortions of <paramref name="training"/>, same count and labels); costs are still measured on
    /// <paramref name="training"/> itself.
    /// </remarks>
    /// <exception cref="TrainingDivergedException">The cost or the weights became NaN or infinite.</exception>
    public static TrainingOutcome Train<T>(Network<T> network, Dataset training, Dataset? evaluation, SgdOptions options,
        Random rng, IEpochSink sink, CancellationToken cancellation = default, Checkpoints<T>? checkpoints = null,
        Func<int, Dataset>? trainingForEpoch = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        bool monitorEvaluation = evaluation is not null && options.Monitor.HasFlag(Monitoring.Evaluation);
        if (options.WatchesAccuracy && !monitorEvaluation)
            throw new ArgumentException("Early stopping and the learning-rate schedule watch the evaluation accuracy: monitor the evaluation data.", nameof(options));
        var epochs = new SgdEpochs<T>(network, training, options, rng);
        var evaluator = new Evaluator<T>(network, threads: options.Threads);
        var earlyStopping = new EarlyStopping<T>(network, options.EarlyStopPatience);
        EtaSchedule? schedule = options.HalveEtaPatience is int patience ? new EtaSchedule(patience) : null;
        var reports = new List<EpochReport>();
        ResumableRandom? resumable = checkpoints is null ? null : rng as ResumableRandom
            ?? throw new ArgumentException("Checkpoints need the run's generator to be a ResumableRandom.", nameof(rng));
        if (checkpoints?.ResumeFrom is { } state)
        {
            if (resumable!.Draws != state.RandomDraws)
                throw new ArgumentException($"The generator has taken {resumable.Draws} samples but the state was saved after {state.RandomDraws}.", nameof(rng));
            epochs.Restore(state);
            earlyStopping.Restore(state.EarlyStopping);
            if (state.Schedule is not null)
                schedule?.Restore(state.Schedule);
            foreach (EpochReport done in state.Reports)
            {
                reports.Add(done);
                sink.Report(done with { Resumed = true });
            }
        }
        IStepProgress? steps = sink as IStepProgress;

        for (int epoch = reports.Count + 1; epoch <= options.Epochs; epoch++)
        {
            long started = Stopwatch.GetTimestamp();
            double eta = epochs.Eta;
            LearningSignal? signal;
            double trainingSeconds;
            EvaluationResult? onTraining, onEvaluation;
            try
            {
                if (trainingForEpoch is not null)
                    epochs.Training = trainingForEpoch(epoch);
                int current = epoch;
                signal = epochs.Run(cancellation, steps is null ? null : done => steps.ReportStep(current, done, training.Count));
                trainingSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
                onTraining = options.Monitor.HasFlag(Monitoring.Training)
                    ? evaluator.Evaluate(training, options.Lambda, training.Count, options.L1, cancellation) : null;
                onEvaluation = monitorEvaluation
                    ? evaluator.Evaluate(evaluation!, options.Lambda, training.Count, options.L1, cancellation) : null;
            }
            catch (OperationCanceledException)
            {
                earlyStopping.RestoreBest(); // interrupted mid-epoch: keep the best epoch's weights
                throw;
            }
            RequireFinite(network, epoch, onTraining, onEvaluation,
                DivergenceCause.Likely(options.Lambda, options.L1, training.Count));
            var report = new EpochReport(epoch, onTraining, onEvaluation, trainingSeconds,
                Stopwatch.GetElapsedTime(started).TotalSeconds) { Eta = eta, Signal = signal };
            reports.Add(report);
            sink.Report(report);

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
            if (checkpoints is not null)
            {
                (int[] order, var weightVelocity, var biasVelocity) = epochs.Capture();
                checkpoints.Save(new TrainingState<T>(epoch, resumable!.Draws, order, epochs.Eta, weightVelocity, biasVelocity,
                    earlyStopping.Capture(), schedule?.Capture(), reports.ToArray()));
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

    private static void RequireFinite<T>(Network<T> network, int epoch, EvaluationResult? training, EvaluationResult? evaluation,
        string likelyCause)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (training is not null && !double.IsFinite(training.Cost))
            throw new TrainingDivergedException(epoch, $"the training cost is {training.Cost}") { LikelyCause = likelyCause };
        if (evaluation is not null && !double.IsFinite(evaluation.Cost))
            throw new TrainingDivergedException(epoch, $"the evaluation cost is {evaluation.Cost}") { LikelyCause = likelyCause };
        if (!network.IsFinite())
            throw new TrainingDivergedException(epoch, "the weights are no longer finite numbers") { LikelyCause = likelyCause };
    }
}

/// <summary>Where a run resumes from (null: the start), and what receives its state after every epoch.</summary>
public sealed record Checkpoints<T>(TrainingState<T>? ResumeFrom, Action<TrainingState<T>> Save)
    where T : unmanaged, IFloatingPointIeee754<T>;
