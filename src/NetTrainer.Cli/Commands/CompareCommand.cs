using System.CommandLine;
using System.Globalization;
using NetTrainer.Activations;
using NetTrainer.Cli.Reports;
using NetTrainer.Comparison;
using NetTrainer.Data;
using NetTrainer.LinearAlgebra;
using NetTrainer.Training;
using Serilog;

namespace NetTrainer.Cli.Commands;

/// <summary>
/// `nettrainer compare`: trains several cost × output pairings (and learning rates) from the same weights on the
/// same mini-batches, prints a summary table, and writes a long-format CSV and an HTML report with charts.
/// </summary>
public static class CompareCommand
{
    public const string DefaultCsv = "artifacts/compare.csv", DefaultReport = "artifacts/compare.html";

    private static readonly Option<string?> RunsOption = new("--runs")
    {
        Description = "Runs to compare, comma-separated COST:OUTPUT or COST:OUTPUT@ETA (e.g. quadratic:sigmoid@3.0,nll:softmax@0.1). " +
                      "Default: all six pairings, eta 3.0 for quadratic and 0.5 for cross-entropy and nll.",
        HelpName = "cost:output[@eta],...",
        Validators = { result => Validate(result, text => RunList.Build(text, null)) },
    };
    private static readonly Option<IReadOnlyList<double>?> EtaOption = new("--eta")
    {
        Description = "Learning rates to sweep, comma-separated (e.g. 0.1,0.5,3.0): each pairing runs with each.",
        HelpName = "eta,...",
        CustomParser = result =>
        {
            if (Options.SingleList(result, "0.1,0.5,3.0") is not { } text)
                return null;
            try
            {
                return RunList.ParseEtas(text);
            }
            catch (ArgumentException e)
            {
                result.AddError(e.Message);
                return null;
            }
        },
    };
    private static readonly Option<string> SizesOption = Options.Sizes(TrainCommand.DefaultSizes);
    private static readonly Option<string> HiddenOption = Options.Hidden();
    private static readonly Option<int> EpochsOption = Options.Positive("--epochs", "Passes over the training data, per run.", 10);
    private static readonly Option<int> MiniBatchOption = Options.Positive("--mini-batch-size", "Examples per SGD step (m).", 10);
    private static readonly Option<double> LambdaOption = Options.NonNegative("--lambda", "L2 regularisation λ (weight decay 1 - ηλ/n).", 0.0, allowZero: true);
    private static readonly Option<string> InitOption = Options.Choice("--init",
        "Weight initialisation: default = N(0, 1/n_in) weights and N(0, 1) biases, large = N(0, 1) for both.", WeightInit.Default);
    private static readonly Option<int?> SeedOption = Options.OptionalWhole("--seed",
        "Seed of every run's generator (initial weights, then shuffling): all runs start from the same weights and see the same mini-batches. Default: random, printed.", minimum: 0);
    private static readonly Option<string> DataDirOption = Options.DataDir();
    private static readonly Option<int?> TrainSizeOption = Options.OptionalWhole("--train-size", "Train on the first N training images only.", minimum: 1);
    // Held-out data only: the training data cannot rank runs.
    private static readonly Option<string> EvaluateOnOption = Options.Choice("--evaluate-on",
        "Held-out data whose cost and accuracy are reported after each epoch: validation or test.", EvaluationSet.Validation,
        only: [EvaluationSet.Validation, EvaluationSet.Test]);
    private static readonly Option<string> CsvOption = new("--csv")
    {
        Description = "Long-format CSV: one row per run per epoch.",
        DefaultValueFactory = _ => DefaultCsv,
    };
    private static readonly Option<string> ReportOption = new("--report")
    {
        Description = "Self-contained HTML report with the summary and charts.",
        DefaultValueFactory = _ => DefaultReport,
    };

    public static Command Create()
    {
        var command = new Command("compare",
            "Train several cost/activation pairings from the same weights on the same mini-batches; print a summary, write a CSV and an HTML report.")
        {
            RunsOption, EtaOption, SizesOption, HiddenOption, EpochsOption, MiniBatchOption, LambdaOption, InitOption, SeedOption,
            DataDirOption, TrainSizeOption, EvaluateOnOption, CsvOption, ReportOption,
        };
        command.SetAction((parse, cancellation) => Guarded.RunAsync(parse, (output, ct) => RunAsync(parse, output, ct), cancellation));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, TextWriter output, CancellationToken cancellation)
    {
        IReadOnlyList<RunSpec> runs = Usage(() => RunList.Build(parse.GetValue(RunsOption), parse.GetValue(EtaOption)));
        EvaluationSet evaluateOn = parse.GetChoice<EvaluationSet>(EvaluateOnOption);
        Checks.RequireDistinctOutputs((CsvOption.Name, parse.GetValue(CsvOption)), (ReportOption.Name, parse.GetValue(ReportOption)));
        string csvPath = OutputPath(parse, CsvOption), reportPath = OutputPath(parse, ReportOption);
        int seed = parse.GetValue(SeedOption) ?? Random.Shared.Next();
        var settings = new ComparisonSettings(
            Sizes: parse.LayerSizes(SizesOption),
            Hidden: ActivationCatalog.ParseHidden(parse.GetValue(HiddenOption)!),
            Init: parse.GetChoice<WeightInit>(InitOption),
            Epochs: parse.GetValue(EpochsOption),
            MiniBatchSize: parse.GetValue(MiniBatchOption),
            Lambda: parse.GetValue(LambdaOption),
            Seed: seed);

        using Serilog.Core.Logger log = Logging.To(output);
        MnistSplit split = await DataLoading.LoadAsync(parse.GetValue(DataDirOption)!, log, cancellation);
        Dataset training = TrainCommand.TrainingSubset(split, parse.GetValue(TrainSizeOption));
        Dataset evaluation = split.Pick(evaluateOn);
        Checks.RequireNetworkFitsData(settings.Start(runs[0]).Network, training);
        string set = evaluateOn.ToString().ToLowerInvariant();
        int sideBySide = Parallelism.WorkersFor(runs.Count);
        log.Information("Comparing {Runs} of {Sizes} ({Hidden}), lambda {Lambda}, mini-batch {MiniBatch}, epochs {Epochs}, seed {Seed}; " +
                        "every run starts from the same weights and sees the same mini-batches. {Parallel}",
            Wording.Count(runs.Count, "run"), string.Join(",", settings.Sizes),
            settings.Sizes.Count > 2 ? settings.Hidden.Name + " hidden" : "no hidden layer", settings.Lambda, settings.MiniBatchSize, settings.Epochs, seed,
            sideBySide > 1 ? $"{sideBySide} runs train side by side; lines come run by run." : "");

        var progress = new OrderedProgress(log, runs, settings.Epochs, set);
        IReadOnlyList<RunRecord> records = ComparisonRunner.Run(settings, runs, training, evaluation, progress, cancellation);

        var table = new SummaryTable(records, set, classes: settings.Sizes[^1]);
        output.WriteLine();
        output.Write(table.ToText());
        output.WriteLine();
        ComparisonCsv.Write(csvPath, settings, records);
        HtmlReport.Write(Report(parse, settings, records, training, evaluation, set), reportPath);
        log.Information("Wrote {Csv} and {Report}.", csvPath, reportPath);
        return ExitCodes.Success;
    }

    private static ReportContent Report(ParseResult parse, ComparisonSettings settings, IReadOnlyList<RunRecord> records,
        Dataset training, Dataset evaluation, string set)
    {
        string sizes = string.Join(",", settings.Sizes);
        string lead = Invariant(
            $"{Wording.Count(records.Count, "run")} of a {sizes} network ({Wording.HiddenLayers(settings.Sizes, settings.Hidden)}), {Wording.Count(settings.Epochs, "epoch")} each, trained on ") +
            Invariant($"{training.Count} images and measured on {evaluation.Count} {set} images. Every run starts from the same weights ") +
            Invariant($"(seed {settings.Seed}) and sees the same mini-batches in the same order, so the differences come from the cost, ") +
            "the output activation and the learning rate alone.";
        return new ReportContent("Which pairing learns faster?", lead, records, settings.Sizes, set, CommandLineText.Of(parse),
        [
            ("runs", string.Join(", ", records.Select(r => r.Run.Id))),
            ("layer sizes", sizes),
            ("hidden activation", settings.Sizes.Count > 2 ? settings.Hidden.Name : "none (no hidden layer)"),
            ("initialisation", settings.Init.ToString().ToLowerInvariant()),
            ("epochs", Invariant($"{settings.Epochs}")),
            ("mini-batch size", Invariant($"{settings.MiniBatchSize}")),
            ("lambda (L2)", Invariant($"{settings.Lambda}")),
            ("seed", Invariant($"{settings.Seed} (the same initial weights and mini-batch order for every run)")),
            ("training images", Invariant($"{training.Count}")),
            ("evaluated on", Invariant($"{evaluation.Count} {set} images")),
            ("data", parse.GetValue(DataDirOption)!),
        ]);
    }

    // An explicit path must be writable now; the default one goes into artifacts/, created when missing.
    private static string OutputPath(ParseResult parse, Option<string> option)
    {
        string path = parse.GetValue(option)!;
        if (parse.GetResult(option) is not { Implicit: false })
            OutputFile.CreateDefaultFolder(path);
        OutputFile.RequireWritable(option.Name, path);
        return path;
    }

    private static void Validate(System.CommandLine.Parsing.OptionResult result, Action<string> check)
    {
        string? text = result.GetValueOrDefault<string?>();
        if (text is null)
            return;
        try
        {
            check(text);
        }
        catch (ArgumentException e)
        {
            result.AddError(e.Message);
        }
    }

    private static T Usage<T>(Func<T> parse)
    {
        try
        {
            return parse();
        }
        catch (ArgumentException e)
        {
            throw new UsageException(e.Message);
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
