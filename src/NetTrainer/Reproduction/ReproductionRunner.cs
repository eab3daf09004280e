// Glossary
//   job       one (experiment, seed, run) to train; seed k of a reproduction is FirstSeed + k for every run
//   work      weight-multiplies of training and monitoring (ExperimentRun.Work): what the ETA divides
//   worker    one of the cores; jobs are taken largest first from a shared queue, one per worker at a time
using System.Diagnostics;
using System.Runtime.ExceptionServices;
using NetTrainer.Activations;
using NetTrainer.Costs;
using NetTrainer.Data;
using NetTrainer.Data.Augmentation;
using NetTrainer.LinearAlgebra;
using NetTrainer.Training;

namespace NetTrainer.Reproduction;

/// <summary>Progress after each job: jobs done of all, and the time left estimated from the work done so far.</summary>
public sealed record ReproductionProgress(int Done, int Total, RunResult Finished, string Experiment, TimeSpan Elapsed, TimeSpan Remaining);

/// <summary>A job about to train: the experiment, the run and its seed (for a display of the runs in progress).</summary>
public sealed record ReproductionStart(string Experiment, ExperimentRun Run, int Seed);

/// <summary>An experiment's results: Seeds[k][r] is run r trained with seed k.</summary>
public sealed record ExperimentResult(Experiment Experiment, IReadOnlyList<IReadOnlyList<RunResult>> Seeds);

/// <summary>Trains every run of the experiments asked for, for every seed, side by side on the cores.</summary>
public static class ReproductionRunner
{
    /// <summary>Trains each run of <paramref name="experiments"/> once per seed, seeds <paramref name="firstSeed"/> .. firstSeed + seeds − 1, reporting each finished job to <paramref name="progress"/> and, when given, each job a worker takes up to <paramref name="started"/> (on that worker's thread).</summary>
    public static IReadOnlyList<ExperimentResult> Run(IReadOnlyList<Experiment> experiments, MnistSplit data, int seeds,
        int firstSeed, Action<ReproductionProgress> progress, CancellationToken cancellation = default, Action<ReproductionStart>? started = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(seeds, 1);
        var results = experiments.Select(e => Enumerable.Range(0, seeds).Select(_ => new RunResult[e.Runs.Count]).ToArray()).ToArray();
        var jobs = (from e in Enumerable.Range(0, experiments.Count)
                    from s in Enumerable.Range(0, seeds)
                    from r in Enumerable.Range(0, experiments[e].Runs.Count)
                    let work = experiments[e].Runs[r].Work(data.Training.Count, data.Validation.Count, data.Training.InputSize, data.Training.ClassCount)
                    orderby work descending // largest first, so that no long job starts last while the other core idles
                    select (Experiment: e, Seed: s, Run: r, Work: work)).ToArray();
        double totalWork = jobs.Sum(j => j.Work), doneWork = 0;
        int done = 0;
        var clock = Stopwatch.StartNew();
        var gate = new object();
        using var failed = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        int workers = Parallelism.WorkersFor(jobs.Length, Parallelism.AllCores);
        try
        {
            // Each worker takes the next job from the queue (Parallelism keeps each job's kernels on its thread).
            Parallelism.ForEach(jobs.Length, workers, (_, j) =>
            {
                var job = jobs[j];
                Experiment experiment = experiments[job.Experiment];
                RunResult result;
                try
                {
                    started?.Invoke(new ReproductionStart(experiment.Name, experiment.Runs[job.Run], firstSeed + job.Seed));
                    result = Train(experiment.Runs[job.Run], data, firstSeed + job.Seed, failed.Token,
                        threads: Parallelism.ThreadsEach(workers, Parallelism.AllCores));
                }
                catch
                {
                    failed.Cancel();
                    throw;
                }
                results[job.Experiment][job.Seed][job.Run] = result;
                lock (gate)
                {
                    doneWork += job.Work;
                    done++;
                    TimeSpan elapsed = clock.Elapsed;
                    progress(new ReproductionProgress(done, jobs.Length, result, experiment.Name, elapsed,
                        elapsed * ((totalWork - doneWork) / doneWork)));
                }
            });
        }
        catch (AggregateException e)
        {
            IReadOnlyList<Exception> inner = e.Flatten().InnerExceptions;
            ExceptionDispatchInfo.Throw(inner.FirstOrDefault(x => x is not OperationCanceledException) ?? inner[0]);
        }
        return experiments.Select((e, i) => new ExperimentResult(e, results[i])).ToList();
    }

    /// <summary>One run with one seed, as the book's driver trains it; a run that diverges is recorded, not thrown.</summary>
    public static RunResult Train(ExperimentRun run, MnistSplit data, int seed, CancellationToken cancellation = default, int threads = 1)
    {
        if (run.GradientNorms)
        {
            var timer = Stopwatch.StartNew();
            double[][] norms = VanishingGradient.Norms(data.Training, run.Hidden.Length, run.Sgd.Epochs, new Random(seed),
                cancellation: cancellation);
            return new RunResult(run, seed, [], null, timer.Elapsed.TotalSeconds) { Norms = norms };
        }
        var rng = new Random(seed);
        Dataset training = data.Training.Slice(0, Math.Min(run.TrainSize ?? data.Training.Count, data.Training.Count));
        // The expansion shuffles with a generator of its own, so the network starts from the weights the plain run of
        // this seed starts from, and only the data differs.
        if (run.ExpandShift)
            training = RunImages.ExpandShift(training, seed); // as train --expand
        // A run that chooses by validation watches the validation images and is judged once on the test images.
        Dataset heldOut = run.Evaluation == HeldOut.Test ? data.Test : data.Validation;
        Dataset watched = run.ChooseByValidation ? data.Validation : heldOut;
        Network<float> network = Network<float>.CreateRandom(
            sizes: [training.InputSize, .. run.Hidden, training.ClassCount],
            hidden: ActivationCatalog.ParseHidden(run.HiddenActivation),
            output: ActivationCatalog.ParseOutput(run.Output),
            cost: CostCatalog.Parse(run.Cost),
            init: run.Init,
            rng: rng);
        // --augment's distortions draw from a generator of their own, as train's do, and take a core of their own
        // (or, for training that splits its products, every core between epochs, see RunImages).
        using DistortionProducer? producer = run.Augment is null ? null
            : RunImages.Distort(training, AugmentSpec.Parse(run.Augment), seed, run.Sgd.Epochs, threads, cancellation,
                RunImages.TrainingSplits(network.Sizes, run.Sgd.MiniBatchSize, threads));
        SgdOptions options = run.Sgd with
        {
            Threads = producer?.TrainingThreads ?? threads,
            // The run's own patience, or one as long as the run, which never stops it early but keeps the best
            // epoch's network to return to.
            EarlyStopPatience = run.Sgd.EarlyStopPatience ?? (run.ChooseByValidation ? run.Sgd.Epochs : null),
        };
        var epochs = new EpochRecorder();
        var clock = Stopwatch.StartNew();
        try
        {
            Sgd.Train(network, training, options.Monitor.HasFlag(Monitoring.Evaluation) ? watched : null, options, rng, epochs, cancellation,
                trainingForEpoch: producer is null ? null : producer.ForEpoch);
        }
        catch (TrainingDivergedException diverged)
        {
            return new RunResult(run, seed, epochs.Reports, null, clock.Elapsed.TotalSeconds, diverged.Message);
        }
        EvaluationResult? final = run.FinalOnly || run.ChooseByValidation
            ? new Evaluator<float>(network, threads: threads).Evaluate(run.ChooseByValidation ? data.Test : heldOut, options.Lambda, training.Count)
            : null;
        return new RunResult(run, seed, epochs.Reports, final, clock.Elapsed.TotalSeconds);
    }

    private sealed class EpochRecorder : IEpochSink
    {
        public List<EpochReport> Reports { get; } = [];
        public void Report(EpochReport report) => Reports.Add(report);
    }
}
