using System.CommandLine;
using NetTrainer.Data;
using NetTrainer.Persistence;
using NetTrainer.Training;

namespace NetTrainer.Cli.Commands;

/// <summary>`nettrainer evaluate`: cost and accuracy of a saved network on one split of the data.</summary>
public static class EvaluateCommand
{
    private static readonly Option<string> ModelOption = new("--model")
    {
        Description = "The saved network (JSON, from `train --save`).",
        Required = true,
    };
    private static readonly Option<string?> DataDirOption = Options.DataDir();
    private static readonly Option<string> OnOption = Options.Choice("--on", "Which split to evaluate.", EvaluationSet.Test);

    public static Command Create()
    {
        var command = new Command("evaluate", "Report the cost and accuracy of a saved network.")
        {
            ModelOption, DataDirOption, OnOption,
        };
        command.SetAction((parse, cancellation) => Guarded.RunAsync(parse, (output, ct) => RunAsync(parse, output, ct), cancellation));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, TextWriter output, CancellationToken cancellation)
    {
        string modelPath = parse.GetValue(ModelOption)!;
        Network<float> network = NetworkFile.Load<float>(modelPath);
        using Serilog.Core.Logger log = Logging.To(output);
        MnistSplit split = await DataLoading.LoadAsync(parse.GetValue(DataDirOption), log, cancellation);
        EvaluationSet on = parse.GetChoice<EvaluationSet>(OnOption);
        Dataset data = split.Pick(on);
        Checks.RequireNetworkFitsData(network, data);
        EvaluationResult result = new Evaluator<float>(network).Evaluate(data, lambda: 0, trainingSize: split.Training.Count);
        log.Information("{Model} on {Set}: cost {Cost:F4} ({CostName}, no L2 term), accuracy {Correct}/{Total} ({Percent:F2}%)",
            modelPath, on.ToString().ToLowerInvariant(), result.Cost, network.Cost.Name, result.Correct, result.Total, 100 * result.Accuracy);
        return ExitCodes.Success;
    }
}
