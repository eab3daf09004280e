using System.CommandLine;
using NetTrainer.Training;

namespace NetTrainer.Cli.Commands;

/// <summary>
/// Options that several commands take, declared once so that they read the same everywhere (an option may belong
/// to several commands; each parse reads it from the command that was run).
/// </summary>
public static class SharedOptions
{
    /// <summary>The network `train` and `compare` build: Nielsen's 784,30,10.</summary>
    public const string DefaultSizes = "784,30,10";

    public static readonly Option<string> Sizes = Options.Sizes(DefaultSizes);
    public static readonly Option<string> Hidden = Options.Hidden();
    public static readonly Option<int> MiniBatchSize = Options.Positive("--mini-batch-size", "Examples per SGD step (m).", 10);
    public static readonly Option<double> Lambda = Options.NonNegative("--lambda", "L2 regularisation λ (weight decay 1 - ηλ/n).", 0.0, allowZero: true);
    public static readonly Option<string> Init = Options.Choice("--init",
        "Weight initialisation: default = N(0, 1/n_in) weights and N(0, 1) biases, large = N(0, 1) for both.", WeightInit.Default);
    public static readonly Option<int?> Seed = Options.OptionalWhole("--seed",
        "Seed of the run's one random generator (initial weights, then shuffling); the same seed gives the same run. Default: a random seed, printed.",
        minimum: 0);
    /// <summary>--quiet, on every command (recursive from the root): no live progress lines.</summary>
    public static readonly Option<bool> Quiet = new("--quiet", "-q")
    {
        Description = "No live progress line on the terminal (the run's own lines still print).",
        Recursive = true,
    };
    public static readonly Option<string?> DataDir = Options.DataDir();
    public static readonly Option<int?> TrainSize = Options.OptionalWhole("--train-size", "Train on the first N training images only.", minimum: 1);

    /// <summary>--epochs with a command's own default (train 30, compare 10 per run).</summary>
    public static Option<int> Epochs(int defaultValue) => Options.Positive("--epochs", "Passes over the training data (by each run, in compare).", defaultValue);
}
