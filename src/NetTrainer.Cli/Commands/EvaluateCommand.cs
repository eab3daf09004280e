using System.CommandLine;
using NetTrainer.Reports;
using NetTrainer.Cli.Inspection;
using NetTrainer.Cli.Reports;
using NetTrainer.Data;
using NetTrainer.Inspection;
using NetTrainer.Persistence;
using NetTrainer.Training;

namespace NetTrainer.Cli.Commands;

/// <summary>
/// `nettrainer evaluate`: cost and accuracy of a saved network on one split of the data, its confusion matrix,
/// per-class precision and recall and top confusions; with --report, an HTML page with the mistakes' images.
/// </summary>
public static class EvaluateCommand
{
    private static readonly Option<string> ModelOption = new("--model")
    {
        Description = "The saved network (JSON, from `train --save`).",
        Required = true,
    };
    private static readonly Option<string?> DataDirOption = Options.DataDir();
    private static readonly Option<string> OnOption = Options.Choice("--on", "Which split to evaluate.", EvaluationSet.Test);
    private static readonly Option<string?> ReportOption = new("--report")
    {
        Description = "Write an HTML page with the confusion matrix as a heat map and the most confidently wrong images.",
    };
    private static readonly Option<bool> AllMistakesOption = new("--all-mistakes")
    {
        Description = $"Show every mistake in the --report gallery, not only the {MistakeGallery.DefaultCount} most confident.",
    };

    public static Command Create()
    {
        var command = new Command("evaluate", "Report the cost and accuracy of a saved network.")
        {
            ModelOption, DataDirOption, OnOption, ReportOption, AllMistakesOption,
        };
        command.SetAction((parse, cancellation) => Guarded.RunAsync(parse, (output, ct) => RunAsync(parse, output, ct), cancellation));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, TextWriter output, CancellationToken cancellation)
    {
        string modelPath = parse.GetValue(ModelOption)!;
        string? reportPath = parse.GetValue(ReportOption);
        OutputPaths.Require([("--report", reportPath)], [("--model", modelPath), .. OutputPaths.DataFiles(parse.GetValue(DataDirOption))]);
        if (parse.GetValue(AllMistakesOption) && reportPath is null)
            throw new UsageException("--all-mistakes chooses what --report shows; add --report FILE.");
        Network<float> network = NetworkFile.Load<float>(modelPath);
        using Serilog.Core.Logger log = Logging.To(output);
        MnistSplit split = await DataLoading.LoadAsync(parse.GetValue(DataDirOption), log, output, cancellation);
        EvaluationSet on = parse.GetChoice<EvaluationSet>(OnOption);
        Dataset data = split.Pick(on);
        Checks.RequireNetworkFitsData(network, data, model: modelPath);
        EvaluationResult result = new Evaluator<float>(network).Evaluate(data, lambda: 0, trainingSize: split.Training.Count);
        Classification classification = Classification.Of(network, data);
        // The per-class view first, so that the one-line summary stays where scripts read it: last (before any report).
        output.Write(ClassificationText.Of(new ConfusionMatrix(classification)));
        log.Information("{Model} on {Set}: cost {Cost:F4} ({CostName}, no L2 term), accuracy {Correct}/{Total} ({Percent:F2}%)",
            modelPath, on.ToString().ToLowerInvariant(), result.Cost, network.Cost.Name, result.Correct, result.Total, 100 * result.Accuracy);
        if (reportPath is not null)
        {
            string set = on.ToString().ToLowerInvariant();
            string sizes = string.Join(",", network.Sizes);
            EvaluationReport.Write(reportPath, $"NetTrainer evaluation: {Path.GetFileName(modelPath)} on {set}",
                $"The {sizes} network in {modelPath} ({Phrases.HiddenLayers(network.Sizes, network.Hidden)}, {network.Output.Name} output, " +
                $"{network.Cost.Name} cost) on the {data.Count} {set} images: {result.Correct} right ({(100 * result.Accuracy).ToString("F2", System.Globalization.CultureInfo.InvariantCulture)}%), " +
                $"{result.Total - result.Correct} wrong.",
                classification, data, parse.GetValue(AllMistakesOption), CommandLineText.FooterOf(parse, seed: null, parse.GetValue(DataDirOption)));
            log.Information("Wrote the report to {Path}.", reportPath);
        }
        return ExitCodes.Success;
    }
}
