using System.CommandLine;
using NetTrainer.Activations;
using NetTrainer.Cli.Reports;
using NetTrainer.Cli.Runs;
using NetTrainer.Comparison;
using NetTrainer.Training;


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
        Validators = { result => Validate(result, text => RunListParser.Build(text, null)) },
    };
    private static readonly Option<IReadOnlyList<double>?> EtaOption = new("--eta")
    {
        Description = "Learning rates to sweep, comma-separated (e.g. 0.1,0.5,3.0): each pairing runs with each.",
        HelpName = "ETA,...",
        CustomParser = result =>
        {
            if (Options.SingleList(result, "0.1,0.5,3.0") is not { } text)
                return null;
            try
            {
                return RunListParser.ParseEtas(text);
            }
            catch (ArgumentException e)
            {
                result.AddError(e.Message);
                return null;
            }
        },
    };
    private static readonly Option<int> EpochsOption = SharedOptions.Epochs(10);
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
            RunsOption, EtaOption, SharedOptions.Sizes, SharedOptions.Hidden, EpochsOption, SharedOptions.MiniBatchSize, SharedOptions.Lambda,
            SharedOptions.Init, SharedOptions.Seed, SharedOptions.DataDir, SharedOptions.TrainSize, EvaluateOnOption, CsvOption, ReportOption,
        };
        command.SetAction((parse, cancellation) =>
            Guarded.RunAsync(parse, (output, ct) => CompareRun.RunAsync(Request(parse), output, ct), cancellation));
        return command;
    }

    private static CompareRequest Request(ParseResult parse)
    {
        var settings = new ComparisonSettings(
            Sizes: parse.LayerSizes(SharedOptions.Sizes),
            Hidden: ActivationCatalog.ParseHidden(parse.GetValue(SharedOptions.Hidden)!),
            Init: parse.GetChoice<WeightInit>(SharedOptions.Init),
            Epochs: parse.GetValue(EpochsOption),
            MiniBatchSize: parse.GetValue(SharedOptions.MiniBatchSize),
            Lambda: parse.GetValue(SharedOptions.Lambda),
            Seed: parse.GetValue(SharedOptions.Seed) ?? Random.Shared.Next());
        return new CompareRequest(settings, Usage(() => RunListParser.Build(parse.GetValue(RunsOption), parse.GetValue(EtaOption))),
            parse.GetValue(SharedOptions.DataDir), parse.GetChoice<EvaluationSet>(EvaluateOnOption),
            Output(parse, CsvOption), Output(parse, ReportOption))
        {
            TrainSize = parse.GetValue(SharedOptions.TrainSize),
            CommandLine = CommandLineText.Of(parse),
        };
    }

    private static OutputRequest Output(ParseResult parse, Option<string> option) =>
        new(option.Name, parse.GetValue(option)!, Given: parse.GetResult(option) is { Implicit: false });

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

}
