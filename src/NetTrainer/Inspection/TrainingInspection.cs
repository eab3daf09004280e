// Glossary
//   probe      LayerProbe: one forward and backward pass over the first LayerProbe.DefaultSampleSize training images
//   snapshot   a copy of the first layer's weights and biases after a chosen epoch (--snapshot-epochs)
using NetTrainer.Comparison;
using NetTrainer.Data;
using NetTrainer.Inspection;
using NetTrainer.LinearAlgebra;
using NetTrainer.Training;

namespace NetTrainer.Inspection;

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

    /// <param name="network">The network being trained, watched in place.</param>
    /// <param name="training">The training images, whose first <see cref="LayerProbe{T}"/> sample is measured.</param>
    /// <param name="measureEveryEpoch">Measure the layer statistics at initialisation and after every epoch (for a report).</param>
    /// <param name="snapshotEpochs">The epochs after which to copy the first layer's weights (0: at initialisation).</param>
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

    /// <summary>The layer statistics measured so far, epoch 0 (initialisation) first.</summary>
    public IReadOnlyList<LayerStatistics> Statistics => statistics;
    /// <summary>The first layer's weights copied so far.</summary>
    public IReadOnlyList<WeightSnapshot> Snapshots => snapshots;
    /// <summary>The epoch reports received so far.</summary>
    public IReadOnlyList<EpochReport> Epochs => recorder.Epochs;
    /// <summary>How many training images the statistics are measured on.</summary>
    public int SampleSize => probe.SampleSize;

    /// <inheritdoc/>
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
}
