using NetTrainer.Training;
using static NetTrainer.Cli.Wording;
using static NetTrainer.Reports.Phrases;

namespace NetTrainer.Cli;

/// <summary>
/// The library names its parameters (eta, sizes), the command line its flags (--eta, --sizes): this maps a library
/// ArgumentException's parameter to the option a user typed, so its message names what to change.
/// </summary>
public static class OptionNames
{
    private static readonly Dictionary<string, string> ByParameter = new(StringComparer.Ordinal)
    {
        [nameof(SgdOptions.Epochs)] = "--epochs",
        [nameof(SgdOptions.MiniBatchSize)] = "--mini-batch-size",
        [nameof(SgdOptions.Eta)] = "--eta",
        [nameof(SgdOptions.Lambda)] = "--lambda",
        [nameof(SgdOptions.L1)] = "--l1",
        [nameof(SgdOptions.Momentum)] = "--momentum",
        [nameof(SgdOptions.EarlyStopPatience)] = "--early-stop",
        [nameof(SgdOptions.HalveEtaPatience)] = "--eta-schedule",
        [nameof(SgdOptions.Dropout)] = "--dropout",
        [nameof(SgdOptions.InputDropout)] = "--input-dropout",
        [nameof(SgdOptions.MaxNorm)] = "--max-norm",
        ["sizes"] = "--sizes",
    };

    /// <summary>The option behind library parameter <paramref name="parameter"/>, or null.</summary>
    public static string? For(string? parameter) => parameter is not null && ByParameter.TryGetValue(parameter, out string? option) ? option : null;

    /// <summary>"--epochs must be at least 1; got 0." from the library's "must be at least 1 (Parameter 'Epochs') Actual value was 0."</summary>
    public static string Message(string option, ArgumentException e)
    {
        string reason = e.Message.Split(" (Parameter '")[0].TrimEnd('.');
        return e is ArgumentOutOfRangeException { ActualValue: { } actual }
            ? Invariant($"{option} {reason}; got {actual}.")
            : $"{option}: {reason}.";
    }
}
