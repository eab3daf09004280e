using System.CommandLine;
using System.Globalization;
using NetTrainer.Reports;
using NetTrainer.Cli.Reports;
using NetTrainer.Cli.Reproduce;
using NetTrainer.Data;
using NetTrainer.Reproduction;
using Serilog;

namespace NetTrainer.Cli.Commands;

/// <summary>`nettrainer reproduce`: the book's experiments re-run with its settings, against its published curves.</summary>
public static class ReproduceCommand
{
    public const string All = "all";
    public const string DefaultOut = "artifacts/reproduce";

    private static readonly Argument<string[]> NamesArgument = new("experiments")
    {
        Description = $"Experiments to run (see --list), or '{All}'.",
        Arity = ArgumentArity.ZeroOrMore,
    };
    private static readonly Option<bool> ListOption = new("--list") { Description = "List the experiments and what the book reports for each." };
    private static readonly Option<int> SeedsOption = Options.Positive("--seeds",
        "Seeds per run (1, 2, ...: the first is --first-seed); with 2 or more the pages show mean and spread.", 1, maximum: 100);
    private static readonly Option<int> FirstSeedOption = Options.Positive("--first-seed", "The first seed; seed k is this plus k - 1.", 1);
    private static readonly Option<bool> QuickOption = new("--quick")
    {
        Description = "A scaled-down first look: a tenth of the epochs, the four smallest more-data sizes; not compared with the book.",
    };
    private static readonly Option<string> OutOption = new("--out")
    {
        Description = "Folder for the CSV and HTML of each experiment and index.html (created when missing).",
        DefaultValueFactory = _ => DefaultOut,
    };
    private static readonly Option<string?> DataDirOption = Options.DataDir();

    public static Command Create()
    {
        var command = new Command("reproduce", "Re-run the book's experiments (chapters 1 and 3) and compare with its published curves.")
        {
            NamesArgument, ListOption, SeedsOption, FirstSeedOption, QuickOption, OutOption, DataDirOption,
        };
        command.SetAction((parse, cancellation) => Guarded.RunAsync(parse, (output, ct) => RunAsync(parse, output, ct), cancellation));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, TextWriter output, CancellationToken cancellation)
    {
        bool quick = parse.GetValue(QuickOption);
        IReadOnlyList<Experiment> catalog = ExperimentCatalog.All(quick ? ExperimentScale.Quick : ExperimentScale.Book);
        if (parse.GetValue(ListOption))
        {
            int width = catalog.Max(e => e.Name.Length) + 2; // the longest name and two spaces
            foreach (Experiment e in catalog)
                output.WriteLine($"{e.Name.PadRight(width)}{e.Title}{(e.InAll ? "" : $" (not in '{All}')")}. {e.Claim}");
            return ExitCodes.Success;
        }
        IReadOnlyList<Experiment> chosen = Choose(parse.GetValue(NamesArgument) ?? [], catalog);
        string outDir = parse.GetValue(OutOption)!;
        if (outDir.Length == 0)
            throw new UsageException("--out: the path is empty; give a folder.");
        try
        {
            Directory.CreateDirectory(outDir);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"--out {outDir}: cannot be created ({e.Message.TrimEnd('.')}).");
        }

        using Serilog.Core.Logger log = Logging.To(output);
        MnistSplit data = await DataLoading.LoadAsync(parse.GetValue(DataDirOption), log, output, cancellation);
        int seeds = parse.GetValue(SeedsOption), firstSeed = parse.GetValue(FirstSeedOption);
        int jobs = chosen.Sum(e => e.Runs.Count) * seeds;
        log.Information("Reproducing {Count} experiment(s) ({Names}), {Seeds} seed(s) each from seed {First}: {Jobs} runs{Quick}.",
            chosen.Count, string.Join(", ", chosen.Select(e => e.Name)), seeds, firstSeed, jobs, quick ? ", quick" : "");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        IReadOnlyList<ExperimentResult> results;
        using (var status = new ReproductionStatus(output, Terminal.Of(output), jobs))
            results = ReproductionRunner.Run(chosen, data, seeds, firstSeed, p => status.Finished(p, () => Progress(log, p)), cancellation,
                started: status.Started);

        string commandLine = "nettrainer " + string.Join(" ", parse.Tokens.Select(t => t.Value));
        foreach (ExperimentResult result in results)
        {
            ReproductionCsv.Write(result, Path.Combine(outDir, result.Experiment.Name + ".csv"));
            Html.Save(ReproductionPage.Build(result, quick, commandLine), Path.Combine(outDir, result.Experiment.Name + ".html"));
            foreach (Verdict v in ReproductionPage.Verdicts(result, quick))
                log.Information("{Experiment}: {Number}: {Sentence}", result.Experiment.Name, v.Headline.Description, v.Sentence);
        }
        Html.Save(ReproductionPage.Summary(results, quick, clock.Elapsed, commandLine), Path.Combine(outDir, "index.html"));
        log.Information("Wrote {Count} pages and CSV files to {Dir} (summary: {Summary}); {Minutes} min in all.",
            results.Count, outDir, Path.Combine(outDir, "index.html"), clock.Elapsed.TotalMinutes.ToString("F1", CultureInfo.InvariantCulture));
        return ExitCodes.Success;
    }

    private static IReadOnlyList<Experiment> Choose(string[] names, IReadOnlyList<Experiment> catalog)
    {
        if (names.Length == 0)
            throw new UsageException($"name the experiments to run, or '{All}'; 'nettrainer reproduce --list' lists them.");
        if (names.Contains(All))
            return names.Length == 1 ? catalog.Where(e => e.InAll).ToList() : throw new UsageException($"'{All}' runs every experiment: give it alone.");
        foreach (string name in names)
            if (catalog.All(e => e.Name != name))
                throw new UsageException($"'{name}' is not an experiment; choose from {string.Join(", ", catalog.Select(e => e.Name))}, or '{All}'.");
        if (names.Distinct().Count() != names.Length)
            throw new UsageException($"an experiment is named twice: {string.Join(" ", names)}.");
        return catalog.Where(e => names.Contains(e.Name)).ToList();
    }

    private static void Progress(ILogger log, ReproductionProgress p) =>
        log.Information("[{Done}/{Total}] {Experiment}: {Run}, seed {Seed}, {Seconds} s{Diverged}; {Elapsed} elapsed, about {Remaining} left.",
            p.Done, p.Total, p.Experiment, p.Finished.Run.Label, p.Finished.Seed,
            p.Finished.Seconds.ToString("F1", CultureInfo.InvariantCulture),
            p.Finished.Diverged is null ? "" : " (diverged)", Clock(p.Elapsed), Clock(p.Remaining));

    private static string Clock(TimeSpan t) => $"{(int)t.TotalMinutes}:{t.Seconds:D2}";
}
