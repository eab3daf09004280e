// Glossary
//   shape     the layer sizes, hidden activation and initialisation: what the initial weights depend on
//   seed      seeds one generator per run, as `train --seed` does: it draws the initial weights, then shuffles
using NetTrainer.Activations;
using NetTrainer.Training;

namespace NetTrainer.Comparison;

/// <summary>What every run of a comparison shares: the network's shape, the SGD settings other than η, and the seed.</summary>
public sealed record ComparisonSettings(
    IReadOnlyList<int> Sizes,
    IActivation Hidden,
    WeightInit Init,
    int Epochs,
    int MiniBatchSize,
    double Lambda,
    int Seed)
{
    /// <summary>
    /// The SGD options of <paramref name="run"/>: these settings with the run's η, measuring the training and
    /// evaluation data and the learning signal (which changes no bit of the training).
    /// </summary>
    public SgdOptions OptionsFor(RunSpec run) =>
        new(Epochs, MiniBatchSize, run.Eta, Lambda)
        {
            Monitor = Monitoring.Training | Monitoring.Evaluation,
            MeasureLearningSignal = true,
        };

    /// <summary>
    /// Where <paramref name="run"/> starts: its own generator seeded with <see cref="Seed"/> draws the initial
    /// weights and then goes on to shuffle, exactly as `train --seed` does. The weights are drawn before the cost
    /// and the output activation play any part, so every run of the same shape starts from the same weights and,
    /// its generator being in the same state, walks the same mini-batches in the same order.
    /// </summary>
    public RunStart<float> Start(RunSpec run) => RunStart<float>.FromSeed(Seed, Sizes, Hidden, run.Output, run.Cost, Init);
}
