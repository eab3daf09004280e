using System.CommandLine;
using System.CommandLine.Parsing;
using NetTrainer.Activations;
using NetTrainer.Costs;

namespace NetTrainer.Cli.Commands;

/// <summary>Option factories shared by the commands (an option object belongs to one command).</summary>
public static class Options
{
    /// <summary>--data-dir, with no default: <see cref="DataFolder.Resolve(string?)"/> picks the folder when it is left out.</summary>
    public static Option<string?> DataDir() => new("--data-dir")
    {
        Description = "Folder with the IDX files (train-images-idx3-ubyte, ... raw or .gz). Default: $NETTRAINER_DATA, else ./data/mnist if it exists, else the per-user cache; MNIST is fetched there when missing.",
        HelpName = "DIR",
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

    /// <summary>An option over some of an enum's values only (<paramref name="only"/>), written in lower case.</summary>
    public static Option<string> Choice<TEnum>(string name, string description, TEnum defaultValue, params TEnum[] only)
        where TEnum : struct, Enum =>
        Choice(name, description, defaultValue.ToString().ToLowerInvariant(), only.Select(v => v.ToString().ToLowerInvariant()));

    /// <summary>The enum value of a validated <see cref="Choice{TEnum}"/> option.</summary>
    public static TEnum GetChoice<TEnum>(this ParseResult parse, Option<string> option) where TEnum : struct, Enum =>
        Enum.Parse<TEnum>(parse.GetValue(option)!, ignoreCase: true);

    public static Option<string> Cost() => Choice("--cost", "Cost function.", "cross-entropy",
        CostCatalog.All.Select(c => c.Name));

    public static Option<string> Output() => Choice("--output", "Output-layer activation.", "sigmoid",
        ActivationCatalog.Output.Select(a => a.Name));

    public static Option<string> Hidden() => Choice("--hidden", "Hidden-layer activation.", "sigmoid",
        ActivationCatalog.Hidden.Select(a => a.Name));

    /// <summary>A whole number of at least 1.</summary>
    public static Option<int> Positive(string name, string description, int defaultValue) =>
        Number(name, description, defaultValue, v => v >= 1, "at least 1");

    /// <summary>
    /// The one comma-separated token of a list option, or null after an error when the option came twice (or with
    /// spaces instead of commas), which a list option would otherwise take as several tokens.
    /// </summary>
    public static string? SingleList(ArgumentResult result, string example)
    {
        if (result.Tokens.Count <= 1)
            return result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
        string name = result.Parent is OptionResult option ? option.Option.Name : "the option";
        result.AddError($"give {name} once, comma-separated (e.g. {example}); got {string.Join(" and ", result.Tokens.Select(t => $"'{t.Value}'"))}.");
        return null;
    }

    /// <summary>A whole number from 1 to <paramref name="maximum"/>.</summary>
    public static Option<int> Positive(string name, string description, int defaultValue, int maximum) =>
        Number(name, description, defaultValue, v => v >= 1 && v <= maximum,
            string.Create(System.Globalization.CultureInfo.InvariantCulture, $"between 1 and {maximum:N0}"));

    /// <summary>An optional whole number of at least <paramref name="minimum"/>.</summary>
    public static Option<int?> OptionalWhole(string name, string description, int minimum) =>
        Optional<int>(name, description, value => value >= minimum, $"at least {minimum}");

    /// <summary>An optional finite number (no default).</summary>
    public static Option<double?> OptionalNumber(string name, string description) =>
        Optional<double>(name, description, double.IsFinite, "a finite number");

    /// <summary>An optional finite positive number (no default).</summary>
    public static Option<double?> OptionalPositive(string name, string description) =>
        Optional<double>(name, description, value => value > 0 && double.IsFinite(value), "a positive number");

    /// <summary>A comma-separated list of finite numbers, e.g. 0.5,0.1.</summary>
    public static Option<double[]?> NumberList(string name, string description) => new(name)
    {
        Description = description,
        HelpName = "a,b,...",
        CustomParser = result =>
        {
            if (SingleList(result, "0.5,0.1") is not { } token)
                return null;
            var values = new List<double>();
            foreach (string part in token.Split(',', StringSplitOptions.TrimEntries))
            {
                if (!TryParse(part, out double v) || !double.IsFinite(v))
                {
                    result.AddError($"{name}: '{part}' in '{token}' is not a number (expected e.g. 0.5,0.1).");
                    return null;
                }
                values.Add(v);
            }
            return values.ToArray();
        },
    };

    /// <summary>A finite number, positive (or also zero with <paramref name="allowZero"/>).</summary>
    public static Option<double> NonNegative(string name, string description, double defaultValue, bool allowZero) =>
        Number(name, description, defaultValue, v => double.IsFinite(v) && (allowZero ? v >= 0 : v > 0),
            allowZero ? "zero or positive" : "positive");

    /// <summary>A number in [0, 1).</summary>
    public static Option<double> Fraction(string name, string description) =>
        Number(name, description, 0.0, v => v >= 0 && v < 1, "at least 0 and below 1");

    /// <summary>`halve:N`: halve η after N epochs without improvement (the book's schedule); the value is N.</summary>
    public static Option<int?> HalvingSchedule(string name) => new(name)
    {
        Description = "Learning-rate schedule halve:N: halve η after N epochs without a better evaluation accuracy; stop when η reaches η/128.",
        HelpName = "halve:N",
        CustomParser = result =>
        {
            string token = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
            string[] parts = token.Split(':');
            if (parts.Length == 2 && parts[0] == "halve" && TryParse(parts[1], out int n) && n >= 1)
                return n;
            result.AddError($"{name}: '{token}' is not halve:N with N a whole number of at least 1 (e.g. halve:10).");
            return null;
        },
    };

    /// <summary>
    /// A comma-separated list of what to measure after each epoch: training, evaluation, none. Null when left out
    /// (then both): a default value would be shown in help as the enum's "Training, Evaluation", not as typed.
    /// </summary>
    public static Option<NetTrainer.Training.Monitoring?> MonitorList(string name) => new(name)
    {
        Description = "What to measure after each epoch, comma-separated: training (cost and accuracy on the training data), evaluation, or none. Default: training,evaluation.",
        HelpName = "training,evaluation,none",
        CustomParser = result =>
        {
            string token = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
            var monitor = NetTrainer.Training.Monitoring.None;
            foreach (string part in token.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                if (part is "training" or "evaluation")
                    monitor |= Enum.Parse<NetTrainer.Training.Monitoring>(part, ignoreCase: true);
                else if (part != "none")
                    result.AddError($"{name}: '{part}' is not one of training, evaluation, none.");
            }
            return monitor;
        },
    };

    /// <summary>A number with a default, in the range <paramref name="valid"/> accepts (<paramref name="expected"/> says which).</summary>
    public static Option<T> Number<T>(string name, string description, T defaultValue, Func<T, bool> valid, string expected)
        where T : struct, System.Numerics.INumber<T> => new(name)
    {
        Description = description,
        DefaultValueFactory = _ => defaultValue,
        CustomParser = result => TryParseNumber(result, name, out T value) && Check(result, name, value, valid(value), expected)
            ? value : default,
    };

    private static Option<T?> Optional<T>(string name, string description, Func<T, bool> valid, string expected)
        where T : struct, System.Numerics.INumber<T> => new(name)
    {
        Description = description,
        CustomParser = result => TryParseNumber(result, name, out T value) && Check(result, name, value, valid(value), expected)
            ? value : null,
    };

    /// <summary>The one number parser of the command line: the invariant culture, so that "0.5" means the same everywhere.</summary>
    public static bool TryParse<T>(string text, out T value) where T : struct, System.Numerics.INumber<T> =>
        T.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out value);

    private static bool TryParseNumber<T>(ArgumentResult result, string name, out T value) where T : struct, System.Numerics.INumber<T>
    {
        string token = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
        if (TryParse(token, out value))
            return true;
        result.AddError($"{name}: '{token}' is not {(typeof(T) == typeof(int) ? "a whole number" : "a number")}.");
        return false;
    }

    private static bool Check<T>(ArgumentResult result, string name, T value, bool valid, string expected)
    {
        if (!valid)
            result.AddError($"{name} must be {expected}; got {System.FormattableString.Invariant($"{value}")}.");
        return valid;
    }

    private static Option<string> Choice(string name, string description, string defaultValue, IEnumerable<string> choices)
    {
        string[] names = choices.ToArray();
        var option = new Option<string>(name)
        {
            Description = description,
            DefaultValueFactory = _ => defaultValue,
            HelpName = string.Join("|", names),
        };
        option.CompletionSources.Add(names);
        option.Validators.Add(result =>
        {
            string? value = result.GetValueOrDefault<string>();
            if (!names.Contains(value, StringComparer.OrdinalIgnoreCase))
                result.AddError($"{name}: '{value}' is not one of {string.Join(", ", names)}.");
        });
        return option;
    }

    private static int[]? ParseSizes(string text, SymbolResult? result = null)
    {
        string[] parts = text.Split(',', StringSplitOptions.TrimEntries);
        var sizes = new int[parts.Length];
        for (int i = 0; i < parts.Length; i++)
            if (!TryParse(parts[i], out sizes[i]) || sizes[i] < 1)
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
