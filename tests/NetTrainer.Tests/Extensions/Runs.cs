// Glossary
//   snapshot   a copy of the network's weights and biases taken as each epoch is reported
using NetTrainer.Activations;
using NetTrainer.Costs;
using NetTrainer.Data;
using NetTrainer.Training;
using NetTrainer.Tests.Training;

namespace NetTrainer.Tests.Extensions;

/// <summary>Records every epoch's report and, optionally, the network as it was when the epoch was reported.</summary>
public sealed class Recorder(Network<float>? watched = null) : IEpochSink
{
    public List<EpochReport> Reports { get; } = [];
    public List<Network<float>> Snapshots { get; } = [];

    public void Report(EpochReport report)
    {
        Reports.Add(report);
        if (watched is not null)
            Snapshots.Add(watched.ConvertTo<float>());
    }
}

/// <summary>Seeded training runs on the synthetic task (300 training and 60 validation examples of 4x4, 3 classes).</summary>
public static class Runs
{
    public static readonly Dataset Training = SyntheticData.Create(300, seed: 11), Validation = SyntheticData.Create(60, seed: 12);

    public static Network<float> Network(int seed, int[]? sizes = null) =>
        Network<float>.CreateRandom(sizes ?? [16, 8, 3], Sigmoid.Instance, Sigmoid.Instance, CrossEntropyCost.Instance, WeightInit.Default, new Random(seed));

    /// <summary>Trains a fresh network from <paramref name="seed"/> (weights, then shuffling) and records every epoch.</summary>
    public static (Network<float> Network, TrainingOutcome Outcome, Recorder Recorder) Train(int seed, SgdOptions options,
        bool snapshots = false, int[]? sizes = null)
    {
        var rng = new Random(seed);
        Network<float> network = Network<float>.CreateRandom(sizes ?? [16, 8, 3], Sigmoid.Instance, Sigmoid.Instance,
            CrossEntropyCost.Instance, WeightInit.Default, rng);
        var recorder = new Recorder(snapshots ? network : null);
        TrainingOutcome outcome = Sgd.Train(network, Training, Validation, options, rng, recorder);
        return (network, outcome, recorder);
    }

    /// <summary>Every weight and bias equal, bit for bit.</summary>
    public static bool SameParameters<T>(Network<T> a, Network<T> b) where T : unmanaged, System.Numerics.IFloatingPointIeee754<T> =>
        Enumerable.Range(0, a.LayerCount).All(l => a.Weights[l].ToArray().SequenceEqual(b.Weights[l].ToArray()) && a.Biases[l].SequenceEqual(b.Biases[l]));
}
