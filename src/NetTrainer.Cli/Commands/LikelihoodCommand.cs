using System.CommandLine;
using NetTrainer.Activations;
using NetTrainer.Cli.Course;
using NetTrainer.Course;
using NetTrainer.Data;
using NetTrainer.Persistence;

namespace NetTrainer.Cli.Commands;

/// <summary>`nettrainer likelihood`: the log-likelihood of a split's labels under a saved softmax network, and under the class frequencies.</summary>
public static class LikelihoodCommand
{
    private static readonly Option<string> ModelOption = new("--model")
    {
        Description = "The saved network (JSON, from `train --save`), with softmax outputs.",
        Required = true,
    };
    private static readonly Option<string?> DataDirOption = Options.DataDir();
    private static readonly Option<string> OnOption = Options.Choice("--on", "Which split's labels.", EvaluationSet.Test);

    public static Command Create()
    {
        var command = new Command("likelihood",
            "The log-likelihood of the labels under a saved softmax network, the average NLL, and the class-frequency model's likelihood, H(p, q) and H(p).")
        {
            ModelOption, DataDirOption, OnOption,
        };
        command.SetAction((parse, cancellation) => Guarded.RunAsync(parse, (output, ct) => RunAsync(parse, output, ct), cancellation));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, TextWriter output, CancellationToken cancellation)
    {
        string modelPath = parse.GetValue(ModelOption)!;
        if (Directory.Exists(modelPath))
            throw new UsageException($"--model {modelPath}: is a folder; give a saved network's JSON file (from `train --save`).");
        Network<float> network = NetworkFile.Load<float>(modelPath);
        if (network.Output is not Softmax)
            throw new UsageException(
                $"--model {modelPath} has {network.Output.Name} outputs, which are not a probability distribution over the classes; the likelihood needs a network trained with --output softmax.");
        using Serilog.Core.Logger log = Logging.To(output);
        MnistSplit split = await DataLoading.LoadAsync(parse.GetValue(DataDirOption), log, output, cancellation);
        EvaluationSet on = parse.GetChoice<EvaluationSet>(OnOption);
        Dataset data = split.Pick(on);
        Checks.RequireNetworkFitsData(network, data);
        LabelLikelihood likelihood = LabelLikelihoods.Measure(network, data, frequenciesFrom: split.Training);
        LikelihoodText.Write(output, modelPath, on.ToString().ToLowerInvariant(), likelihood);
        return ExitCodes.Success;
    }
}
