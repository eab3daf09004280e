// Glossary
//   experiment   one of the book's figures or quoted results, re-run: one or more runs with the book's settings
//   run          one network trained with one setting (e.g. eta 2.5 of multiple-eta), once per seed
//   headline     a number the book quotes (82.27%) beside ours computed the same way, and the band within which
//                ours counts as the same result
//   quick        a scaled-down form for a first look: fewer epochs and images (ExperimentScale.Quick)
using NetTrainer.Training;

namespace NetTrainer.Reproduction;

/// <summary>What a curve or a headline measures, per epoch.</summary>
public enum Measure
{
    /// <summary>The cost per example on the held-out data, regularisation included.</summary>
    EvaluationCost,
    /// <summary>The share of the held-out data classified correctly, 0..1.</summary>
    EvaluationAccuracy,
    /// <summary>The cost per example on the training data, regularisation included.</summary>
    TrainingCost,
    /// <summary>The share of the training data classified correctly, 0..1.</summary>
    TrainingAccuracy,
}

/// <summary>The held-out data a run is evaluated on, as in the book's driver.</summary>
public enum HeldOut
{
    /// <summary>The validation split: the last 1/6 of the training file (MNIST: 10,000 images), kept out of training.</summary>
    Validation,
    /// <summary>The official 10,000 MNIST test images.</summary>
    Test,
}

/// <summary>
/// One run of an experiment, in the book's terms: hidden layers (input and output come from the data), cost and
/// output activation, initialisation, the SGD settings (η, λ, epochs, mini-batch 10 as in <see cref="BookSgd"/>,
/// what is monitored each epoch, and whatever a run adds: momentum, an η schedule, dropout, max-norm), the first
/// TrainSize training images (all when null). FinalOnly evaluates once after the last epoch (more_data.py does).
/// The runner adds only the threads and, for <see cref="ChooseByValidation"/>, the early-stopping patience.
/// </summary>
public sealed record ExperimentRun(
    string Label, int[] Hidden, string Cost, string Output, WeightInit Init, SgdOptions Sgd,
    int? TrainSize, HeldOut Evaluation, BookCurves? Book = null, bool FinalOnly = false)
{
    /// <summary>m = 10, the mini-batch size of the book's runs.</summary>
    public const int BookMiniBatchSize = 10; // every driver of the book's chapters 1 and 3
    private const int ShiftCount = 4; // up, down, left, right

    /// <summary>The book's SGD: η, λ and epochs, mini-batch 10, measuring <paramref name="monitor"/> after each epoch.</summary>
    public static SgdOptions BookSgd(double eta, double lambda, int epochs, Monitoring monitor) =>
        new(epochs, BookMiniBatchSize, eta, lambda) { Monitor = monitor };

    /// <summary>The hidden neurons' activation (train --hidden): the book's sigmoid unless a run says otherwise.</summary>
    public string HiddenActivation { get; init; } = "sigmoid";

    /// <summary>Fresh random distortions of every training image every epoch (train --augment SPEC); null: none.</summary>
    public string? Augment { get; init; }

    /// <summary>
    /// Choose the network by validation accuracy, never by the test set: monitor the validation images each epoch,
    /// keep the network of the best epoch, and evaluate that one network once on the test images (the run's final result).
    /// </summary>
    public bool ChooseByValidation { get; init; }

    /// <summary>Train on the images and their four one-pixel shifts (train --expand shift, expand_mnist.py).</summary>
    public bool ExpandShift { get; init; }

    /// <summary>
    /// Chapter 5's run instead of SGD: full-batch descent on VanishingGradient.Images images, recording each hidden
    /// layer's gradient norm every epoch (see <see cref="VanishingGradient"/>; the η, λ and Cost given are its own).
    /// </summary>
    public bool GradientNorms { get; init; }

    /// <summary>
    /// The cost of one seed in weight-multiplies, for the ETA: per epoch, a training pass over the n images plus the
    /// monitored evaluations at a third of that per image (a forward pass is one matrix product of the three).
    /// </summary>
    public double Work(int trainingCount, int heldOutCount, int inputSize, int classes)
    {
        int[] sizes = [inputSize, .. Hidden, classes];
        double weights = sizes.Zip(sizes.Skip(1), (a, b) => (double)a * b).Sum();
        if (GradientNorms) // a forward and a backward pass (about three products) over the images per epoch
            return (Sgd.Epochs + 1) * Math.Min(VanishingGradient.Images, trainingCount) * weights;
        int n = Math.Min(TrainSize ?? trainingCount, trainingCount) * (ExpandShift ? 1 + ShiftCount : 1);
        double evaluated = (Sgd.Monitor.HasFlag(Monitoring.Training) ? n : 0) + (Sgd.Monitor.HasFlag(Monitoring.Evaluation) ? heldOutCount : 0);
        return Sgd.Epochs * (n + evaluated / 3) * weights + (FinalOnly || ChooseByValidation ? heldOutCount / 3.0 * weights : 0);
    }
}

/// <summary>
/// A number the book quotes and ours computed the same way from each seed's results (indexed like the runs), with
/// the band within which ours is "within the book's seed-to-seed scatter" and why that band.
/// </summary>
public sealed record Headline(string Description, double Book, double Band, string BandWhy, string Unit,
    Func<IReadOnlyList<RunResult>, double> Ours)
{
    /// <summary>
    /// Set for a target rather than a reproduction (the record runs): ours passes when it is at least this; Book is
    /// then the published anchor it is held beside and BandWhy names it.
    /// </summary>
    public double? AtLeast { get; init; }
}

/// <summary>A book experiment: its runs, the book's numbers, and the curves drawn over the book's.</summary>
public sealed record Experiment(
    string Name, string Title, string Source, string Claim, IReadOnlyList<ExperimentRun> Runs,
    IReadOnlyList<Headline> Headlines, IReadOnlyList<Measure> Charts)
{
    /// <summary>Set for vanishing-gradient: one chart per run, a curve per hidden layer's gradient norm.</summary>
    public bool ChartNorms { get; init; }

    /// <summary>Set for more-data: the runs differ by training-set size, drawn as one point each (x = images).</summary>
    public bool ChartBySize { get; init; }

    /// <summary>The book's final accuracies per run for a by-size chart (more_data.json), as fractions.</summary>
    public double[]? BookBySize { get; init; }

    /// <summary>False for experiments that are not the book's (the record runs): `reproduce all` leaves them out.</summary>
    public bool InAll { get; init; } = true;
}

/// <summary>One seed of one run: its epochs as reported, and the final evaluation (FinalOnly runs).</summary>
public sealed record RunResult(ExperimentRun Run, int Seed, IReadOnlyList<EpochReport> Epochs, EvaluationResult? Final,
    double Seconds, string? Diverged = null)
{
    /// <summary>GradientNorms runs: Norms[e][l], hidden layer l + 1's gradient norm after e steps (e = 0: initialisation).</summary>
    public double[][]? Norms { get; init; }

    /// <summary>The per-epoch values of <paramref name="measure"/> (NaN where not measured).</summary>
    public double[] Curve(Measure measure) => Epochs.Select(e => measure switch
    {
        Measure.EvaluationCost => e.Evaluation?.Cost,
        Measure.EvaluationAccuracy => e.Evaluation?.Accuracy,
        Measure.TrainingCost => e.Training?.Cost,
        _ => e.Training?.Accuracy,
    } ?? double.NaN).ToArray();

    /// <summary>The final accuracy on the held-out data: the FinalOnly evaluation, else the last epoch's.</summary>
    public double FinalAccuracy => Final?.Accuracy ?? Epochs.LastOrDefault()?.Evaluation?.Accuracy ?? double.NaN;

    /// <summary>The best per-epoch accuracy on the held-out data.</summary>
    public double BestAccuracy => Curve(Measure.EvaluationAccuracy).Where(double.IsFinite).DefaultIfEmpty(double.NaN).Max();
}
