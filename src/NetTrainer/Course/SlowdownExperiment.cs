// Glossary (Nielsen, chapter 3, "The cross-entropy cost function")
//   x, y     the neuron's one input and its target (the book: x = 1, y = 0)
//   w, b     its weight and bias; z = w x + b, a = σ(z), σ'(z) = a (1 − a)
//   epoch    one gradient step on the one example (n = m = 1): w ← w − η ∂C/∂w, b ← b − η ∂C/∂b
//   start    the (w, b) a run begins from: unsaturated (w = 0.6, b = 0.9, a = 0.82) or saturated (w = b = 2, a = 0.98)
//   quadratic:     C = ½ (a − y)²                     ∂C/∂w = (a − y) σ'(z) x    ∂C/∂b = (a − y) σ'(z)
//   cross-entropy: C = −[y ln a + (1 − y) ln(1 − a)]  ∂C/∂w = (a − y) x          ∂C/∂b = a − y
using NetTrainer.Activations;
using NetTrainer.Costs;
using NetTrainer.LinearAlgebra;
using NetTrainer.Training;

namespace NetTrainer.Course;

/// <summary>Where a run of the single neuron begins.</summary>
public sealed record NeuronStart(string Name, double W, double B)
{
    /// <summary>The book's first example: the neuron's output starts at a = σ(1.5) = 0.82, off the flat tails.</summary>
    public static readonly NeuronStart Unsaturated = new("unsaturated", 0.6, 0.9);

    /// <summary>The book's second example: z = 4, a = 0.98, σ'(z) = 0.018: badly wrong and saturated.</summary>
    public static readonly NeuronStart Saturated = new("saturated", 2.0, 2.0);
}

/// <summary>The single-neuron experiment: input, target, learning rate, epochs, and the starts to run from.</summary>
public sealed record SlowdownSetup(double X, double Y, double Eta, int Epochs, IReadOnlyList<NeuronStart> Starts)
{
    /// <summary>The book's settings: x = 1, y = 0, η = 0.15, 300 epochs, from the unsaturated and the saturated start.</summary>
    public static SlowdownSetup Book { get; } = new(1.0, 0.0, 0.15, 300, [NeuronStart.Unsaturated, NeuronStart.Saturated]);

    /// <summary>
    /// Most epochs a run may take: every epoch's state is kept (for the table, the CSV and the chart), so a count near
    /// int.MaxValue would overflow Epochs + 1 and ask for gigabytes. The book needs 300.
    /// </summary>
    public const int MaxEpochs = 100_000;

    /// <summary>The two costs compared: quadratic, whose gradient carries σ'(z), and cross-entropy, where it cancels.</summary>
    public static IReadOnlyList<ICost> Costs { get; } = [QuadraticCost.Instance, CrossEntropyCost.Instance];
}

/// <summary>
/// The neuron at one moment, read off the library's forward pass and backprop: z, a, σ'(z) (the sigmoid's
/// vector–Jacobian product of 1), the cost C and the gradient ∂C/∂w, ∂C/∂b.
/// </summary>
public sealed record NeuronState(double W, double B, double Z, double A, double SigmaPrime, double Cost, double DCdw, double DCdb);

/// <summary>One cost from one start: States[e] is the neuron after e epochs (States[0] before any step).</summary>
public sealed record SlowdownRun(NeuronStart Start, ICost Cost, IReadOnlyList<NeuronState> States)
{
    /// <summary>The neuron before the first step, States[0].</summary>
    public NeuronState Initial => States[0];
    /// <summary>The neuron after the last epoch.</summary>
    public NeuronState Final => States[^1];
}

/// <summary>
/// Trains the book's single sigmoid neuron with each cost from each start. The neuron is a 1,1 <see cref="Network{T}"/>
/// in float64 with a sigmoid output, so the gradients are the library's BP1–BP4 and each epoch is its SGD step.
/// </summary>
public static class SlowdownExperiment
{
    /// <summary>Every start × every cost of <see cref="SlowdownSetup.Costs"/>, start by start.</summary>
    public static IReadOnlyList<SlowdownRun> Run(SlowdownSetup setup)
    {
        if (setup.Epochs is < 1 or > SlowdownSetup.MaxEpochs)
            throw new ArgumentException($"The experiment needs 1 to {SlowdownSetup.MaxEpochs} epochs; got {setup.Epochs}.");
        if (!(setup.Eta > 0) || !double.IsFinite(setup.Eta))
            throw new ArgumentException($"The learning rate must be a positive number; got {setup.Eta}.");
        return setup.Starts.SelectMany(start => SlowdownSetup.Costs.Select(cost => Run(setup, start, cost))).ToList();
    }

    /// <summary>Trains the neuron from <paramref name="start"/> with <paramref name="cost"/> for the setup's epochs at its η, one example per step.</summary>
    public static SlowdownRun Run(SlowdownSetup setup, NeuronStart start, ICost cost)
    {
        var weights = new Matrix<double>(1, 1);
        weights[0, 0] = start.W;
        var neuron = new Network<double>([1, 1], [weights], [[start.B]], Sigmoid.Instance, Sigmoid.Instance, cost);
        var example = new MiniBatch<double>(size: 1, inputSize: 1, classCount: 1);
        example.X[0, 0] = setup.X;
        example.Y[0, 0] = setup.Y;
        Workspace<double> scratch = neuron.CreateWorkspace(batchSize: 1);
        var sgd = new WeightDecaySgd<double>(setup.Eta, lambda: 0.0, n: 1);

        var states = new List<NeuronState>(setup.Epochs + 1) { Observe(neuron, example, scratch) };
        for (int epoch = 1; epoch <= setup.Epochs; epoch++)
        {
            neuron.UpdateMiniBatch(example, sgd, scratch);
            states.Add(Observe(neuron, example, scratch));
        }
        return new SlowdownRun(start, cost, states);
    }

    private static NeuronState Observe(Network<double> neuron, MiniBatch<double> example, Workspace<double> scratch)
    {
        ForwardPass<double> pass = neuron.Feedforward(example.X, scratch);
        Gradients<double> gradients = neuron.Backprop(pass, example.Y, scratch);
        // σ'(z) as backprop uses it: the output activation's Jᵀ g with g = 1.
        var one = new Matrix<double>(1, 1);
        one[0, 0] = 1.0;
        var sigmaPrime = new Matrix<double>(1, 1);
        neuron.Output.Backward(pass.Zs[0], pass.Output, one, sigmaPrime);
        return new NeuronState(
            W: neuron.Weights[0][0, 0], B: neuron.Biases[0][0],
            Z: pass.Zs[0][0, 0], A: pass.Output[0, 0], SigmaPrime: sigmaPrime[0, 0],
            Cost: neuron.Cost.Sum(pass.Output, example.Y),
            DCdw: gradients.NablaW[0][0, 0], DCdb: gradients.NablaB[0][0]);
    }
}
