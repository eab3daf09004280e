using NetTrainer.Cli.Commands;
using NetTrainer.Cli.Inspection;
using NetTrainer.Inspection;
using NetTrainer.Cli.Reports;
using NetTrainer.Cli.Sinks;
using NetTrainer.Data;
using NetTrainer.Data.Augmentation;
using NetTrainer.Persistence;
using NetTrainer.Training;
using Serilog;

using static NetTrainer.Cli.Wording;
using static NetTrainer.Reports.Phrases;

namespace NetTrainer.Cli.Runs;

/// <summary>The network a run starts from: a saved one (InitFrom), or random weights of these sizes and functions.</summary>
public sealed record NetworkRequest(int[] Sizes, string Hidden, string Output, string Cost, WeightInit Init)
{
    /// <summary>Start from this saved network instead; Sizes then only has to agree with it when given.</summary>
    public string? InitFrom { get; init; }

    /// <summary>True when --sizes was given on the command line (and so must agree with InitFrom).</summary>
    public bool SizesGiven { get; init; }
}

/// <summary>Everything `nettrainer train` was asked for, read off the command line.</summary>
public sealed record TrainRequest(NetworkRequest Network, SgdOptions Sgd, int Seed, string? DataDir, EvaluationSet EvaluateOn)
{
    public int? TrainSize { get; init; }
    public string? MetricsPath { get; init; }
    public string? SavePath { get; init; }
    public string? ReportPath { get; init; }

    /// <summary>--expand (shift) and --augment SPEC as typed: what the training set is and what each epoch trains on.</summary>
    public string? Expand { get; init; }

    public string? Augment { get; init; }

    /// <summary>--snapshot-epochs as typed: the epochs whose weight images the report shows too.</summary>
    public string? SnapshotEpochs { get; init; }

    /// <summary>Write the run's state here after every <see cref="CheckpointEvery"/> epochs.</summary>
    public string? CheckpointPath { get; init; }

    public int CheckpointEvery { get; init; } = 1;

    /// <summary>Go on from this checkpoint: its settings, network and state replace the options left out.</summary>
    public string? ResumePath { get; init; }

    /// <summary>True when --epochs was given (a resumed run otherwise keeps its checkpoint's epochs).</summary>
    public bool EpochsGiven { get; init; }

    /// <summary>The options given on the command line (a resume refuses those that would change the run).</summary>
    public IReadOnlySet<string> Given { get; init; } = new HashSet<string>();

    /// <summary>The command line as typed, for the report.</summary>
    public string CommandLine { get; init; } = "nettrainer train";
}

/// <summary>
/// One training run, start to end: check the outputs, build the network, load the data, train with the epoch
/// log, CSV and report as sinks, then save and report; on Ctrl+C the network so far is saved.
/// </summary>
public static class TrainRun
{
    public static async Task<int> RunAsync(TrainRequest request, TextWriter output, CancellationToken cancellation)
    {
        // The checkpoint goes to --checkpoint, or back into the --resume file, the one output that may be an input.
        string? checkpointPath = request.CheckpointPath ?? request.ResumePath;
        bool intoResumed = checkpointPath == request.ResumePath;
        OutputPaths.Require(
            [("--metrics", request.MetricsPath), ("--save", request.SavePath), ("--report", request.ReportPath),
             ("--checkpoint", intoResumed ? null : checkpointPath)],
            [("--init-from", request.Network.InitFrom), ("--resume", request.ResumePath), .. OutputPaths.DataFiles(request.DataDir)]);
        if (intoResumed)
            OutputPaths.Require([("--resume", checkpointPath)]);
        Checkpoint? resume = request.ResumePath is { } resumePath ? CheckpointFile.Load(resumePath) : null;
        if (resume is not null)
        {
            TrainSettings.RequireSameRun(request.ResumePath!, resume.Settings, request, request.Given);
            try
            {
                request = TrainSettings.Apply(request, resume.Settings);
            }
            catch (Exception e) when (e is FormatException or OverflowException or ArgumentException or InvalidDataException)
            {
                throw new InvalidDataException(
                    $"{request.ResumePath}: a damaged checkpoint ({e.Message.TrimEnd('.')}). Hint: resume from an intact one or start again.", e);
            }
            if (request.Seed != resume.Seed)
                throw new InvalidDataException(
                    $"{request.ResumePath}: a damaged checkpoint (its settings say seed {request.Seed}, its generator seed {resume.Seed}). Hint: resume from an intact one or start again.");
            if (request.Sgd.Epochs < resume.State.Epoch)
                throw new UsageException($"--epochs {request.Sgd.Epochs} is fewer than the {resume.State.Epoch} epochs {request.ResumePath} has done.");
        }
        SgdOptions options = request.Sgd;
        // The run's one generator: its position is part of a checkpoint, so a resumed run draws what the whole run would.
        ResumableRandom rng = resume is null ? new ResumableRandom(request.Seed) : ResumableRandom.Restore(resume.Seed, resume.State.RandomDraws);
        if (resume is null && request.Network.InitFrom is null)
        {
            // What the sizes cost and whether they fit the images, before the weights are allocated and drawn.
            Limits.Require(request.Network.Sizes, "--mini-batch-size", options.MiniBatchSize, sizeof(float));
            Checks.RequireInputFitsImages(request.Network.Sizes, request.DataDir);
        }
        Network<float> network = resume?.Network ?? NetworkFactory.Create<float>(request.Network, rng);
        Dictionary<string, string> settings = resume is null ? TrainSettings.Of(request) : new(resume.Settings) { ["--epochs"] = $"{options.Epochs}" };

        using Serilog.Core.Logger log = Logging.To(output);
        MnistSplit split = await DataLoading.LoadAsync(request.DataDir, log, output, cancellation);
        // --expand's shuffle and --augment's distortions draw from generators of their own, seeded from --seed, so a
        // resumed run (whose generator is restored past the start) rebuilds the very same images (see RunImages).
        Dataset subset = TrainingSubset(split, request.TrainSize);
        Dataset training = request.Expand is null ? subset
            : TimedStep.Run(log, output, Invariant($"--expand {request.Expand}: adding the shifts of {subset.Count:N0} images"),
                () => TrainingDataOptions.Expand(request.Expand, subset, request.Seed));
        using DistortionProducer? producer = TrainingDataOptions.EpochImages(request.Augment, training, options.Epochs, request.Seed,
            options.Threads, RunImages.TrainingSplits(network.Sizes, options.MiniBatchSize, options.Threads), cancellation);
        Func<int, Dataset>? epochImages = null;
        if (producer is not null)
        {
            // The producer makes the next epoch's images on a core of its own, the products and evaluations using the
            // rest, or, for training that splits its products, each epoch when asked for, on every core (RunImages).
            options = options with { Threads = producer.TrainingThreads };
            // The first epoch is waited for, and says so; later ones are prepared one ahead, beside training, or made
            // when asked for as the first is.
            bool first = true;
            epochImages = epoch =>
            {
                if (!first)
                    return producer.ForEpoch(epoch);
                first = false;
                return TimedStep.Run(log, output, Invariant($"--augment: distorting {training.Count:N0} images for epoch {epoch}"),
                    () => producer.ForEpoch(epoch));
            };
        }
        // Training cost and accuracy are measured by monitoring the training data; "training" adds no second pass.
        Dataset? evaluation = request.EvaluateOn == EvaluationSet.Training ? null : split.Pick(request.EvaluateOn);
        Checks.RequireNetworkFitsData(network, training);
        // Three short lines rather than one long one: each fits 80 columns.
        log.Information("Network {Sizes}, {Hidden}, {Output} output, {Cost} cost.",
            string.Join(",", network.Sizes), HiddenShort(network.Sizes, network.Hidden), network.Output.Name, network.Cost.Name);
        log.Information("Learning {Parameters} from {Training} training images.", Parameters(network.Sizes),
            training.Count > subset.Count ? Invariant($"{training.Count:N0} (--expand: {subset.Count:N0} and their shifts)")
            : training.Count == split.Training.Count ? Invariant($"{training.Count:N0}") : Invariant($"{training.Count:N0} of the {split.Training.Count:N0}"));
        log.Information("SGD: eta {Eta}, lambda {Lambda}, mini-batch {MiniBatch}, epochs {Epochs}, seed {Seed}.",
            options.Eta, options.Lambda, options.MiniBatchSize, options.Epochs, request.Seed);
        string evaluationName = request.EvaluateOn.ToString().ToLowerInvariant();
        // Chapter 3's extensions that change the step or the run's length, each named when on, so that a log says
        // everything that trained the network.
        if (options.Momentum > 0 || options.L1 > 0)
            log.Information("Step: momentum {Momentum}, L1 lambda {L1}.", options.Momentum, options.L1);
        if (options.HalveEtaPatience is { } halve)
            log.Information("Schedule: eta halved after {Epochs} epochs without a better {Set} accuracy.",
                halve, evaluationName);
        if (options.EarlyStopPatience is { } patience)
            log.Information("Early stop: after {Epochs} epochs without a better {Set} accuracy.",
                patience, evaluationName);
        if (request.Augment is not null)
            log.Information("Augment: every epoch trains on fresh distortions ({Spec}) of its images.", request.Augment);
        if (Dropout<float>.IsOn(options.InputDropout, options.Dropout) || options.MaxNorm is not null)
            log.Information("Dropout: hidden {Hidden}, input {Input}, max-norm {MaxNorm} (kept neurons scaled by 1/(1 - p) while training).",
                options.Dropout, options.InputDropout, options.MaxNorm is { } c ? c.ToString(System.Globalization.CultureInfo.InvariantCulture) : "off");

        if (resume is not null)
            log.Information("Resuming {Path} after epoch {Epoch} of {Epochs}.", request.ResumePath, resume.State.Epoch, options.Epochs);
        using EpochCsv? csv = request.MetricsPath is null ? null : new EpochCsv(request.MetricsPath);
        var epochLog = new EpochLog(log, options.Epochs, evaluationName, showEta: options.HalveEtaPatience is not null);
        SingleRunReport? report = request.ReportPath is null ? null : new SingleRunReport(request.ReportPath, request.CommandLine)
        {
            DataSections = NetTrainer.Reports.DistortionStrip.For(subset, training, request.Augment, RunImages.AugmentSeed(request.Seed), request.Expand, options.Epochs),
        };
        // Beside the training step, after each epoch: layer statistics for the report, and the stuck diagnosis.
        var inspection = new TrainingInspection(network, training, measureEveryEpoch: report is not null,
            SnapshotEpochs.Parse("--snapshot-epochs", request.SnapshotEpochs, options.Epochs), resumed: resume is not null);
        // The live line goes first: it is erased before the epoch's own line is written. It draws nothing under --quiet
        // (Terminal.ShowsLiveLines) or when output is not a terminal.
        var live = new LiveProgress(output, Terminal.Of(output), options.Epochs);
        IEpochSink sink = new EpochSinks([live, epochLog, csv, inspection, report]);
        // The report's accuracy is the evaluation data's only when --monitor measures it; else the training data's.
        Dataset? reported = options.Monitor.HasFlag(Monitoring.Evaluation) ? evaluation : null;
        string reportedSet = reported is null ? "training" : evaluationName;
        try
        {
            Checkpoints<float>? checkpoints = checkpointPath is null ? null : new(resume?.State, state =>
            {
                if (state.Epoch % request.CheckpointEvery == 0 || state.Epoch == options.Epochs)
                    WriteAtomically(checkpointPath, CheckpointFile.Serialize(new Checkpoint(settings, request.Seed, network, state)));
            });
            TrainingOutcome outcome = Sgd.Train(network, training, evaluation, options, rng, sink, cancellation, checkpoints,
                epochImages);
            if (producer is not null)
                log.Information("--augment: training waited {Waited} s in all for distorted images.", Invariant($"{producer.Waited.TotalSeconds:F2}"));
            epochLog.Summarise(outcome);
            if (inspection.Diagnose(options, training.Count) is { } stuck)
                foreach (string line in Wrap($"Diagnosis: {stuck.OneLine()}. Hint: {StuckDiagnosis.Hint}", Terminal.Of(output).Width))
                    log.Warning("{Line}", line);
        }
        // First, for every exception: erase the live progress line before anything else is written (a filter that
        // is always false runs before the handlers below and lets them handle it).
        catch (Exception) when (ClearedLine(live))
        {
            throw;
        }
        catch (TrainingDivergedException diverged) when (report is not null)
        {
            report.Write(network, options, request.Seed, training, reported, reportedSet, inspection, DataFolder.Resolve(request.DataDir).Path, diverged);
            throw;
        }
        catch (IOException failed) when (request.SavePath is not null)
        {
            // A side output failed (a full disk under --metrics): the run stops, the network is kept where --save points.
            NetworkFile.Save(network, request.SavePath);
            throw new IOException($"{failed.Message.TrimEnd('.')}; the network trained so far is saved to {request.SavePath}.", failed);
        }
        catch (OperationCanceledException)
        {
            // Stopped at a mini-batch boundary: keep the network (the best one under --early-stop), the report of the
            // epochs done; the metrics rows and the last checkpoint are already on disk.
            var kept = new List<string>();
            if (request.SavePath is not null)
            {
                NetworkFile.Save(network, request.SavePath);
                kept.Add($"the network {(options.EarlyStopPatience is null ? "so far" : "of the best epoch")} in {request.SavePath}");
            }
            if (report is not null)
            {
                report.Write(network, options, request.Seed, training, reported, reportedSet, inspection, DataFolder.Resolve(request.DataDir).Path, interrupted: true);
                kept.Add($"the report in {request.ReportPath}");
            }
            if (request.MetricsPath is not null)
                kept.Add($"the finished epochs' metrics in {request.MetricsPath}");
            if ((request.CheckpointPath ?? request.ResumePath) is { } checkpoint && File.Exists(checkpoint))
                kept.Add($"the last checkpoint in {checkpoint} (--resume it)");
            throw new RunInterruptedException(kept.Count == 0 ? "nothing was asked to be kept" : "kept " + string.Join(", ", kept));
        }
        if (request.SavePath is not null)
        {
            NetworkFile.Save(network, request.SavePath);
            log.Information("Saved the network to {Path}.", request.SavePath);
        }
        if (report is not null)
        {
            report.Write(network, options, request.Seed, training, reported, reportedSet, inspection, DataFolder.Resolve(request.DataDir).Path);
            log.Information("Wrote the report to {Path}.", request.ReportPath);
        }
        return ExitCodes.Success;
    }

    // A kill at any moment leaves the last whole checkpoint (AtomicFile: a unique temporary file, then a rename).
    private static void WriteAtomically(string path, byte[] bytes) => AtomicFile.Write(path, stream => stream.Write(bytes));

    private static bool ClearedLine(LiveProgress live)
    {
        live.Clear();
        return false;
    }

    /// <summary>The first <paramref name="trainSize"/> training images, or all of them.</summary>
    public static Dataset TrainingSubset(MnistSplit split, int? trainSize)
    {
        if (trainSize is null)
            return split.Training;
        if (trainSize > split.Training.Count)
            throw new UsageException(
                $"--train-size must be at most {split.Training.Count}, the training images (the last {split.Validation.Count} of the training file are held out for validation); got {trainSize}.");
        return split.Training.Slice(0, trainSize.Value);
    }
}
