// Glossary
//   run        one RunSpec trained from its RunStart on the shared data (see ComparisonSettings)
//   worker     one of the cores; independent runs train side by side, one per worker
using System.Diagnostics;
using System.Runtime.ExceptionServices;
using NetTrainer.Data;
using NetTrainer.LinearAlgebra;
using NetTrainer.Training;

namespace NetTrainer.Comparison;

/// <summary>Hears about each run of a comparison; called from the worker that trains it, so runs overlap.</summary>
public interface IComparisonObserver
{
    /// <summary>The run is about to start; its epochs are reported to the sink returned.</summary>
    IEpochSink Starting(int index, RunSpec run);

    /// <summary>The run is over: all its epochs done, or diverged.</summary>
    void Finished(int index, RunRecord record);
}

/// <summary>
/// Trains several runs on the same data from the same start (see <see cref="ComparisonSettings.Start"/>), so
/// that their differences come from the cost, the output activation and η alone.
/// </summary>
public static class ComparisonRunner
{
    /// <summary>
    /// Trains every run and returns their records in the order of <paramref name="runs"/>. Independent runs train
    /// side by side on the cores (the kernels inside a run then stay on one thread, which gives the same bits: a
    /// run's numbers do not depend on what else runs). A run that diverges is recorded as such and the others go on.
    /// </summary>
    public static IReadOnlyList<RunRecord> Run(ComparisonSettings settings, IReadOnlyList<RunSpec> runs, Dataset training,
        Dataset evaluation, IComparisonObserver observer, CancellationToken cancellation = default)
    {
        var records = new RunRecord[runs.Count];
        // One failing run (other than by diverging) stops the others at their next mini-batch.
        using var failed = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        try
        {
            int workers = Parallelism.WorkersFor(runs.Count, Parallelism.AllCores);
            Parallelism.ForEach(runs.Count, workers, (_, i) =>
            {
                try
                {
                    records[i] = Train(settings, i, runs[i], training, evaluation, observer, failed.Token,
                        threads: Parallelism.ThreadsEach(workers, Parallelism.AllCores));
                }
                catch
                {
                    failed.Cancel();
                    throw;
                }
            });
        }
        catch (AggregateException e)
        {
            // The first failure that is not the others' cancellation is the one to report.
            IReadOnlyList<Exception> inner = e.Flatten().InnerExceptions;
            Exception first = inner.FirstOrDefault(x => x is not OperationCanceledException) ?? inner[0];
            if (first is OperationCanceledException && cancellation.IsCancellationRequested)
                throw new ComparisonInterruptedException(records.Where(r => r is not null).ToArray());
            ExceptionDispatchInfo.Throw(first);
        }
        return records;
    }

    /// <summary>One run, from its start to its last epoch (or the epoch it diverged in).</summary>
    public static RunRecord Train(ComparisonSettings settings, int index, RunSpec run, Dataset training, Dataset evaluation,
        IComparisonObserver observer, CancellationToken cancellation = default, int threads = 1)
    {
        RunStart<float> start = settings.Start(run);
        var recorder = new RunRecorder(observer.Starting(index, run));
        long started = Stopwatch.GetTimestamp();
        RunRecord record;
        try
        {
            Sgd.Train(start, training, evaluation, settings.OptionsFor(run) with { Threads = threads }, recorder, cancellation);
            record = recorder.ToRecord(run, Stopwatch.GetElapsedTime(started).TotalSeconds);
        }
        catch (TrainingDivergedException diverged)
        {
            record = recorder.ToRecord(run, Stopwatch.GetElapsedTime(started).TotalSeconds, diverged);
        }
        observer.Finished(index, record);
        return record;
    }
}

/// <summary>The comparison was cancelled; <see cref="Finished"/> holds the runs that had finished, in their order.</summary>
public sealed class ComparisonInterruptedException(IReadOnlyList<RunRecord> finished)
    : OperationCanceledException($"The comparison was interrupted with {finished.Count} runs finished.")
{
    /// <summary>The records of the runs that finished before the cancellation, in the comparison's order.</summary>
    public IReadOnlyList<RunRecord> Finished { get; } = finished;
}
