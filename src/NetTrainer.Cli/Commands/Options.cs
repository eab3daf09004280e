using System.CommandLine;
using System.CommandLine.Parsing;
using NetTrainer.Activations;
using NetTrainer.Costs;

namespace NetTrainer.Cli.Commands;

/// <summary>Option factories shared by the commands (an option object belongs to one command).</summary>
public static class Options
{
    public const string DefaultDataDir = "data/mnist";

    public static Option<string> DataDir() => new("--data-dir")
    {
        Description = "Folder with the IDX files (train-images-idx3-ubyte, ... raw or .gz). MNIST is fetched into the default folder when missing.",
        DefaultValueFactory = _ => DefaultDataDir,
    };

    public static Option<string> Sizes(string defaultSizes)
    {
        var option = new Option<string>("--sizes")
        {
            Description = "Layer sizes, input to output, comma-separated (e.g. 784,100,10).",
            DefaultValueFactory = _ => defaultSizes,
        };
        option.Validators.Add(result => ParseSizes(result.GetValueOrDefault<string>() ?? "", result));
        return option;
    }

    /// <summary>The layer sizes of a validated --sizes value.</summary>
    public static int[] LayerSizes(this ParseResult parse, Option<string> sizes) => ParseSizes(parse.GetValue(sizes)!)!;

    /// <summary>An option over an enum's values, written in lower case on the command line.</summary>
    public static Option<string> Choice<TEnum>(string name, string description, TEnum defaultValue) where TEnum : struct, Enum =>
        Choice(name, description, defaultValue.ToString().ToLowerInvariant(),
            Enum.GetNames<TEnum>().Select(n => n.ToLowerInvariant()));

    /// <summary>The enum value of a validated <see cref="Choice{TEnum}"/> option.</summary>
    public static TEnum GetChoice<TEnum>(this ParseResult parse, Option<string> option) where TEnum : struct, Enum =>
        Enum.Parse<TEnum>(parse.GetValue(option)!, ignoreCase: true);

    public static Option<string> Cost() => Choice("--cost", "Cost function.", "cross-entropy",
        CostCatalog.All.Select(c => c.Name));

    public static Option<string> Output() => Choice("--output", "Output-layer activation.", "sigmoid",
        ActivationCatalog.Output.Select(a => a.Name));

    public static Option<string> Hidden() => Choice("--hidden", "Hidden-layer activation.", "sigmoid",
        ActivationCatalog.Hidden.Select(a => a.Name));

    public static Option<int> Positive(string name, string description, int defaultValue)
    {
        var option = new Option<int>(name) { Description = description, DefaultValueFactory = _ => defaultValue };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 1)
                result.AddError($"{name} must be at least 1; got {result.GetValueOrDefault<int>()}.");
        });
        return option;
    }

    public static Option<double> NonNegative(string name, string description, double defaultValue, bool allowZero)
    {
        var option = new Option<double>(name) { Description = description, DefaultValueFactory = _ => defaultValue };
        option.Validators.Add(result =>
        {
            double value = result.GetValueOrDefault<double>();
            if (!double.IsFinite(value) || value < 0 || (!allowZero && value == 0))
                result.AddError($"{name} must be {(allowZero ? "zero or positive" : "positive")}; got {value}.");
        });
        return option;
    }

    private static Option<string> Choice(string name, string description, string defaultValue, IEnumerable<string> choices)
    {
        var option = new Option<string>(name) { Description = description, DefaultValueFactory = _ => defaultValue };
        option.AcceptOnlyFromAmong(choices.ToArray());
        return option;
    }

    private static int[]? ParseSizes(string text, SymbolResult? result = null)
    {
        string[] parts = text.Split(',', StringSplitOptions.TrimEntries);
        var sizes = new int[parts.Length];
        for (int i = 0; i < parts.Length; i++)
            if (!int.TryParse(parts[i], out sizes[i]) || sizes[i] < 1)
            {
                result?.AddError($"--sizes: '{parts[i]}' is not a positive whole number (expected e.g. 784,30,10).");
                return null;
            }
        if (sizes.Length < 2)
        {
            result?.AddError($"--sizes needs at least an input and an output layer (e.g. 784,30,10); got '{text}'.");
            return null;
        }
        return sizes;
    }
}
