using System.CommandLine;
using NetTrainer.Activations;
using NetTrainer.Cli.Reports;
using NetTrainer.Cli.Sinks;
using NetTrainer.Costs;
using NetTrainer.Data;
using NetTrainer.Persistence;
using NetTrainer.Training;
using Serilog;

namespace NetTrainer.Cli.Commands;

/// <summary>`nettrainer train`: mini-batch SGD on MNIST (or another IDX data set), one line per epoch.</summary>
public static class TrainCommand
{
    public const string DefaultSizes = "784,30,10";

    private static readonly Option<string> SizesOption = Options.Sizes(DefaultSizes);
    private static readonly Option<string> CostOption = Options.Cost();
    private static readonly Option<string> OutputOption = Options.Output();
    private static readonly Option<string> HiddenOption = Options.Hidden();
    private static readonly Option<int> EpochsOption = Options.Positive("--epochs", "Passes over the training data.", 30);
    private static readonly Option<int> MiniBatchOption = Options.Positive("--mini-batch-size", "Examples per SGD step (m).", 10);
    private static readonly Option<double> EtaOption = Options.NonNegative("--eta", "Learning rate η.", 0.5, allowZero: false);
    private static readonly Option<double> LambdaOption = Options.NonNegative("--lambda", "L2 regularisation λ (weight decay 1 - ηλ/n).", 0.0, allowZero: true);
    private static readonly Option<string> InitOption = Options.Choice("--init",
        "Weight initialisation: default = N(0, 1/n_in) weights and N(0, 1) biases, large = N(0, 1) for both.", WeightInit.Default);
    private static readonly Option<int?> SeedOption = Options.OptionalWhole("--seed",
        "Seed of the one random generator (weights and shuffling); the same seed gives the same run. Default: a random seed, printed.", minimum: 0);
    private static readonly Option<string> DataDirOption = Options.DataDir();
    private static readonly Option<int?> TrainSizeOption = Options.OptionalWhole("--train-size",
        "Train on the first N training images only.", minimum: 1);
    private static readonly Option<string> EvaluateOnOption = Options.Choice("--evaluate-on",
        "Data set whose cost and accuracy are reported after each epoch.", EvaluationSet.Validation);
    private static readonly Option<string?> MetricsOption = new("--metrics")
    {
        Description = "Write per-epoch figures to this CSV file.",
    };
    private static readonly Option<string?> SaveOption = new("--save")
    {
        Description = "Save the trained network to this JSON file (written atomically).",
    };
    private static readonly Option<string?> InitFromOption = new("--init-from")
    {
        Description = "Start from a saved network (its sizes, activations and cost) instead of random weights.",
    };
    private static readonly Option<bool> NoShuffleOption = new("--no-shuffle")
    {
        Description = "Keep the data order in every epoch (for exercises and checks).",
    };

    private static readonly Option<double> MomentumOption = Options.Fraction("--momentum",
        "Momentum coefficient μ in [0, 1): v ← μv − η∇C, w ← w + v. 0 is plain SGD.");
    private static readonly Option<double> L1Option = Options.NonNegative("--l1",
        "L1 regularisation λ₁: adds (λ₁/n)Σ|w| to the cost and −(ηλ₁/n)sgn(w) to each step.", 0.0, allowZero: true);
    private static readonly Option<int?> EarlyStopOption = Options.OptionalWhole("--early-stop",
        "Stop after N epochs without a better evaluation accuracy, and keep (and save) the best network.", minimum: 1);
    private static readonly Option<int?> EtaScheduleOption = Options.HalvingSchedule("--eta-schedule");
    private static readonly Option<Monitoring> MonitorOption = Options.MonitorList("--monitor");
    private static readonly Option<string?> ReportOption = new("--report")
    {
        Description = "Write an HTML report of the run (summary, charts of accuracy, cost and learning signal) to this file.",
    };

    public static Command Create()
    {
        var command = new Command("train", "Train a network with mini-batch SGD and report cost and accuracy per epoch.")
        {
            SizesOption, CostOption, OutputOption, HiddenOption, EpochsOption, MiniBatchOption, EtaOption, LambdaOption,
            InitOption, SeedOption, DataDirOption, TrainSizeOption, EvaluateOnOption, MetricsOption, SaveOption,
            InitFromOption, NoShuffleOption, MomentumOption, L1Option, EarlyStopOption, EtaScheduleOption, MonitorOption,
            ReportOption, TrainingDataOptions.ExpandOption, TrainingDataOptions.AugmentOption,
        };
        command.SetAction((parse, cancellation) => Guarded.RunAsync(parse, (output, ct) => RunAsync(parse, output, ct), cancellation));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, TextWriter output, CancellationToken cancellation)
    {
        string? metricsPath = parse.GetValue(MetricsOption), savePath = parse.GetValue(SaveOption);
        string? reportPath = parse.GetValue(ReportOption);
        Checks.RequireDistinctOutputs(("--metrics", metricsPath), ("--save", savePath), ("--report", reportPath));
        Checks.RequireOutputFolder("--metrics", metricsPath);
        Checks.RequireOutputFolder("--save", savePath);
        OutputFile.RequireWritable("--report", reportPath);
        var options = new SgdOptions(
            Epochs: parse.GetValue(EpochsOption),
            MiniBatchSize: parse.GetValue(MiniBatchOption),
            Eta: parse.GetValue(EtaOption),
            Lambda: parse.GetValue(LambdaOption),
            Shuffle: !parse.GetValue(NoShuffleOption))
        {
            Momentum = parse.GetValue(MomentumOption),
            L1 = parse.GetValue(L1Option),
            EarlyStopPatience = parse.GetValue(EarlyStopOption),
            HalveEtaPatience = parse.GetValue(EtaScheduleOption),
            Monitor = parse.GetValue(MonitorOption),
            MeasureLearningSignal = reportPath is not null,
        };
        if (options.WatchesAccuracy && !options.Monitor.HasFlag(Monitoring.Evaluation))
            throw new UsageException("--early-stop and --eta-schedule watch the evaluation accuracy; add evaluation to --monitor.");
        int seed = parse.GetValue(SeedOption) ?? Random.Shared.Next();
        var rng = new Random(seed);

        Network<float> network = CreateNetwork(parse, rng);
        using Serilog.Core.Logger log = Logging.To(output);
        MnistSplit split = await DataLoading.LoadAsync(parse.GetValue(DataDirOption)!, log, cancellation);
        Dataset training = TrainingDataOptions.Expand(parse, TrainingSubset(split, parse.GetValue(TrainSizeOption)), rng);
        EvaluationSet evaluateOn = parse.GetChoice<EvaluationSet>(EvaluateOnOption);
        if (evaluateOn == EvaluationSet.Training && options.WatchesAccuracy)
            throw new UsageException("--early-stop and --eta-schedule need held-out data: use --evaluate-on validation (or test).");
        // Training cost and accuracy are measured by monitoring the training data; "training" adds no second pass.
        Dataset? evaluation = evaluateOn == EvaluationSet.Training ? null : split.Pick(evaluateOn);
        Checks.RequireNetworkFitsData(network, training);
        log.Information("Network {Sizes}, {Hidden}, {Output} output, {Cost} cost; eta {Eta}, lambda {Lambda}, mini-batch {MiniBatch}, epochs {Epochs}, seed {Seed}.",
            string.Join(",", network.Sizes), network.LayerCount > 1 ? network.Hidden.Name + " hidden" : "no hidden layer",
            network.Output.Name, network.Cost.Name,
            options.Eta, options.Lambda, options.MiniBatchSize, options.Epochs, seed);

        using EpochCsv? csv = metricsPath is null ? null : new EpochCsv(metricsPath);
        var epochLog = new EpochLog(log, options.Epochs, evaluateOn.ToString().ToLowerInvariant(),
            showTrainingAccuracy: parse.GetResult(MonitorOption) is { Implicit: false }, showEta: options.HalveEtaPatience is not null);
        IEpochSink sink = csv is null ? epochLog : new EpochSinks(epochLog, csv);
        SingleRunReport? report = reportPath is null ? null : new SingleRunReport(reportPath, parse);
        // The report's accuracy is the evaluation data's only when --monitor measures it; else the training data's.
        Dataset? reported = options.Monitor.HasFlag(Monitoring.Evaluation) ? evaluation : null;
        string reportedSet = reported is null ? "training" : evaluateOn.ToString().ToLowerInvariant();
        if (report is not null)
            sink = new EpochSinks(sink, report);
        try
        {
            TrainingOutcome outcome = Sgd.Train(network, training, evaluation, options, rng, sink, cancellation,
                TrainingDataOptions.EpochImages(parse, training, options.Epochs, rng, cancellation));
            epochLog.Summarise(outcome);
        }
        catch (TrainingDivergedException diverged) when (report is not null)
        {
            report.Write(network, options, seed, training, reported, reportedSet, diverged);
            throw;
        }
        catch (OperationCanceledException) when (savePath is not null)
        {
            NetworkFile.Save(network, savePath);
            log.Information("Interrupted; the network trained so far is saved to {Path}.", savePath);
            throw;
        }
        if (savePath is not null)
        {
            NetworkFile.Save(network, savePath);
            log.Information("Saved the network to {Path}.", savePath);
        }
        if (report is not null)
        {
            report.Write(network, options, seed, training, reported, reportedSet);
            log.Information("Wrote the report to {Path}.", reportPath);
        }
        return ExitCodes.Success;
    }

    private static Network<float> CreateNetwork(ParseResult parse, Random rng)
    {
        if (parse.GetValue(InitFromOption) is { } initFrom)
        {
            foreach (Option option in new Option[] { CostOption, OutputOption, HiddenOption, InitOption })
                if (parse.GetResult(option) is { Implicit: false })
                    throw new UsageException($"--init-from takes the network's cost and activations from {initFrom}; drop {option.Name}.");
            Network<float> loaded = NetworkFile.Load<float>(initFrom);
            if (parse.GetResult(SizesOption) is { Implicit: false } && !parse.LayerSizes(SizesOption).SequenceEqual(loaded.Sizes))
                throw new UsageException(
                    $"--sizes {parse.GetValue(SizesOption)} disagrees with {initFrom}, which has {string.Join(",", loaded.Sizes)}.");
            return loaded;
        }
        return Network<float>.CreateRandom(
            sizes: parse.LayerSizes(SizesOption),
            hidden: ActivationCatalog.ParseHidden(parse.GetValue(HiddenOption)!),
            output: ActivationCatalog.ParseOutput(parse.GetValue(OutputOption)!),
            cost: CostCatalog.Parse(parse.GetValue(CostOption)!),
            init: parse.GetChoice<WeightInit>(InitOption),
            rng: rng);
    }

    internal static Dataset TrainingSubset(MnistSplit split, int? trainSize)
    {
        if (trainSize is null)
            return split.Training;
        if (trainSize > split.Training.Count)
            throw new UsageException(
                $"--train-size must be at most {split.Training.Count}, the training images (the last {split.Validation.Count} of the training file are held out for validation); got {trainSize}.");
        return split.Training.Slice(0, trainSize.Value);
    }
}

/// <summary>Which split `train` reports after each epoch and `evaluate` measures.</summary>
public enum EvaluationSet
{
    Validation,
    Test,
    Training,
}
