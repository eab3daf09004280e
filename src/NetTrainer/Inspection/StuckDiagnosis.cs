// Glossary
//   chance      1 / classes: the accuracy of guessing (10% on MNIST)
//   window      the last StuckEpochs epochs: a run is judged on them, not on one unlucky epoch
//   flat        the cost's relative change over the window below FlatChange, in a run whose cost has not fallen by
//               LearnedFall since its first epoch (one that has is finished, not stuck)
//   decay       the L2 weight-decay factor 1 - ηλ/n applied to every weight at every step
using NetTrainer.Activations;
using NetTrainer.Costs;
using NetTrainer.Training;

namespace NetTrainer.Inspection;

/// <summary>What kind of stuck: at chance accuracy, or a cost that does not move.</summary>
public enum StuckKind
{
    /// <summary>The accuracy stayed near chance, 1 / classes, over the window.</summary>
    AtChance,
    /// <summary>The cost changed by less than FlatChange, relatively, over the window.</summary>
    FlatCost,
}

/// <summary>A run named stuck, the causes measured (none when nothing visible explains it), and the book's hint.</summary>
public sealed record StuckDiagnosis(StuckKind Kind, string Summary, IReadOnlyList<string> Causes)
{
    /// <summary>Epochs in a row the symptom must show: 3, so one bad epoch early in a run is not called stuck.</summary>
    public const int StuckEpochs = 3;

    /// <summary>
    /// Accuracy within 6 points of chance counts as chance: nll:sigmoid wanders between 11% and 16% on MNIST, while
    /// a network that learns at all passes 50% within its first epoch.
    /// </summary>
    public const double ChanceMargin = 0.06;

    /// <summary>A cost changing less than 0.01% over the window has stopped moving (a learning run moves &gt; 0.1%).</summary>
    public const double FlatChange = 1e-4;

    /// <summary>
    /// A cost that fell by more than a tenth from the first epoch's before it stopped moving has been learning: the
    /// run has converged, or its η schedule has spent η, and a flat cost then is its end, not a stuck run (the record
    /// run levels off at 99.7% on its training images).
    /// </summary>
    public const double LearnedFall = 0.1;

    /// <summary>Output layer saturated when 90% of its (example, neuron) slopes are below LayerStatistics.SaturationSlope.</summary>
    public const double SaturatedOutput = 0.9;

    /// <summary>A mean |∂C/∂w| below 1e-6 moves a weight by less than η·1e-6 per step: nothing is learnt in an epoch.</summary>
    public const double TinyGradient = 1e-6;

    /// <summary>A decay factor below 0.9 halves every weight within 7 steps: the cost's own gradient cannot keep up.</summary>
    public const double StrongDecay = 0.9;

    /// <summary>The book's broad strategy (Nielsen, chapter 3, "How to choose a neural network's hyper-parameters?").</summary>
    public const string Hint =
        "Nielsen's broad strategy (chapter 3): first get any learning at all: strip the problem down (fewer classes or " +
        "images, no hidden layer), watch the validation accuracy often, then change eta by factors of 10 until the cost falls " +
        "in the first epochs; only then tune lambda and the rest.";

    /// <summary>
    /// The diagnosis of a run from its epochs (null when it is not stuck), with causes from what was measured:
    /// the run's settings, and the layer statistics of its last epoch when the run took them.
    /// </summary>
    public static StuckDiagnosis? Of(IReadOnlyList<EpochReport> epochs, int classes, string cost, string output,
        double eta, double lambda, int trainingSize, LayerStatistics? last = null)
    {
        if (epochs.Count < StuckEpochs || classes < 2)
            return null;
        IReadOnlyList<EpochReport> window = epochs.Skip(epochs.Count - StuckEpochs).ToList();
        double chance = 1.0 / classes;
        StuckKind kind;
        string summary;
        double?[] accuracies = window.Select(e => (e.Evaluation ?? e.Training)?.Accuracy).ToArray();
        double?[] costs = window.Select(CostOf).ToArray();
        if (accuracies.All(a => a is { } v && Math.Abs(v - chance) <= ChanceMargin))
        {
            kind = StuckKind.AtChance;
            summary = $"stuck at chance: accuracy {100 * accuracies[^1]!.Value:F2}% for the last {StuckEpochs} epochs, chance is {100 * chance:F0}%";
        }
        else if (costs.All(c => c is not null && double.IsFinite(c.Value)) &&
                 Math.Abs(costs[^1]!.Value - costs[0]!.Value) <= FlatChange * Math.Max(Math.Abs(costs[0]!.Value), double.Epsilon) &&
                 !(CostOf(epochs[0]) is { } first && costs[^1]!.Value < (1 - LearnedFall) * first))
        {
            kind = StuckKind.FlatCost;
            summary = $"flat cost: {costs[^1]!.Value:G5} moved less than {100 * FlatChange}% over the last {StuckEpochs} epochs";
        }
        else
            return null;
        return new StuckDiagnosis(kind, summary, MeasuredCauses(cost, output, eta, lambda, trainingSize, last));
    }

    // The cost the window is judged on, of one epoch: the training data's when measured, else the evaluation data's.
    private static double? CostOf(EpochReport epoch) => (epoch.Training ?? epoch.Evaluation)?.Cost;

    private static List<string> MeasuredCauses(string cost, string output, double eta, double lambda, int trainingSize, LayerStatistics? last)
    {
        var causes = new List<string>();
        if (cost == "nll" && output == "sigmoid")
            causes.Add("NLL with sigmoid outputs: −ln a_y pushes the right output up and nothing pushes the others down, " +
                       "so every output climbs towards 1 and the largest is arbitrary (pair NLL with softmax)");
        // For the canonical pairs δ^L = a − y: the slope cancels, so saturated outputs do not slow their learning.
        bool slopeCancels = CostCatalog.All.FirstOrDefault(c => c.Name == cost) is { } costFunction &&
                            ActivationCatalog.Output.FirstOrDefault(a => a.Name == output) is { } outputActivation &&
                            CanonicalOutputDelta.Applies(costFunction, outputActivation);
        if (!slopeCancels && last is not null && last.Output.FractionSaturated >= SaturatedOutput)
            causes.Add($"saturated output layer: {100 * last.Output.FractionSaturated:F0}% of its slopes f'(z) are below {LayerStatistics.SaturationSlope}");
        if (last is not null && last.Layers.All(l => l.MeanAbsWeightGradient < TinyGradient))
            causes.Add($"vanishing gradients: mean |∂C/∂w| below {TinyGradient:0e0} in every layer " +
                       $"(largest {last.Layers.Max(l => l.MeanAbsWeightGradient):0.0e0})");
        double decay = 1 - eta * lambda / trainingSize;
        if (decay < StrongDecay)
            causes.Add($"weight decay 1 - ηλ/n = {decay:G3}, far below 1: every step shrinks the weights faster than the gradient grows them");
        return causes;
    }

    /// <summary>"stuck at chance: ...; cause: ...; hint: ..." on one line, for the console and CSV.</summary>
    public string OneLine() =>
        Causes.Count == 0 ? $"{Summary}; no cause measured" : $"{Summary}; cause: {string.Join("; ", Causes)}";
}
