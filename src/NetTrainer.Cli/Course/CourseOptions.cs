using System.CommandLine;
using System.Globalization;
using NetTrainer.Activations;
using NetTrainer.Cli.Commands;
using NetTrainer.Cli.Reports;
using NetTrainer.Costs;
using NetTrainer.Persistence;

namespace NetTrainer.Cli.Course;

/// <summary>
/// The network a course command looks at: random from --sizes, --cost, --output, --hidden and --seed, or a saved one
/// from --model, in float64. One instance per command (an option object belongs to one command).
/// </summary>
public sealed class NetworkOptions
{
    public NetworkOptions(string defaultSizes)
    {
        Sizes = Options.Sizes(defaultSizes);
        Cost = Options.Cost();
        Output = Options.Output();
        Hidden = Options.Hidden();
        Model = new Option<string?>("--model") { Description = "Look at a saved network (JSON from `train --save`) instead of a random one." };
        Seed = Options.OptionalWhole("--seed", "Seed of the random network weights and examples (default 1).", minimum: 0);
    }

    public Option<string> Sizes { get; }
    public Option<string> Cost { get; }
    public Option<string> Output { get; }
    public Option<string> Hidden { get; }
    public Option<string?> Model { get; }
    public Option<int?> Seed { get; }

    public IEnumerable<Option> All => [Sizes, Cost, Output, Hidden, Model, Seed];

    public int SeedValue(ParseResult parse) => parse.GetValue(Seed) ?? 1;

    /// <summary>The saved network, or a random one (weights N(0, 1/n_in), biases N(0, 1)) drawn from <paramref name="rng"/>.</summary>
    public Network<double> Create(ParseResult parse, Random rng)
    {
        if (parse.GetValue(Model) is { } model)
        {
            foreach (Option option in new Option[] { Sizes, Cost, Output, Hidden })
                if (parse.GetResult(option) is { Implicit: false })
                    throw new UsageException($"--model takes the sizes, cost and activations from {model}; drop {option.Name}.");
            if (Directory.Exists(model))
                throw new UsageException($"--model {model}: is a folder; give a saved network's JSON file (from `train --save`).");
            return NetworkFile.Load<double>(model);
        }
        return Network<double>.CreateRandom(parse.LayerSizes(Sizes),
            hidden: ActivationCatalog.ParseHidden(parse.GetValue(Hidden)!),
            output: ActivationCatalog.ParseOutput(parse.GetValue(Output)!),
            cost: CostCatalog.Parse(parse.GetValue(Cost)!),
            init: WeightInit.Default, rng: rng);
    }

    /// <summary>"network 2,3,2 (sigmoid hidden, sigmoid output, cross-entropy cost)", or "(no hidden layer, ...)".</summary>
    public static string Describe(Network<double> network) =>
        $"network {string.Join(",", network.Sizes)} ({(network.LayerCount == 1 ? "no hidden layer" : network.Hidden.Name + " hidden")}, " +
        $"{network.Output.Name} output, {network.Cost.Name} cost)";
}

/// <summary>Option factories of the course commands.</summary>
public static class CourseOptions
{
    /// <summary>A comma-separated list of finite numbers, e.g. 0.5,0.1.</summary>
    public static Option<double[]?> NumberList(string name, string description) => new(name)
    {
        Description = description,
        HelpName = "a,b,...",
        CustomParser = result =>
        {
            if (Options.SingleList(result, "0.5,0.1") is not { } token)
                return null;
            var values = new List<double>();
            foreach (string part in token.Split(',', StringSplitOptions.TrimEntries))
            {
                if (!double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || !double.IsFinite(v))
                {
                    result.AddError($"{name}: '{part}' in '{token}' is not a number (expected e.g. 0.5,0.1).");
                    return null;
                }
                values.Add(v);
            }
            return values.ToArray();
        },
    };

    /// <summary>A finite number, with a default, in the range <paramref name="valid"/> describes.</summary>
    public static Option<double> Number(string name, string description, double defaultValue, Func<double, bool>? valid = null,
        string expected = "a finite number") => new(name)
    {
        Description = description,
        DefaultValueFactory = _ => defaultValue,
        CustomParser = result =>
        {
            string token = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
            if (!double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || !double.IsFinite(v))
            {
                result.AddError($"{name}: '{token}' is not a number.");
                return default;
            }
            if (valid is not null && !valid(v))
                result.AddError($"{name} must be {expected}; got {token}.");
            return v;
        },
    };

    /// <summary>An optional finite number (no default).</summary>
    public static Option<double?> OptionalNumber(string name, string description) => new(name)
    {
        Description = description,
        CustomParser = result =>
        {
            string token = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
            if (double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v))
                return v;
            result.AddError($"{name}: '{token}' is not a number.");
            return null;
        },
    };

    /// <summary>
    /// Output files with defaults under artifacts/, each its own: a file given on the command line must be writable in a folder that
    /// exists (all are checked before any folder is created); a default's folder is created.
    /// </summary>
    public static string[] OutputFiles(ParseResult parse, params Option<string>[] options)
    {
        Checks.RequireDistinctOutputs(options.Select(o => (o.Name, parse.GetValue(o))).ToArray());
        foreach (Option<string> option in options.Where(o => parse.GetResult(o) is { Implicit: false }))
            OutputFile.RequireWritable(option.Name, parse.GetValue(option));
        return options.Select(option =>
        {
            string path = parse.GetValue(option)!;
            OutputFile.CreateDefaultFolder(path);
            OutputFile.RequireWritable(option.Name, path);
            return path;
        }).ToArray();
    }
}
