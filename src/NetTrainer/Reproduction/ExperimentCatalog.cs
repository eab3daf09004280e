// Glossary
//   book number    the result the book quotes, read from its result file where it published one, else its text
//   band           how far ours may lie from the book's number and still count as the same result: the book
//                  published one seed, so the band is our estimate of seed-to-seed scatter for that kind of run
using NetTrainer.Training;

using static NetTrainer.Reproduction.ExperimentRun;

namespace NetTrainer.Reproduction;

/// <summary>How much of each experiment to run: the book's settings, or a scaled-down first look.</summary>
public enum ExperimentScale
{
    /// <summary>The book's epochs and data sizes.</summary>
    Book,

    /// <summary>A tenth of the epochs (at least 1) and, for more-data, the four smallest sizes.</summary>
    Quick,
}

/// <summary>
/// The book's experiments (chapters 1 and 3 of Nielsen's "Neural Networks and Deep Learning"), with the settings of
/// its driver scripts: mini-batch 10, sigmoid hidden neurons, the first 50,000 training images, the last 10,000 for
/// validation, the official 10,000 for test. The exceptions say why: `dropout` and the record runs train
/// 784,800,10 with ReLU, momentum and mini-batch 100.
/// </summary>
public static class ExperimentCatalog
{
    private const int BookValidation = 10_000, BookTest = 10_000, BookTraining = 50_000, OverfittingImages = 1_000;
    private static readonly int[] Thirty = [30], Hundred = [100];

    // Bands (percentage points unless said): the book ran one seed, so the band is an assumed seed-to-seed scatter,
    // about 2.5 standard deviations of the sd we assume for runs of each kind; `--seeds 3` shows the sd we measure.
    private const double FullBand = 0.5, SmallBand = 1.5, FirstEpochBand = 1.0, BigNetBand = 0.3;
    private const string FullWhy = "about 2.5 sd of the best accuracy over seeds of a 30-epoch run on 50,000 images (assumed sd ≈ 0.2 pp)";
    private const string SmallWhy = "1,000 training images make the test accuracy vary more from seed to seed (assumed sd ≈ 0.6 pp)";
    private const string FirstEpochWhy = "after one epoch the accuracy still depends on the shuffle and the start (assumed sd ≈ 0.4 pp)";
    private const string BigNetWhy = "784,100,10 runs on 50,000 images vary less (assumed sd ≈ 0.1 pp)";

    /// <summary>Every experiment's name, in the catalogue's order.</summary>
    public static IReadOnlyList<string> Names => All(ExperimentScale.Book).Select(e => e.Name).ToList();

    /// <summary>Every experiment at <paramref name="scale"/>, in the catalogue's order.</summary>
    public static IReadOnlyList<Experiment> All(ExperimentScale scale) =>
    [
        Chapter1(scale), Overfitting(scale, "overfitting", 0.0, "overfitting.json", 82.27),
        Overfitting(scale, "regularized", 0.1, "regularized.json", 87.10),
        Full(scale, "overfitting-full", 0.0, "overfitting_full.json"), Full(scale, "regularized-full", 5.0, "regularized_full.json"),
        WeightInitialisation(scale, 30), WeightInitialisation(scale, 100), MultipleEta(scale), MoreData(scale), Hidden100(scale), SoftmaxNll(scale),
        DropoutExperiment(scale), Expanded(scale), VanishingGradientExperiment(scale),
        Record(scale, distorted: false), Record(scale, distorted: true),
    ];

    private static int Epochs(ExperimentScale scale, int epochs) => scale == ExperimentScale.Quick ? Math.Max(1, epochs / 10) : epochs;

    private static Experiment Chapter1(ExperimentScale scale) => new(
        "chapter1", "Chapter 1: network.py on MNIST",
        "Chapter 1, \"Implementing our network to classify digits\" (network.py)",
        "784,30,10 with the quadratic cost, N(0, 1) weights and biases, η = 3.0, 30 epochs: the test accuracy peaks at 95.42%.",
        [new ExperimentRun("784,30,10 quadratic, η = 3.0", Thirty, "quadratic", "sigmoid", WeightInit.Large,
            BookSgd(3.0, 0, Epochs(scale, 30), Monitoring.Evaluation), null, HeldOut.Test)],
        [new Headline("best test accuracy", 95.42, FullBand, FullWhy, "%", r => 100 * r[0].BestAccuracy)],
        [Measure.EvaluationAccuracy]);

    private static Experiment Overfitting(ExperimentScale scale, string name, double lambda, string file, double peak)
    {
        BookCurves book = BookData.Curves(file, BookTest, OverfittingImages);
        var headlines = new List<Headline>
        {
            new("peak test accuracy", 100 * book.EvaluationAccuracy!.Max(), SmallBand, SmallWhy, "%", r => 100 * r[0].BestAccuracy),
        };
        if (lambda == 0)
            headlines.Add(new Headline("epoch of the lowest test cost", ArgMin(book.EvaluationCost!) + 1, 10,
                "the test cost is flat near its minimum, so its epoch moves by several", " epochs",
                r => ArgMin(r[0].Curve(Measure.EvaluationCost)) + 1));
        return new Experiment(name, lambda == 0 ? "Overfitting: 1,000 training images, 400 epochs" : $"Regularisation: λ = {lambda} on 1,000 images",
            "Chapter 3, \"Overfitting and regularization\" (overfitting.py)",
            $"784,30,10, cross-entropy, N(0, 1) init, η = 0.5, λ = {lambda}, the first 1,000 training images, 400 epochs, test data " +
            $"monitored: the test accuracy peaks at {peak:F2}%" + (lambda == 0 ? " while the test cost is lowest near epoch 15." : "."),
            [new ExperimentRun($"λ = {lambda}", Thirty, "cross-entropy", "sigmoid", WeightInit.Large,
                BookSgd(0.5, lambda, Epochs(scale, 400), Monitoring.Training | Monitoring.Evaluation), OverfittingImages, HeldOut.Test, book)],
            headlines,
            [Measure.EvaluationAccuracy, Measure.EvaluationCost, Measure.TrainingAccuracy, Measure.TrainingCost]);
    }

    private static Experiment Full(ExperimentScale scale, string name, double lambda, string file)
    {
        BookCurves book = BookData.Curves(file, BookTest, BookTraining);
        return new Experiment(name, $"All 50,000 training images, λ = {lambda}",
            "Chapter 3, \"Regularization\" (overfitting.py on the full training set)",
            $"784,30,10, cross-entropy, N(0, 1) init, η = 0.5, λ = {lambda}, 30 epochs on all 50,000 images: the test accuracy reaches " +
            $"{100 * book.EvaluationAccuracy!.Max():F2}%.",
            [new ExperimentRun($"λ = {lambda}", Thirty, "cross-entropy", "sigmoid", WeightInit.Large,
                BookSgd(0.5, lambda, Epochs(scale, 30), Monitoring.Training | Monitoring.Evaluation), null, HeldOut.Test, book)],
            [new Headline("best test accuracy", 100 * book.EvaluationAccuracy!.Max(), FullBand, FullWhy, "%", r => 100 * r[0].BestAccuracy)],
            [Measure.EvaluationAccuracy, Measure.EvaluationCost, Measure.TrainingAccuracy, Measure.TrainingCost]);
    }

    private static Experiment WeightInitialisation(ExperimentScale scale, int hidden)
    {
        string file = $"weight_initialization_{hidden}.json";
        BookCurves byDefault = BookData.Curves(file, BookValidation, BookTraining, key: "default_weight_initialization");
        BookCurves large = BookData.Curves(file, BookValidation, BookTraining, key: "large_weight_initialization");
        int[] layers = [hidden];
        ExperimentRun Run(string label, WeightInit init, BookCurves book) =>
            new(label, layers, "cross-entropy", "sigmoid", init, BookSgd(0.1, 5.0, Epochs(scale, 30), Monitoring.Evaluation), null, HeldOut.Validation, book);
        return new Experiment($"weight-init-{hidden}", $"Weight initialisation, {hidden} hidden neurons",
            "Chapter 3, \"Weight initialization\" (weight_initialization.py)",
            $"784,{hidden},10, cross-entropy, η = 0.1, λ = 5.0, 30 epochs: N(0, 1/n_in) weights reach {100 * byDefault.EvaluationAccuracy![0]:F2}% " +
            $"after the first epoch, N(0, 1) weights {100 * large.EvaluationAccuracy![0]:F2}%; both end near the same accuracy.",
            [Run("N(0, 1/n_in) weights (default)", WeightInit.Default, byDefault), Run("N(0, 1) weights (large)", WeightInit.Large, large)],
            [
                new Headline("validation accuracy after epoch 1, default init", 100 * byDefault.EvaluationAccuracy[0], FirstEpochBand, FirstEpochWhy, "%",
                    r => 100 * r[0].Curve(Measure.EvaluationAccuracy)[0]),
                new Headline("validation accuracy after epoch 1, large init", 100 * large.EvaluationAccuracy[0], 2 * FirstEpochBand,
                    "the large init's first epoch depends more on the start: saturated neurons learn at different times", "%",
                    r => 100 * r[1].Curve(Measure.EvaluationAccuracy)[0]),
            ],
            [Measure.EvaluationAccuracy]);
    }

    private static Experiment MultipleEta(ExperimentScale scale)
    {
        double[] etas = [0.025, 0.25, 2.5];
        BookCurves[] book = etas.Select((_, i) => BookData.Curves("multiple_eta.json", BookValidation, BookTraining, index: i)).ToArray();
        // The mean of the last 10 epochs: η = 2.5 oscillates, so its last epoch alone is a lottery.
        static double Tail(double[] costs) => costs.TakeLast(Math.Min(10, costs.Length)).Average();
        return new Experiment("multiple-eta", "Learning rate: η = 0.025, 0.25, 2.5",
            "Chapter 3, \"How to choose a neural network's hyper-parameters\" (multiple_eta.py)",
            "784,30,10, cross-entropy, default init, λ = 5.0, 30 epochs: η = 0.25 lowers the training cost fastest, η = 0.025 slowly, " +
            "η = 2.5 makes it oscillate (between about 0.73 and 1.14).",
            etas.Select((eta, i) => new ExperimentRun($"η = {eta}", Thirty, "cross-entropy", "sigmoid", WeightInit.Default,
                BookSgd(eta, 5.0, Epochs(scale, 30), Monitoring.Training), null, HeldOut.Validation, book[i])).ToList(),
            etas.Select((eta, i) => new Headline($"training cost, mean of the last 10 epochs, η = {eta}", Tail(book[i].TrainingCost!),
                Tail(book[i].TrainingCost!) * (eta > 1 ? 0.25 : 0.15),
                eta > 1 ? "25% of the book's: the oscillating cost depends on the seed" : "15% of the book's: the L2 term, a large part of the cost, depends on the seed",
                "", r => Tail(r[i].Curve(Measure.TrainingCost)))).ToList(),
            [Measure.TrainingCost]);
    }

    private static Experiment MoreData(ExperimentScale scale)
    {
        int[] sizes = [100, 200, 500, 1_000, 2_000, 5_000, 10_000, 20_000, 50_000];
        double[] book = BookData.Numbers("more_data.json");
        const double PassesPerSize = 1_500_000; // more_data.py: epochs = 1,500,000 / size, so every size sees as many examples
        int count = scale == ExperimentScale.Quick ? 4 : sizes.Length;
        return new Experiment("more-data", "More training data",
            "Chapter 3, \"Other techniques for regularization: artificially expanding the training data\" (more_data.py)",
            "784,30,10, cross-entropy, N(0, 1) init, η = 0.5, λ = 0.0001 x size, 1,500,000 / size epochs: the validation accuracy " +
            $"grows from {book[0]:F2}% with 100 images to {book[^1]:F2}% with 50,000.",
            sizes.Take(count).Select(size => new ExperimentRun($"{size:N0} images", Thirty, "cross-entropy", "sigmoid", WeightInit.Large,
                BookSgd(0.5, size * 0.0001, Epochs(scale, (int)(PassesPerSize / size)), Monitoring.None), size, HeldOut.Validation, FinalOnly: true)).ToList(),
            [
                new Headline("validation accuracy with 100 images", book[0], 4, "100 images: which 100 (after shuffles) and the start matter a lot (assumed sd ≈ 1.5 pp)", "%",
                    r => 100 * r[0].FinalAccuracy),
                .. count == sizes.Length
                    ? [new Headline("validation accuracy with 50,000 images", book[^1], FullBand, FullWhy, "%", r => 100 * r[^1].FinalAccuracy)]
                    : Array.Empty<Headline>(),
            ],
            [Measure.EvaluationAccuracy])
        { ChartBySize = true, BookBySize = book.Take(count).Select(p => p / 100).ToArray() };
    }

    private static Experiment Hidden100(ExperimentScale scale) => new(
        "hidden-100", "100 hidden neurons",
        "Chapter 3, \"Overfitting and regularization\" (the end of \"Regularization\")",
        "784,100,10, cross-entropy, λ = 5.0, default init: 97.92% validation accuracy after 30 epochs at η = 0.5, and 98.04% after 60 " +
        "epochs at η = 0.1.",
        [
            new ExperimentRun("η = 0.5, 30 epochs", Hundred, "cross-entropy", "sigmoid", WeightInit.Default,
                BookSgd(0.5, 5.0, Epochs(scale, 30), Monitoring.Evaluation), null, HeldOut.Validation),
            new ExperimentRun("η = 0.1, 60 epochs", Hundred, "cross-entropy", "sigmoid", WeightInit.Default,
                BookSgd(0.1, 5.0, Epochs(scale, 60), Monitoring.Evaluation), null, HeldOut.Validation),
        ],
        [
            new Headline("best validation accuracy, η = 0.5, 30 epochs", 97.92, BigNetBand, BigNetWhy, "%", r => 100 * r[0].BestAccuracy),
            new Headline("best validation accuracy, η = 0.1, 60 epochs", 98.04, BigNetBand, BigNetWhy, "%", r => 100 * r[1].BestAccuracy),
        ],
        [Measure.EvaluationAccuracy]);

    private static Experiment SoftmaxNll(ExperimentScale scale) => new(
        "softmax-nll", "Softmax output with the log-likelihood cost",
        "Chapter 6's baseline (network3.py: a 100-neuron sigmoid layer and a softmax layer)",
        "784,100,10, sigmoid hidden, softmax output, log-likelihood cost, default init, η = 0.1, no regularisation, 60 epochs: 97.80% " +
        "test accuracy (network3 reports the test accuracy at the best validation epoch; we report the best test epoch, which can only be as high or higher).",
        [new ExperimentRun("softmax + NLL, η = 0.1", Hundred, "nll", "softmax", WeightInit.Default,
            BookSgd(0.1, 0, Epochs(scale, 60), Monitoring.Evaluation), null, HeldOut.Test)],
        [new Headline("best test accuracy", 97.80, BigNetBand, BigNetWhy, "%", r => 100 * r[0].BestAccuracy)],
        [Measure.EvaluationAccuracy]);

    // A gain is a difference of two runs' accuracies, each with sd ≈ 0.1 pp (BigNetWhy): sd ≈ 0.15 pp. `expanded`
    // compares 784,100,10 runs with a gain the book quotes for 800 hidden neurons.
    private const double GainBand = 0.4;
    private const string GainWhy = "a difference of two 784,100,10 runs (sd ≈ 0.15 pp), and the quoted gain is for 800 hidden neurons";

    // The gain the book quotes (Hinton et al. 2012: 160 test errors -> 130 with half the hidden neurons dropped) was
    // measured on 800-neuron layers. On 784,100,10 with the book's 30 epochs, dropping half of 100 sigmoid neurons
    // underfits (−1.6 pp, README "Dropout"), so this experiment trains the undistorted record's 784,800,10 with and
    // without --dropout 0.5, each network chosen by its validation accuracy and evaluated once on the test images.
    private const string DropoutWhy = "a difference of two 784,800,10 runs, each network chosen by validation (sd ≈ 0.1 pp each)";

    private static Experiment DropoutExperiment(ExperimentScale scale)
    {
        ExperimentRun Run(string label, double dropout) => RecordRun(label, EightHundred, Epochs(scale, RecordEpochs), RecordPatience, dropout);
        return new Experiment("dropout", "Dropout on 784,800,10",
            "Chapter 3, \"Dropout\" (Hinton et al. 2012; Srivastava et al. 2014)",
            $"Chapter 3 quotes Hinton et al.: dropout of half the hidden neurons lifted an 800-neuron network's MNIST test accuracy from " +
            $"98.4% to 98.7%. Here: 784,800,10, ReLU hidden, softmax + log-likelihood, η = 0.1 halved after {RecordPatience} epochs " +
            $"without a better validation accuracy, momentum 0.9, λ = {RecordLambda:0.0}, mini-batch 100, at most {RecordEpochs} epochs, " +
            $"with and without --dropout {RecordDropout}; each network of its best validation epoch is evaluated once on the test images.",
            [Run("no dropout", 0), Run($"dropout {RecordDropout}", RecordDropout)],
            [new Headline("test accuracy, dropout minus none, percentage points", 98.7 - 98.4, GainBand, DropoutWhy, " pp",
                r => 100 * (r[1].FinalAccuracy - r[0].FinalAccuracy))],
            [Measure.EvaluationAccuracy]);
    }

    private static Experiment Expanded(ExperimentScale scale)
    {
        ExperimentRun Run(string label, bool expand) => new(label, Hundred, "cross-entropy", "sigmoid", WeightInit.Default,
            BookSgd(0.5, 5.0, Epochs(scale, 30), Monitoring.Evaluation), null, HeldOut.Test) { ExpandShift = expand };
        return new Experiment("expanded", "Expanded training data: one-pixel shifts",
            "Chapter 3, \"Artificially expanding the training data\" (expand_mnist.py; Simard et al. 2003)",
            "Chapter 3 quotes Simard et al.: rotations, translations and skewing of the training images lifted an 800-neuron network " +
            "from 98.4% to 98.9% (elastic distortions: 99.3%). Here: 784,100,10, cross-entropy, η = 0.5, λ = 5.0, 30 epochs, on the " +
            "50,000 images and on them with their four one-pixel shifts (250,000, --expand shift).",
            [Run("50,000 images", false), Run("250,000 images (--expand shift)", true)],
            [new Headline("best test accuracy, expanded minus plain, percentage points", 98.9 - 98.4, GainBand, GainWhy, " pp",
                r => 100 * (r[1].BestAccuracy - r[0].BestAccuracy))],
            [Measure.EvaluationAccuracy]);
    }

    // The record runs (issue: the best plain MLP NetTrainer trains, its own features only). Measured choices, see the
    // README's "Record" section: 784,800,10 as Simard et al.'s MLP, ReLU hidden, softmax + log-likelihood, momentum,
    // mini-batch 100, L2, η halved when the validation accuracy stalls; the undistorted run adds dropout, the distorted
    // one fresh elastic distortions each epoch and a second hidden layer of 800 (99.32% on test against 99.17% with
    // one, seed 1).
    private static readonly int[] EightHundred = [800], TwiceEightHundred = [800, 800];
    private const int RecordEpochs = 40, DistortedEpochs = 300, RecordPatience = 3, DistortedPatience = 15;
    private const string RecordAugment = "elastic:34,4";
    private const double RecordDropout = 0.5, RecordLambda = 5.0;

    // 784, `hidden`, 10, ReLU hidden, softmax + log-likelihood, η = 0.1 halved after `patience` epochs without a better
    // validation accuracy, momentum 0.9, λ = 5, mini-batch 100, hidden dropout `dropout`; the best validation epoch's
    // network is evaluated on test; the run stops after `earlyStop` epochs without a better one, when given.
    private static ExperimentRun RecordRun(string label, int[] hidden, int epochs, int patience, double dropout, int? earlyStop = null) =>
        new(label, hidden, "nll", "softmax", WeightInit.Default, new SgdOptions(epochs, MiniBatchSize: 100, Eta: 0.1, Lambda: RecordLambda)
        {
            Monitor = Monitoring.Evaluation, Momentum = 0.9, HalveEtaPatience = patience, Dropout = dropout, EarlyStopPatience = earlyStop,
        }, null, HeldOut.Validation)
    {
        HiddenActivation = "relu", ChooseByValidation = true,
    };

    private static Experiment Record(ExperimentScale scale, bool distorted)
    {
        // Without distortions 800 neurons fit the training images within 10 epochs; dropout of half of them is what
        // keeps the validation accuracy climbing (98.53% against 98.38% without, seed 1).
        int[] hidden = distorted ? TwiceEightHundred : EightHundred;
        string sizes = $"784,{string.Join(",", hidden)},10";
        // Two halvings of η that bring no better validation accuracy end the distorted run: seed 1's best epoch, 105,
        // came at most 17 epochs after the one before, and the 60 epochs after it, to η₀/128, gained nothing.
        ExperimentRun run = RecordRun(distorted ? $"{sizes}, --augment {RecordAugment}" : $"{sizes}, --dropout {RecordDropout}", hidden,
            Epochs(scale, distorted ? DistortedEpochs : RecordEpochs), distorted ? DistortedPatience : RecordPatience,
            dropout: distorted ? 0 : RecordDropout, earlyStop: distorted ? 2 * DistortedPatience : null)
            with { Augment = distorted ? RecordAugment : null };
        (double target, double anchor, string anchorName) = distorted
            ? (99.0, 99.3, "Simard et al. 2003, 784-800-10 with elastic distortions")
            : (98.4, 98.4, "Simard et al. 2003, 784-800-10 without distortions");
        return new Experiment(distorted ? "record" : "record-undistorted",
            distorted ? "Record: a plain MLP with elastic distortions" : "Record without distortions: a plain MLP",
            "Not the book's: the best plain MLP NetTrainer trains (anchors: Simard et al. 2003; Srivastava et al. 2014, 98.94%; " +
            "Nielsen's best MLP in chapter 3, 98.04%)",
            $"{sizes}, ReLU hidden, softmax + log-likelihood, η = 0.1 halved after {run.Sgd.HalveEtaPatience} epochs without a better " +
            $"validation accuracy (the run ends when η would reach η₀/128), momentum 0.9, λ = {RecordLambda:0.0}, mini-batch 100, at most {run.Sgd.Epochs} epochs" +
            (distorted ? $", fresh --augment {RecordAugment} every epoch, stopped after {run.Sgd.EarlyStopPatience} epochs without a better validation accuracy"
                : $", --dropout {RecordDropout}, no distortion") +
            "; the network of the best validation epoch is evaluated once on the test images (never chosen by them). " +
            $"Target: at least {target}% test accuracy.",
            [run],
            [new Headline("test accuracy of the network chosen by validation", anchor, 0, anchorName, "%", r => 100 * r[0].FinalAccuracy)
                { AtLeast = target }],
            [Measure.EvaluationAccuracy])
        { InAll = false };
    }

    private static Experiment VanishingGradientExperiment(ExperimentScale scale)
    {
        ExperimentRun Run(int layers) => new($"{layers} hidden layers", Enumerable.Repeat(VanishingGradient.HiddenNeurons, layers).ToArray(),
            "cross-entropy", "sigmoid", WeightInit.Default,
            BookSgd(VanishingGradient.Eta, VanishingGradient.Lambda, Epochs(scale, VanishingGradient.Epochs), Monitoring.None),
            VanishingGradient.Images, HeldOut.Validation) { GradientNorms = true };
        double[] atStart = VanishingGradient.BookNorms(2)[0];
        // Seeds 1-3 on MNIST gave 0.049-0.085 and 0.24-0.34 (README): the start decides these, so the bands are wide.
        const string StartWhy = "one network's start: seeds 1-3 gave 0.049-0.085 for the first layer and 0.24-0.34 for the second";
        return new Experiment("vanishing-gradient", "The vanishing gradient: per-layer gradient norms",
            "Chapter 5, \"The vanishing gradient problem\" (generate_gradient.py)",
            "784, then 2, 3 or 4 sigmoid hidden layers of 30, then 10; cross-entropy, N(0, 1/n_in) weights, 1,000 training images, " +
            "full-batch gradient descent with η = 0.1 and λ = 5.0 for 500 epochs: at initialisation with two hidden layers the first " +
            "layer's average bias gradient has norm 0.07 and the second's 0.31; each earlier layer learns several times slower.",
            [Run(2), Run(3), Run(4)],
            [
                new Headline("norm of hidden layer 1's gradient at initialisation, 2 hidden layers", atStart[0], 0.04, StartWhy, "",
                    r => r[0].Norms![0][0]),
                new Headline("norm of hidden layer 2's gradient at initialisation, 2 hidden layers", atStart[1], 0.12, StartWhy, "",
                    r => r[0].Norms![0][1]),
            ],
            [])
        { ChartNorms = true };
    }

    private static int ArgMin(double[] values)
    {
        int best = 0;
        for (int i = 1; i < values.Length; i++)
            if (values[i] < values[best])
                best = i;
        return best;
    }
}
