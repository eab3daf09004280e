using NetTrainer.Reports;
using NetTrainer.Cli.Commands;
using NetTrainer.Cli.Reports;
using NetTrainer.Comparison;
using NetTrainer.Data;
using NetTrainer.LinearAlgebra;
using Serilog;

using static NetTrainer.Cli.Wording;
using static NetTrainer.Reports.Phrases;

namespace NetTrainer.Cli.Runs;

/// <summary>An output file a command writes: the option that names it, the path, and whether the user gave it (else a default under artifacts/).</summary>
public sealed record OutputRequest(string Option, string Path, bool Given);

/// <summary>Everything `nettrainer compare` was asked for, read off the command line.</summary>
public sealed record CompareRequest(ComparisonSettings Settings, IReadOnlyList<RunSpec> Runs, string? DataDir,
    EvaluationSet EvaluateOn, OutputRequest Csv, OutputRequest Report)
{
    public int? TrainSize { get; init; }

    /// <summary>The command line as typed, for the report.</summary>
    public string CommandLine { get; init; } = "nettrainer compare";
}

/// <summary>
/// One comparison, start to end: check the outputs, load the data, train every run (side by side on the cores),
/// print the summary table, write the CSV and the report.
/// </summary>
public static class CompareRun
{
    public static async Task<int> RunAsync(CompareRequest request, TextWriter output, CancellationToken cancellation)
    {
        string csvPath = request.Csv.Path, reportPath = request.Report.Path;
        foreach (OutputRequest defaulted in new[] { request.Csv, request.Report }.Where(o => !o.Given))
            OutputPaths.CreateDefaultFolder(defaulted.Path);
        OutputPaths.Require([(request.Csv.Option, csvPath), (request.Report.Option, reportPath)], OutputPaths.DataFiles(request.DataDir));
        ComparisonSettings settings = request.Settings;
        IReadOnlyList<RunSpec> runs = request.Runs;
        Limits.Require(settings.Sizes, "--mini-batch-size", settings.MiniBatchSize, sizeof(float), networks: runs.Count);
        Checks.RequireInputFitsImages(settings.Sizes, request.DataDir);

        using Serilog.Core.Logger log = Logging.To(output);
        MnistSplit split = await DataLoading.LoadAsync(request.DataDir, log, output, cancellation);
        Dataset training = TrainRun.TrainingSubset(split, request.TrainSize);
        Dataset evaluation = split.Pick(request.EvaluateOn);
        Checks.RequireNetworkFitsData(settings.Start(runs[0]).Network, training);
        string set = request.EvaluateOn.ToString().ToLowerInvariant();
        int sideBySide = Parallelism.WorkersFor(runs.Count, Parallelism.AllCores);
        // Short lines, to fit an 80-column terminal.
        log.Information("Comparing {Runs} of {Sizes} ({Hidden}), lambda {Lambda}, mini-batch {MiniBatch},",
            Count(runs.Count, "run"), string.Join(",", settings.Sizes), HiddenShort(settings.Sizes, settings.Hidden),
            settings.Lambda, settings.MiniBatchSize);
        log.Information("epochs {Epochs}, seed {Seed}; every run starts from the same weights and", settings.Epochs, settings.Seed);
        log.Information("sees the same mini-batches.");
        if (sideBySide > 1)
            log.Information("{Parallel} runs train side by side; their lines come run by run.", sideBySide);

        var progress = new OrderedProgress(log, runs, settings.Epochs, set);
        log.Information("{Legend}", progress.Legend);
        IReadOnlyList<RunRecord> records;
        try
        {
            // On a terminal, a live line of runs done and the time left; erased before the table or an error.
            progress.Ticker = new Sinks.LiveTicker(new Sinks.LiveLine(output, Terminal.Of(output)), progress.Status);
            try
            {
                records = ComparisonRunner.Run(settings, runs, training, evaluation, progress, cancellation);
            }
            finally
            {
                progress.Ticker.Dispose();
                progress.Ticker = null;
            }
        }
        catch (ComparisonInterruptedException interrupted) when (interrupted.Finished.Count > 0)
        {
            // The runs that finished are kept: the table, the CSV and the report of those alone.
            Write(request, interrupted.Finished, training, evaluation, set, output, csvPath, reportPath);
            throw new RunInterruptedException(
                $"kept the {Count(interrupted.Finished.Count, "finished run")} of {runs.Count} in {csvPath} and {reportPath}");
        }
        Write(request, records, training, evaluation, set, output, csvPath, reportPath);
        log.Information("Wrote {Csv} and {Report}.", csvPath, reportPath);
        return ExitCodes.Success;
    }

    private static void Write(CompareRequest request, IReadOnlyList<RunRecord> records, Dataset training, Dataset evaluation,
        string set, TextWriter output, string csvPath, string reportPath)
    {

        var table = new SummaryTable(records, set, classes: request.Settings.Sizes[^1]);
        output.WriteLine();
        output.Write(table.ToText(Terminal.Of(output).TableWidth));
        output.WriteLine();
        ComparisonCsv.Write(csvPath, request.Settings, records);
        HtmlReport.Write(Report(request, records, training, evaluation, set), reportPath);
    }

    private static ReportContent Report(CompareRequest request, IReadOnlyList<RunRecord> records, Dataset training,
        Dataset evaluation, string set)
    {
        ComparisonSettings settings = request.Settings;
        string sizes = string.Join(",", settings.Sizes);
        string lead = Invariant(
            $"{Count(records.Count, "run")} of a {sizes} network ({HiddenLayers(settings.Sizes, settings.Hidden)}), {Count(settings.Epochs, "epoch")} each, trained on ") +
            Invariant($"{training.Count} images and measured on {evaluation.Count} {set} images. Every run starts from the same weights ") +
            Invariant($"(seed {settings.Seed}) and sees the same mini-batches in the same order, so the differences come from the cost, ") +
            "the output activation and the learning rate alone.";
        return new ReportContent("Which pairing learns faster?", lead, records, settings.Sizes, set, request.CommandLine,
        [
            ("runs", string.Join(", ", records.Select(r => r.Run.Id))),
            ("layer sizes", sizes),
            ("hidden activation", HiddenActivation(settings.Sizes, settings.Hidden)),
            ("initialisation", settings.Init.ToString().ToLowerInvariant()),
            ("epochs", Invariant($"{settings.Epochs}")),
            ("mini-batch size", Invariant($"{settings.MiniBatchSize}")),
            ("lambda (L2)", Invariant($"{settings.Lambda}")),
            ("seed", Invariant($"{settings.Seed} (the same initial weights and mini-batch order for every run)")),
            ("training images", Invariant($"{training.Count}")),
            ("evaluated on", Invariant($"{evaluation.Count} {set} images")),
            ("data", DataFolder.Resolve(request.DataDir).Path),
        ]);
    }

    // An explicit path must be writable now; the default one goes into artifacts/, created when missing.
}
