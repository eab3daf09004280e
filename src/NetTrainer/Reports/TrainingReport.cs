using NetTrainer.Comparison;
using NetTrainer.Data;
using NetTrainer.Inspection;
using NetTrainer.Training;
using static NetTrainer.Reports.Phrases;

namespace NetTrainer.Reports;

/// <summary>
/// The HTML report of one training run, as `train --report` writes it: set what the run was and what it measured,
/// then <see cref="WriteHtml"/>. Collect the epochs with <c>EpochSink.From(epochs.Add)</c> (or a
/// <see cref="RunRecorder"/>) as the run's sink; give a <see cref="TrainingInspection"/> that watched the run
/// for the weight images and the per-layer saturation and learning speed, and train with
/// <see cref="SgdOptions.MeasureLearningSignal"/> for the learning-signal charts.
/// </summary>
/// <example>
/// <code>
/// var epochs = new List&lt;EpochReport&gt;();
/// Sgd.Train(network, mnist.Training, mnist.Validation, options, rng, EpochSink.From(epochs.Add));
/// new TrainingReport { Network = network, Options = options, Epochs = epochs, Training = mnist.Training, Evaluation = mnist.Validation }.WriteHtml("run.html");
/// </code>
/// </example>
public sealed class TrainingReport
{
    /// <summary>The trained network.</summary>
    public required Network<float> Network { get; init; }

    /// <summary>The settings it was trained with.</summary>
    public required SgdOptions Options { get; init; }

    /// <summary>Each epoch's report, in order.</summary>
    public required IReadOnlyList<EpochReport> Epochs { get; init; }

    /// <summary>The images it was trained on (their count, and their shape for the weight images).</summary>
    public required Dataset Training { get; init; }

    /// <summary>The held-out images the epochs were measured on, or null when only the training data was.</summary>
    public Dataset? Evaluation { get; init; }

    /// <summary>What <see cref="Evaluation"/> is called on the page: "validation" or "test".</summary>
    public string EvaluationSet { get; init; } = "validation";

    /// <summary>The seed of the run's generator, shown in the settings and the footer, or null.</summary>
    public int? Seed { get; init; }

    /// <summary>The page's title; "NetTrainer run: " and the run's name when null.</summary>
    public string? Title { get; init; }

    /// <summary>The command that made the run, as it could be typed again; null for a run made from code.</summary>
    public string? CommandLine { get; init; }

    /// <summary>The folder of the IDX files read, whose SHA-256 the footer gives; none when null.</summary>
    public string? DataDir { get; init; }

    /// <summary>Wall-clock seconds of the run; the sum of the epochs' seconds when null.</summary>
    public double? Seconds { get; init; }

    /// <summary>What watched the run, for the sections that look inside the network; none when null.</summary>
    public TrainingInspection? Inspection { get; init; }

    /// <summary>The divergence that ended the run, or null.</summary>
    public TrainingDivergedException? Diverged { get; init; }

    /// <summary>True when the run was stopped before its last epoch (Ctrl+C): the lead says so.</summary>
    public bool Interrupted { get; init; }

    /// <summary>Sections about the training data shown after the look inside the network, e.g. <see cref="DistortionStrip.For"/>'s strip of distorted images.</summary>
    public IReadOnlyList<System.Xml.Linq.XElement> DataSections { get; init; } = [];

    /// <summary>The page's content: what <see cref="WriteHtml"/> writes.</summary>
    public ReportContent ToContent()
    {
        Network<float> network = Network;
        SgdOptions options = Options;
        var run = new RunSpec(network.Cost, network.Output, options.Eta);
        var record = new RunRecord(run, Epochs.ToArray(), Seconds ?? Epochs.Sum(e => e.Seconds), Divergence.Of(Diverged));
        string sizes = string.Join(",", network.Sizes);
        string measured = Evaluation is null ? "" : Invariant($" and measured on {Evaluation.Count} {EvaluationSet} images");
        string seed = Seed is { } s ? Invariant($", seed {s}") : "";
        string lead = Invariant($"One run of a {sizes} network ({HiddenLayers(network.Sizes, network.Hidden)}, {run.Cost.Name} cost, ") +
                      Invariant($"{run.Output.Name} output, η {options.Eta}), trained on {Training.Count} images{measured}{seed}.") +
                      (Interrupted ? Invariant($" Interrupted after {Count(Epochs.Count, "epoch")} of {options.Epochs}: the report shows the epochs done.") : "");
        var settings = new List<(string, string)>
        {
            ("run", run.Id),
            ("layer sizes", sizes),
            ("hidden activation", HiddenActivation(network.Sizes, network.Hidden)),
            ("epochs", Invariant($"{options.Epochs}")),
            ("mini-batch size", Invariant($"{options.MiniBatchSize}")),
            ("eta", Invariant($"{options.Eta}")),
            ("lambda (L2)", Invariant($"{options.Lambda}")),
        };
        if (Seed is { } seedValue)
            settings.Add(("seed", Invariant($"{seedValue}")));
        settings.Add(("training images", Invariant($"{Training.Count}")));
        settings.Add(("evaluated on", Evaluation is null ? "the training images" : Invariant($"{Evaluation.Count} {EvaluationSet} images")));
        if (options.Momentum != 0)
            settings.Add(("momentum", Invariant($"{options.Momentum}")));
        if (options.L1 != 0)
            settings.Add(("L1", Invariant($"{options.L1}")));
        TrainingInspection? inspection = Inspection;
        return new ReportContent(Title ?? $"NetTrainer run: {run.Id}", lead, [record], network.Sizes,
            Evaluation is null ? "training" : EvaluationSet, CommandLine, settings)
        {
            Notices = Diverged is null && inspection?.Diagnose(options, Training.Count) is { } stuck ? [InsideSections.Stuck(stuck)] : [],
            Sections = [.. inspection is null ? [] : InsideSections.For(network, inspection, Training.ImageRows, Training.ImageCols,
                Diverged is null ? Evaluation : null, EvaluationSet), .. DataSections],
            Footer = new Footer(CommandLine, Seed, DataDir is null ? [] : Footer.Hashes(DataDir)),
        };
    }

    /// <summary>Writes the self-contained HTML page (no scripts, fonts or links) to <paramref name="path"/>, atomically.</summary>
    public void WriteHtml(string path) => HtmlReport.Write(ToContent(), path);
}
