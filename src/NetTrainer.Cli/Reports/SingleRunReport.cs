using System.Diagnostics;
using NetTrainer.Comparison;
using NetTrainer.Data;
using NetTrainer.Inspection;
using NetTrainer.Reports;
using NetTrainer.Training;

namespace NetTrainer.Cli.Reports;

/// <summary>
/// `train --report FILE.html`: records the run's epochs as they come (an <see cref="IEpochSink"/>) and its wall-clock
/// time, and writes the library's <see cref="TrainingReport"/> when training ends, diverges or is interrupted.
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
        bool interrupted = false) =>
        new TrainingReport
        {
            Network = network,
            Options = options,
            Epochs = recorder.Epochs,
            Training = training,
            Evaluation = evaluation,
            EvaluationSet = evaluationSet,
            Seed = seed,
            CommandLine = commandLine,
            DataDir = dataDir,
            Seconds = Stopwatch.GetElapsedTime(started).TotalSeconds,
            Inspection = inspection,
            Diverged = diverged,
            Interrupted = interrupted,
            DataSections = DataSections,
        }.WriteHtml(path);
}
