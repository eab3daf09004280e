using NetTrainer.Cli.Commands;
using NetTrainer.Cli.Reports;
using NetTrainer.Cli.Sinks;
using NetTrainer.Data;
using NetTrainer.Persistence;
using NetTrainer.Training;
using Serilog;

using static NetTrainer.Cli.Wording;

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

    /// <summary>No live progress line (--quiet).</summary>
    public bool Quiet { get; init; }

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
        Checks.RequireDistinctOutputs(("--metrics", request.MetricsPath), ("--save", request.SavePath), ("--report", request.ReportPath));
        Checks.RequireOutputFolder("--metrics", request.MetricsPath);
        Checks.RequireOutputFolder("--save", request.SavePath);
        OutputFile.RequireWritable("--report", request.ReportPath);
        SgdOptions options = request.Sgd;
        var rng = new Random(request.Seed);
        Network<float> network = NetworkFactory.Create<float>(request.Network, rng);

        using Serilog.Core.Logger log = Logging.To(output);
        MnistSplit split = await DataLoading.LoadAsync(request.DataDir, log, cancellation);
        Dataset training = TrainingSubset(split, request.TrainSize);
        // Training cost and accuracy are measured by monitoring the training data; "training" adds no second pass.
        Dataset? evaluation = request.EvaluateOn == EvaluationSet.Training ? null : split.Pick(request.EvaluateOn);
        Checks.RequireNetworkFitsData(network, training);
        // Three short lines rather than one long one: each fits 80 columns.
        log.Information("Network {Sizes}, {Hidden}, {Output} output, {Cost} cost.",
            string.Join(",", network.Sizes), HiddenShort(network.Sizes, network.Hidden), network.Output.Name, network.Cost.Name);
        log.Information("Learning {Parameters} from {Training} training images.", Parameters(network.Sizes),
            training.Count == split.Training.Count ? Invariant($"{training.Count:N0}") : Invariant($"{training.Count:N0} of the {split.Training.Count:N0}"));
        log.Information("SGD: eta {Eta}, lambda {Lambda}, mini-batch {MiniBatch}, epochs {Epochs}, seed {Seed}.",
            options.Eta, options.Lambda, options.MiniBatchSize, options.Epochs, request.Seed);

        string evaluationName = request.EvaluateOn.ToString().ToLowerInvariant();
        using EpochCsv? csv = request.MetricsPath is null ? null : new EpochCsv(request.MetricsPath);
        var epochLog = new EpochLog(log, options.Epochs, evaluationName, showEta: options.HalveEtaPatience is not null);
        SingleRunReport? report = request.ReportPath is null ? null : new SingleRunReport(request.ReportPath, request.CommandLine);
        // The live line goes first: it is erased before the epoch's own line is written.
        LiveProgress? live = request.Quiet ? null : new LiveProgress(output, Terminal.Of(output), options.Epochs);
        IEpochSink sink = new EpochSinks([live, epochLog, csv, report]);
        // The report's accuracy is the evaluation data's only when --monitor measures it; else the training data's.
        Dataset? reported = options.Monitor.HasFlag(Monitoring.Evaluation) ? evaluation : null;
        string reportedSet = reported is null ? "training" : evaluationName;
        try
        {
            epochLog.Summarise(Sgd.Train(network, training, evaluation, options, rng, sink, cancellation));
        }
        catch (TrainingDivergedException diverged) when (report is not null)
        {
            report.Write(network, options, request.Seed, training, reported, reportedSet, diverged);
            throw;
        }
        catch (OperationCanceledException) when (request.SavePath is not null)
        {
            NetworkFile.Save(network, request.SavePath);
            log.Information("Interrupted; the network trained so far is saved to {Path}.", request.SavePath);
            throw;
        }
        if (request.SavePath is not null)
        {
            NetworkFile.Save(network, request.SavePath);
            log.Information("Saved the network to {Path}.", request.SavePath);
        }
        if (report is not null)
        {
            report.Write(network, options, request.Seed, training, reported, reportedSet);
            log.Information("Wrote the report to {Path}.", request.ReportPath);
        }
        return ExitCodes.Success;
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
