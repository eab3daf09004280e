using System.Diagnostics;
using System.Globalization;
using NetTrainer.Cli.Inspection;
using NetTrainer.Comparison;
using NetTrainer.Data;
using NetTrainer.Training;

using static NetTrainer.Cli.Wording;

namespace NetTrainer.Cli.Reports;

/// <summary>
/// `train --report FILE.html`: records the run's epochs as they come (an <see cref="IEpochSink"/>) and writes the
/// same report as `compare` for this one run, when training ends or diverges.
/// </summary>
public sealed class SingleRunReport(string path, string commandLine) : IEpochSink
{
    private readonly RunRecorder recorder = new();
    private readonly long started = Stopwatch.GetTimestamp();

    public void Report(EpochReport report) => recorder.Report(report);

    /// <summary>Sections about the training data (see <see cref="DistortionStrip"/>), after the look inside the network.</summary>
    public IReadOnlyList<System.Xml.Linq.XElement> DataSections { get; init; } = [];

    public void Write(Network<float> network, SgdOptions options, int seed, Dataset training, Dataset? evaluation,
        string evaluationSet, TrainingInspection? inspection = null, string? dataDir = null, TrainingDivergedException? diverged = null,
        bool interrupted = false)
    {
        var run = new RunSpec(network.Cost, network.Output, options.Eta);
        RunRecord record = recorder.ToRecord(run, Stopwatch.GetElapsedTime(started).TotalSeconds, diverged);
        string sizes = string.Join(",", network.Sizes);
        string measured = evaluation is null ? "" : Invariant($" and measured on {evaluation.Count} {evaluationSet} images");
        string lead = Invariant($"One run of a {sizes} network ({Wording.HiddenLayers(network.Sizes, network.Hidden)}, {run.Cost.Name} cost, ") +
                      Invariant($"{run.Output.Name} output, η {options.Eta}), trained on {training.Count} images{measured}, seed {seed}.") +
                      (interrupted ? Invariant($" Interrupted after {Count(recorder.Epochs.Count, "epoch")} of {options.Epochs}: the report shows the epochs done.") : "");
        var settings = new List<(string, string)>
        {
            ("run", run.Id),
            ("layer sizes", sizes),
            ("hidden activation", HiddenActivation(network.Sizes, network.Hidden)),
            ("epochs", Invariant($"{options.Epochs}")),
            ("mini-batch size", Invariant($"{options.MiniBatchSize}")),
            ("eta", Invariant($"{options.Eta}")),
            ("lambda (L2)", Invariant($"{options.Lambda}")),
            ("seed", Invariant($"{seed}")),
            ("training images", Invariant($"{training.Count}")),
            ("evaluated on", evaluation is null ? "the training images" : Invariant($"{evaluation.Count} {evaluationSet} images")),
        };
        if (options.Momentum != 0)
            settings.Add(("momentum", Invariant($"{options.Momentum}")));
        if (options.L1 != 0)
            settings.Add(("L1", Invariant($"{options.L1}")));
        HtmlReport.Write(new ReportContent($"NetTrainer run: {run.Id}", lead, [record], network.Sizes,
            evaluation is null ? "training" : evaluationSet, commandLine, settings)
        {
            Notices = diverged is null && inspection?.Diagnose(options, training.Count) is { } stuck ? [InsideSections.Stuck(stuck)] : [],
            Sections = [.. inspection is null ? [] : InsideSections.For(network, inspection, training.ImageRows, training.ImageCols,
                diverged is null ? evaluation : null, evaluationSet), .. DataSections],
            Footer = new Footer(commandLine, seed, dataDir is null ? [] : Footer.Hashes(dataDir)),
        }, path);
    }

}
