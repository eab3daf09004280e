using System.Globalization;
using NetTrainer.Cli.Commands;
using NetTrainer.Training;

namespace NetTrainer.Cli.Runs;

/// <summary>
/// What decides a training run's numbers, as text: written into a checkpoint, and compared when the run is resumed,
/// so that a resumed run is the same run. --epochs may change (a run can be extended); outputs and --data-dir may too.
/// </summary>
public static class TrainSettings
{
    /// <summary>The settings that, with the seed, decide every bit of a run; keyed by the option that sets each.</summary>
    public static Dictionary<string, string> Of(TrainRequest r)
    {
        SgdOptions o = r.Sgd;
        NetworkRequest n = r.Network;
        return new Dictionary<string, string>
        {
            ["--sizes"] = string.Join(",", n.Sizes),
            ["--hidden"] = n.Hidden,
            ["--output"] = n.Output,
            ["--cost"] = n.Cost,
            ["--init"] = n.InitFrom is null ? n.Init.ToString().ToLowerInvariant() : "from " + n.InitFrom,
            ["--epochs"] = Text(o.Epochs),
            ["--mini-batch-size"] = Text(o.MiniBatchSize),
            ["--eta"] = Text(o.Eta),
            ["--lambda"] = Text(o.Lambda),
            ["--l1"] = Text(o.L1),
            ["--momentum"] = Text(o.Momentum),
            ["--dropout"] = Text(o.Dropout),
            ["--input-dropout"] = Text(o.InputDropout),
            ["--max-norm"] = o.MaxNorm is { } c ? Text(c) : "off",
            ["--early-stop"] = o.EarlyStopPatience is { } p ? Text(p) : "off",
            ["--eta-schedule"] = o.HalveEtaPatience is { } h ? "halve:" + Text(h) : "off",
            ["--monitor"] = o.Monitor.ToString().ToLowerInvariant(),
            ["--no-shuffle"] = o.Shuffle ? "false" : "true",
            ["--train-size"] = r.TrainSize is { } t ? Text(t) : "all",
            ["--evaluate-on"] = r.EvaluateOn.ToString().ToLowerInvariant(),
            ["--seed"] = Text(r.Seed),
            ["--expand"] = r.Expand ?? "off",
            ["--augment"] = r.Augment ?? "off",
        };
    }

    /// <summary>
    /// Refuses a resume whose command line changes the run: every option given (in <paramref name="given"/>) must
    /// say what the checkpoint says.
    /// </summary>
    public static void RequireSameRun(string checkpointPath, IReadOnlyDictionary<string, string> saved, TrainRequest asked,
        IReadOnlySet<string> given)
    {
        Dictionary<string, string> now = Of(asked);
        foreach ((string option, string value) in now)
            if (option != "--epochs" && given.Contains(option) && saved.TryGetValue(option, out string? was) && was != value)
                throw new UsageException(
                    $"{option} {value} differs from {checkpointPath}, which was trained with {option} {was}; a resumed run keeps its settings (only --epochs may change).");
    }

    /// <summary>The request with the checkpoint's settings (the options left out of a resume command take them).</summary>
    public static TrainRequest Apply(TrainRequest asked, IReadOnlyDictionary<string, string> saved)
    {
        string Get(string option) => saved.TryGetValue(option, out string? v) ? v
            : throw new InvalidDataException($"the checkpoint does not record {option}");
        double Number(string option) => double.Parse(Get(option), CultureInfo.InvariantCulture);
        int? Optional(string option, string prefix = "") =>
            Get(option) is "off" or "all" ? null : int.Parse(Get(option)[prefix.Length..], CultureInfo.InvariantCulture);
        var network = new NetworkRequest(Get("--sizes").Split(',').Select(int.Parse).ToArray(), Get("--hidden"), Get("--output"),
            Get("--cost"), Enum.TryParse(Get("--init"), ignoreCase: true, out WeightInit init) ? init : WeightInit.Default);
        SgdOptions sgd = asked.Sgd with
        {
            Epochs = asked.EpochsGiven ? asked.Sgd.Epochs : (int)Number("--epochs"),
            MiniBatchSize = (int)Number("--mini-batch-size"),
            Eta = Number("--eta"),
            Lambda = Number("--lambda"),
            Shuffle = Get("--no-shuffle") == "false",
            L1 = Number("--l1"),
            Momentum = Number("--momentum"),
            // Checkpoints written before dropout existed trained without it.
            Dropout = saved.TryGetValue("--dropout", out string? dropout) ? double.Parse(dropout, CultureInfo.InvariantCulture) : 0,
            InputDropout = saved.TryGetValue("--input-dropout", out string? input) ? double.Parse(input, CultureInfo.InvariantCulture) : 0,
            MaxNorm = saved.TryGetValue("--max-norm", out string? maxNorm) && maxNorm != "off" ? double.Parse(maxNorm, CultureInfo.InvariantCulture) : null,
            EarlyStopPatience = Optional("--early-stop"),
            HalveEtaPatience = Optional("--eta-schedule", "halve:"),
            Monitor = Enum.Parse<Monitoring>(Get("--monitor"), ignoreCase: true),
        };
        return asked with
        {
            Network = network with { InitFrom = null },
            Sgd = sgd,
            Seed = int.Parse(Get("--seed"), CultureInfo.InvariantCulture),
            TrainSize = Optional("--train-size"),
            EvaluateOn = Enum.Parse<EvaluationSet>(Get("--evaluate-on"), ignoreCase: true),
            Expand = saved.TryGetValue("--expand", out string? expand) && expand != "off" ? expand : null,
            Augment = saved.TryGetValue("--augment", out string? augment) && augment != "off" ? augment : null,
        };
    }

    private static string Text(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
