// Glossary
//   probe      LayerProbe: one forward and backward pass over the first LayerProbe.DefaultSampleSize training images
//   snapshot   a copy of the first layer's weights and biases after a chosen epoch (--snapshot-epochs)
using System.Globalization;
using NetTrainer.Comparison;
using NetTrainer.Data;
using NetTrainer.Inspection;
using NetTrainer.LinearAlgebra;
using NetTrainer.Training;

namespace NetTrainer.Cli.Inspection;

/// <summary>The first layer's weights and biases after an epoch.</summary>
public sealed record WeightSnapshot(int Epoch, Matrix<float> Weights, float[] Biases);

/// <summary>
/// Looks inside the network beside training, after each epoch (an <see cref="IEpochSink"/>, so the training step
/// is untouched): layer statistics on a fixed sample when a report is written, weight snapshots at chosen epochs,
/// and at the end the stuck-at-chance / flat-cost diagnosis.
/// </summary>
public sealed class TrainingInspection : IEpochSink
{
    private readonly Network<float> network;
    private readonly LayerProbe<float> probe;
    private readonly bool measureEveryEpoch;
    private readonly IReadOnlySet<int> snapshotEpochs;
    private readonly RunRecorder recorder = new();
    private readonly List<LayerStatistics> statistics = [];
    private readonly List<WeightSnapshot> snapshots = [];

    /// <param name="resumed">The run goes on from a checkpoint: the network is not at initialisation, and the epochs
    /// before the checkpoint were measured (or not) by the run that trained them, so only the epochs to come are.</param>
    public TrainingInspection(Network<float> network, Dataset training, bool measureEveryEpoch, IReadOnlySet<int> snapshotEpochs,
        bool resumed = false)
    {
        this.network = network;
        probe = new LayerProbe<float>(network, training);
        this.measureEveryEpoch = measureEveryEpoch;
        this.snapshotEpochs = snapshotEpochs;
        if (resumed)
            return;
        if (measureEveryEpoch)
            statistics.Add(probe.Measure(epoch: 0)); // at initialisation, before the first step
        if (snapshotEpochs.Contains(0))
            snapshots.Add(Snapshot(0));
    }

    public IReadOnlyList<LayerStatistics> Statistics => statistics;
    public IReadOnlyList<WeightSnapshot> Snapshots => snapshots;
    public IReadOnlyList<EpochReport> Epochs => recorder.Epochs;
    public int SampleSize => probe.SampleSize;

    public void Report(EpochReport report)
    {
        recorder.Report(report);
        if (report.Resumed)
            return; // trained before the checkpoint: the network now is not the network then
        if (measureEveryEpoch)
            statistics.Add(probe.Measure(report.Epoch));
        if (snapshotEpochs.Contains(report.Epoch))
            snapshots.Add(Snapshot(report.Epoch));
    }

    /// <summary>The diagnosis of the run so far, measuring the network now when no epoch's statistics were taken.</summary>
    public StuckDiagnosis? Diagnose(SgdOptions options, int trainingSize)
    {
        if (recorder.Epochs.Count < StuckDiagnosis.StuckEpochs)
            return null;
        LayerStatistics last = statistics.Count > 0 && statistics[^1].Epoch == recorder.Epochs[^1].Epoch
            ? statistics[^1]
            : probe.Measure(recorder.Epochs[^1].Epoch);
        return StuckDiagnosis.Of(recorder.Epochs, network.OutputSize, network.Cost.Name, network.Output.Name,
            options.Eta, options.Lambda, trainingSize, last);
    }

    private WeightSnapshot Snapshot(int epoch) => new(epoch, network.Weights[0].Clone(), network.Biases[0].ToArray());

    /// <summary>"1,5,10" as epochs (0 = at initialisation), each at most <paramref name="epochs"/>; a usage error naming the option otherwise.</summary>
    public static IReadOnlySet<int> ParseEpochs(string option, string? text, int epochs)
    {
        if (text is null)
            return new HashSet<int>();
        var set = new HashSet<int>();
        foreach (string word in text.Split(',', StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(word, NumberStyles.None, CultureInfo.InvariantCulture, out int epoch))
                throw new UsageException($"{option} {text}: '{word}' is not an epoch number (give a list such as 1,5,10).");
            if (epoch > epochs)
                throw new UsageException($"{option} {text}: epoch {epoch} is past the last epoch, {epochs}.");
            set.Add(epoch);
        }
        return set;
    }
}
