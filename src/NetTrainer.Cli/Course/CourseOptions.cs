using System.CommandLine;
using System.Globalization;
using NetTrainer.Cli.Commands;
using NetTrainer.Cli.Runs;

using static NetTrainer.Cli.Wording;
using static NetTrainer.Reports.Phrases;

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

    /// <summary>The network asked for: --model's file, or random weights (N(0, 1/n_in), biases N(0, 1)) of --sizes.</summary>
    public NetworkRequest Request(ParseResult parse) =>
        new(parse.LayerSizes(Sizes), parse.GetValue(Hidden)!, parse.GetValue(Output)!, parse.GetValue(Cost)!, WeightInit.Default)
        {
            InitFrom = parse.GetValue(Model),
        };

    /// <summary>The saved network, or a random one drawn from <paramref name="rng"/>.</summary>
    public Network<double> Create(ParseResult parse, Random rng) => NetworkFactory.Create<double>(Request(parse), rng);

    /// <summary>
    /// Adds the options to <paramref name="command"/>, and the check that --model takes everything from its file: it is
    /// refused with --sizes, --cost, --output or --hidden, or when it names a folder.
    /// </summary>
    public void AddTo(Command command)
    {
        foreach (Option option in All)
            command.Options.Add(option);
        command.Validators.Add(Validate);
    }

    private void Validate(System.CommandLine.Parsing.CommandResult result)
    {
        if (result.GetResult(Model)?.GetValueOrDefault<string?>() is not { } model)
            return;
        if (new Option[] { Sizes, Cost, Output, Hidden }.FirstOrDefault(o => result.GetResult(o) is { Implicit: false }) is { } given)
            result.AddError($"--model takes the sizes, cost and activations from {model}; drop {given.Name}.");
        else if (Directory.Exists(model))
            result.AddError($"--model {model}: is a folder; give a saved network's JSON file (from `train --save`).");
    }

    /// <summary>"network 2,3,2 (sigmoid hidden, sigmoid output, cross-entropy cost)", or "(no hidden layer, ...)".</summary>
    public static string Describe(Network<double> network) =>
        $"network {string.Join(",", network.Sizes)} ({HiddenShort(network.Sizes, network.Hidden)}, " +
        $"{network.Output.Name} output, {network.Cost.Name} cost)";
}

/// <summary>Option helpers of the course commands.</summary>
public static class CourseOptions
{
    /// <summary>
    /// Output files with defaults under artifacts/, each its own: a file given on the command line must be writable in a folder that
    /// exists (all are checked before any folder is created); a default's folder is created.
    /// </summary>
    public static string[] OutputFiles(ParseResult parse, params Option<string>[] options)
    {
        (string, string?)[] outputs = options.Select(o => (o.Name, parse.GetValue(o))).ToArray();
        OutputPaths.Require(outputs.Where((_, i) => parse.GetResult(options[i]) is { Implicit: false }).ToArray());
        foreach (Option<string> option in options.Where(o => parse.GetResult(o) is not { Implicit: false }))
            OutputPaths.CreateDefaultFolder(parse.GetValue(option)!);
        OutputPaths.Require(outputs);
        return outputs.Select(o => o.Item2!).ToArray();
    }
}
