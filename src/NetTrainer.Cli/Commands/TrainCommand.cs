using System.CommandLine;
using System.CommandLine.Parsing;
using NetTrainer.Cli.Reports;
using NetTrainer.Cli.Runs;
using NetTrainer.Training;

namespace NetTrainer.Cli.Commands;

/// <summary>`nettrainer train`: mini-batch SGD on MNIST (or another IDX data set), one line per epoch.</summary>
public static class TrainCommand
{
    private static readonly Option<string> CostOption = Options.Cost();
    private static readonly Option<string> OutputOption = Options.Output();
    private static readonly Option<int> EpochsOption = SharedOptions.Epochs(30);
    private static readonly Option<double> EtaOption = Options.NonNegative("--eta", "Learning rate η.", 0.5, allowZero: false);
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
    private static readonly Option<double> DropoutOption = Options.Fraction("--dropout",
        "Dropout: the probability of dropping each hidden neuron, per example and step (e.g. 0.5); kept ones are scaled by 1/(1 − p), so evaluation uses the weights as they are. 0 is off.");
    private static readonly Option<double> InputDropoutOption = Options.Fraction("--input-dropout",
        "Dropout of the inputs: the probability of dropping each input pixel, per example and step (e.g. 0.2). 0 is off.");
    private static readonly Option<double?> MaxNormOption = Options.OptionalPositive("--max-norm",
        "After each step, rescale each hidden neuron's incoming weight vector to norm at most C (Srivastava's companion to dropout).");
    private static readonly Option<int?> EarlyStopOption = Options.OptionalWhole("--early-stop",
        "Stop after N epochs without a better evaluation accuracy, and keep (and save) the best network.", minimum: 1);
    private static readonly Option<int?> EtaScheduleOption = Options.HalvingSchedule("--eta-schedule");
    private static readonly Option<Monitoring?> MonitorOption = Options.MonitorList("--monitor");
    private static readonly Option<string?> ReportOption = new("--report")
    {
        Description = "Write an HTML report of the run (summary, charts of accuracy, cost and learning signal) to this file.",
    };
    private static readonly Option<string?> CheckpointOption = new("--checkpoint")
    {
        Description = "After every epoch (or every N, --checkpoint-every), save the whole training state to this file, atomically; --resume goes on from it.",
    };
    private static readonly Option<string?> SnapshotEpochsOption = new("--snapshot-epochs")
    {
        Description = "Also draw the first layer's weight images after these epochs in the --report (e.g. 0,1,5; 0 = at initialisation).",
    };
    private static readonly Option<int> CheckpointEveryOption = Options.Positive("--checkpoint-every", "Epochs between checkpoints.", 1);
    private static readonly Option<string?> ResumeOption = new("--resume")
    {
        Description = "Go on from a checkpoint as if the run had never stopped (the same bits); its settings are kept, --epochs may be raised. Checkpoints go on into it.",
    };

    public static Command Create()
    {
        var command = new Command("train", "Train a network with mini-batch SGD and report cost and accuracy per epoch.")
        {
            SharedOptions.Sizes, CostOption, OutputOption, SharedOptions.Hidden, EpochsOption, SharedOptions.MiniBatchSize, EtaOption,
            SharedOptions.Lambda, SharedOptions.Init, SharedOptions.Seed, SharedOptions.DataDir, SharedOptions.TrainSize, EvaluateOnOption,
            MetricsOption, SaveOption, InitFromOption, NoShuffleOption, MomentumOption, L1Option, EarlyStopOption, EtaScheduleOption,
            MonitorOption, ReportOption, SnapshotEpochsOption, CheckpointOption, CheckpointEveryOption, ResumeOption,
            TrainingDataOptions.ExpandOption, TrainingDataOptions.AugmentOption, DropoutOption, InputDropoutOption, MaxNormOption,
        };
        command.Validators.Add(Validate);
        command.SetAction((parse, cancellation) =>
            Guarded.RunAsync(parse, (output, ct) => TrainRun.RunAsync(Request(parse), output, ct), cancellation));
        return command;
    }

    private static TrainRequest Request(ParseResult parse)
    {
        var network = new NetworkRequest(parse.LayerSizes(SharedOptions.Sizes), parse.GetValue(SharedOptions.Hidden)!,
            parse.GetValue(OutputOption)!, parse.GetValue(CostOption)!, parse.GetChoice<WeightInit>(SharedOptions.Init))
        {
            InitFrom = parse.GetValue(InitFromOption),
            SizesGiven = parse.GetResult(SharedOptions.Sizes) is { Implicit: false },
        };
        string? reportPath = parse.GetValue(ReportOption);
        var sgd = new SgdOptions(
            Epochs: parse.GetValue(EpochsOption),
            MiniBatchSize: parse.GetValue(SharedOptions.MiniBatchSize),
            Eta: parse.GetValue(EtaOption),
            Lambda: parse.GetValue(SharedOptions.Lambda),
            Shuffle: !parse.GetValue(NoShuffleOption))
        {
            Momentum = parse.GetValue(MomentumOption),
            L1 = parse.GetValue(L1Option),
            Dropout = parse.GetValue(DropoutOption),
            InputDropout = parse.GetValue(InputDropoutOption),
            MaxNorm = parse.GetValue(MaxNormOption),
            EarlyStopPatience = parse.GetValue(EarlyStopOption),
            HalveEtaPatience = parse.GetValue(EtaScheduleOption),
            Monitor = parse.GetValue(MonitorOption) ?? (Monitoring.Training | Monitoring.Evaluation),
            MeasureLearningSignal = reportPath is not null,
        };
        return new TrainRequest(network, sgd, parse.GetValue(SharedOptions.Seed) ?? Random.Shared.Next(),
            parse.GetValue(SharedOptions.DataDir), parse.GetChoice<EvaluationSet>(EvaluateOnOption))
        {
            TrainSize = parse.GetValue(SharedOptions.TrainSize),
            MetricsPath = parse.GetValue(MetricsOption),
            SavePath = parse.GetValue(SaveOption),
            ReportPath = reportPath,
            SnapshotEpochs = parse.GetValue(SnapshotEpochsOption),
            CheckpointPath = parse.GetValue(CheckpointOption),
            CheckpointEvery = parse.GetValue(CheckpointEveryOption),
            ResumePath = parse.GetValue(ResumeOption),
            EpochsGiven = parse.GetResult(EpochsOption) is { Implicit: false },
            Given = parse.CommandResult.Children.OfType<OptionResult>().Where(o => !o.Implicit).Select(o => o.Option.Name).ToHashSet(),
            Expand = parse.GetValue(TrainingDataOptions.ExpandOption),
            Augment = parse.GetValue(TrainingDataOptions.AugmentOption),
            CommandLine = CommandLineText.Of(parse),
        };
    }

    // Options that cannot go together, refused while parsing, before anything is loaded.
    private static void Validate(CommandResult result)
    {
        if (result.GetResult(SnapshotEpochsOption) is not null && result.GetResult(ReportOption) is null)
        {
            result.AddError("--snapshot-epochs adds weight images to the report; add --report FILE.");
            return;
        }
        if (result.GetResult(ResumeOption) is not null && result.GetResult(InitFromOption) is not null)
        {
            result.AddError("--resume goes on from its checkpoint's network; drop --init-from.");
            return;
        }
        if (result.GetResult(InitFromOption)?.GetValueOrDefault<string?>() is { } initFrom)
            foreach (Option option in new Option[] { CostOption, OutputOption, SharedOptions.Hidden, SharedOptions.Init })
                if (result.GetResult(option) is { Implicit: false })
                {
                    result.AddError($"--init-from takes the network's cost and activations from {initFrom}; drop {option.Name}.");
                    return;
                }
        bool watchesAccuracy = result.GetResult(EarlyStopOption) is not null || result.GetResult(EtaScheduleOption) is not null;
        if (!watchesAccuracy)
            return;
        // An option left out has no result yet while validating: then its default, which monitors evaluation.
        if (result.GetResult(MonitorOption) is { Implicit: false } monitor && monitor.GetValueOrDefault<Monitoring?>() is { } measured && !measured.HasFlag(Monitoring.Evaluation))
            result.AddError("--early-stop and --eta-schedule watch the evaluation accuracy; add evaluation to --monitor.");
        else if (result.GetResult(EvaluateOnOption) is { Implicit: false } on
                 && string.Equals(on.GetValueOrDefault<string>(), "training", StringComparison.OrdinalIgnoreCase))
            result.AddError("--early-stop and --eta-schedule need held-out data: use --evaluate-on validation (or test).");
    }
}

/// <summary>Which split `train` reports after each epoch and `evaluate` measures.</summary>
public enum EvaluationSet
{
    Validation,
    Test,
    Training,
}
