// Glossary
//   entry     one item of a --runs list: COST:OUTPUT or COST:OUTPUT@ETA
//   sweep     the --eta list: every learning rate crossed with every pairing
using NetTrainer.Activations;
using NetTrainer.Comparison;
using NetTrainer.Costs;
using static NetTrainer.Cli.Wording;
using static NetTrainer.Reports.Phrases;

namespace NetTrainer.Cli.Commands;

/// <summary>
/// compare's --runs list and --eta sweep, read into the runs of a comparison. Every error is an
/// <see cref="ArgumentException"/> whose message is one line naming the option and the entry.
/// </summary>
public static class RunListParser
{
    /// <summary>
    /// The runs of <paramref name="runs"/> ("quadratic:sigmoid@3.0,nll:softmax", or null for every pairing), with
    /// each entry that names no learning rate taking each of <paramref name="etas"/> in turn (or its default).
    /// </summary>
    public static IReadOnlyList<RunSpec> Build(string? runs, IReadOnlyList<double>? etas)
    {
        IReadOnlyList<(ICost Cost, IActivation Output, double? Eta, string Text)> entries = runs is null
            ? RunList.AllPairings().Select(r => (r.Cost, r.Output, (double?)null, r.Pairing)).ToList()
            : ParseEntries(runs);
        var list = new List<RunSpec>();
        foreach (var (cost, output, eta, text) in entries)
        {
            if (eta is not null && etas is not null)
                throw new ArgumentException($"--runs: '{text}' sets its own learning rate, and --eta sweeps them; drop one of the two.");
            IEnumerable<double> rates = eta is { } fixedEta ? [fixedEta] : etas ?? [RunList.DefaultEta(cost)];
            list.AddRange(rates.Select(rate => new RunSpec(cost, output, rate)));
        }
        if (list.GroupBy(r => r.Id).FirstOrDefault(g => g.Count() > 1) is { } twice)
            throw new ArgumentException($"--runs: {twice.Key} is listed twice; each run must differ.");
        return list;
    }

    /// <summary>The learning rates of an --eta list such as "0.1,0.5,3.0".</summary>
    public static IReadOnlyList<double> ParseEtas(string text)
    {
        var etas = new List<double>();
        foreach (string part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            double eta = ParseEta(part, $"--eta: '{part}'");
            // Caught here, where --eta is to blame, rather than as a run listed twice (which would blame --runs).
            if (etas.Contains(eta))
                throw new ArgumentException(Invariant($"--eta: {eta} is listed twice; give each learning rate once."));
            etas.Add(eta);
        }
        return etas;
    }

    private static List<(ICost, IActivation, double?, string)> ParseEntries(string runs)
    {
        var entries = new List<(ICost, IActivation, double?, string)>();
        foreach (string entry in runs.Split(',', StringSplitOptions.TrimEntries))
        {
            string[] at = entry.Split('@');
            string[] names = at[0].Split(':', StringSplitOptions.TrimEntries);
            if (entry.Length == 0 || at.Length > 2 || names.Length != 2)
                throw new ArgumentException(
                    $"--runs: '{entry}' is not COST:OUTPUT or COST:OUTPUT@ETA (e.g. quadratic:sigmoid@3.0,nll:softmax@0.1).");
            ICost cost = Named(() => CostCatalog.Parse(names[0]), entry);
            IActivation output = Named(() => ActivationCatalog.ParseOutput(names[1]), entry);
            double? eta = at.Length == 2 ? ParseEta(at[1].Trim(), $"--runs: '{entry}' has learning rate '{at[1].Trim()}', which") : null;
            entries.Add((cost, output, eta, entry));
        }
        return entries;
    }

    // "Unknown cost 'x'; expected one of ..." with the entry in front.
    private static T Named<T>(Func<T> parse, string entry)
    {
        try
        {
            return parse();
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"--runs: '{entry}': {char.ToLowerInvariant(e.Message[0])}{e.Message[1..]}");
        }
    }

    private static double ParseEta(string text, string what)
    {
        if (!Options.TryParse(text, out double eta))
            throw new ArgumentException($"{what} is not a number (e.g. 0.5).");
        if (!(eta > 0) || !double.IsFinite(eta))
            throw new ArgumentException(Invariant($"{what} must be a positive learning rate; got {eta}."));
        return eta;
    }
}
