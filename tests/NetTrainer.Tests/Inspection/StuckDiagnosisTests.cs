using NetTrainer.Activations;
using NetTrainer.Costs;
using NetTrainer.Data;
using NetTrainer.Inspection;
using NetTrainer.Tests.Training;
using NetTrainer.Training;

namespace NetTrainer.Tests.Inspection;

public class StuckDiagnosisTests
{
    private sealed class Recorder : IEpochSink
    {
        public List<EpochReport> Reports { get; } = [];
        public void Report(EpochReport report) => Reports.Add(report);
    }

    private static (Network<float> Network, List<EpochReport> Epochs, Dataset Training) Train(float outputBias, ICost cost, IActivation output)
    {
        Dataset training = SyntheticData.Create(300, seed: 11), validation = SyntheticData.Create(60, seed: 12);
        var rng = new Random(5);
        Network<float> network = Network<float>.CreateRandom([16, 8, 3], Sigmoid.Instance, output, cost, WeightInit.Default, rng);
        Array.Fill(network.Biases[^1], outputBias);
        var recorder = new Recorder();
        Sgd.Train(network, training, validation, new SgdOptions(Epochs: 4, MiniBatchSize: 10, Eta: 0.5), rng, recorder);
        return (network, recorder.Reports, training);
    }

    private static StuckDiagnosis? Diagnose(Network<float> network, List<EpochReport> epochs, Dataset training) =>
        StuckDiagnosis.Of(epochs, network.OutputSize, network.Cost.Name, network.Output.Name, eta: 0.5, lambda: 0, training.Count,
            new LayerProbe<float>(network, training).Measure(epochs[^1].Epoch));

    [Test]
    public void A_deliberately_saturated_quadratic_network_is_named_stuck_with_its_saturated_output_layer()
    {
        // Output biases of -60: every sigmoid output is about e^-60, its slope σ' ≈ 1e-26, and quadratic cost's
        // δ^L = (a - y) σ'(z) is too small to move anything.
        (Network<float> network, List<EpochReport> epochs, Dataset training) = Train(-60f, QuadraticCost.Instance, Sigmoid.Instance);
        StuckDiagnosis? diagnosis = Diagnose(network, epochs, training);
        Assert.That(diagnosis, Is.Not.Null, string.Join("; ", epochs.Select(e => $"{e.Epoch}: {e.Evaluation!.Accuracy:P1} cost {e.Training!.Cost:G5}")));
        Assert.That(diagnosis!.Causes, Has.Some.StartsWith("saturated output layer: 100%"));
        Assert.That(diagnosis.Causes, Has.Some.StartsWith("vanishing gradients"));
        Assert.That(StuckDiagnosis.Hint, Does.Contain("broad strategy"));
    }

    [Test]
    public void A_healthy_network_is_not_named_stuck()
    {
        (Network<float> network, List<EpochReport> epochs, Dataset training) = Train(0f, CrossEntropyCost.Instance, Sigmoid.Instance);
        Assert.That(epochs[^1].Evaluation!.Accuracy, Is.GreaterThan(0.9), "the healthy run learns");
        Assert.That(Diagnose(network, epochs, training), Is.Null);
    }

    [Test]
    public void Nll_with_sigmoid_outputs_is_named_as_the_cause()
    {
        var reports = Enumerable.Range(1, 3).Select(e => new EpochReport(e, new EvaluationResult(1e-4, 11, 100), new EvaluationResult(1e-4, 11, 100), 1, 1)).ToList();
        StuckDiagnosis? diagnosis = StuckDiagnosis.Of(reports, classes: 10, cost: "nll", output: "sigmoid", eta: 0.5, lambda: 0, trainingSize: 50000);
        Assert.That(diagnosis?.Kind, Is.EqualTo(StuckKind.AtChance));
        Assert.That(diagnosis!.Causes, Has.One.StartsWith("NLL with sigmoid outputs"));
    }

    [Test]
    public void Strong_weight_decay_is_named_as_the_cause_of_a_flat_cost()
    {
        var reports = Enumerable.Range(1, 3).Select(e => new EpochReport(e, new EvaluationResult(2.302585, 60, 100), null, 1, 1)).ToList();
        StuckDiagnosis? diagnosis = StuckDiagnosis.Of(reports, classes: 10, cost: "cross-entropy", output: "softmax", eta: 0.5, lambda: 50000, trainingSize: 50000);
        Assert.That(diagnosis?.Kind, Is.EqualTo(StuckKind.FlatCost));
        Assert.That(diagnosis!.Causes, Has.One.StartsWith("weight decay 1 - ηλ/n = 0.5"));
    }

    [Test]
    public void A_cost_that_fell_and_then_levelled_off_is_a_finished_run_not_a_stuck_one()
    {
        // As the record run ends: the cost fell from 0.35 to 0.0668, and its η schedule has spent η, so the last
        // epochs barely move it.
        var reports = new[] { 0.35, 0.0668, 0.06679, 0.066795 }
            .Select((cost, e) => new EpochReport(e + 1, new EvaluationResult(cost, 49875, 50000), new EvaluationResult(cost, 9937, 10000), 1, 1))
            .ToList();
        Assert.That(StuckDiagnosis.Of(reports, classes: 10, cost: "nll", output: "softmax", eta: 0.1, lambda: 5, trainingSize: 50000), Is.Null);
        // The same window after a fall of less than a tenth is still a flat cost.
        reports[0] = reports[0] with { Training = new EvaluationResult(0.07, 49875, 50000) };
        Assert.That(StuckDiagnosis.Of(reports, classes: 10, cost: "nll", output: "softmax", eta: 0.1, lambda: 5, trainingSize: 50000)?.Kind,
            Is.EqualTo(StuckKind.FlatCost));
    }

    [TestCase("nll", "softmax", false)]
    [TestCase("cross-entropy", "sigmoid", false)]
    [TestCase("quadratic", "sigmoid", true)]
    [TestCase("quadratic", "softmax", true)]
    [TestCase("cross-entropy", "softmax", true)]
    public void A_saturated_output_layer_is_a_cause_only_where_the_slope_does_not_cancel(string cost, string output, bool named)
    {
        // A flat cost under strong weight decay, with the output layer saturated: for the canonical pairs δ^L = a − y,
        // so saturation cannot be what holds the run up.
        var reports = Enumerable.Range(1, 3).Select(e => new EvaluationResult(2.302585, 60, 100))
            .Select((r, e) => new EpochReport(e + 1, r, null, 1, 1)).ToList();
        var saturated = new LayerStatistics(3, 100, [new LayerFigures(0, 0, 1, new int[LayerStatistics.Bins], 0.95, 1e-3, 1e-3, 1)]);
        StuckDiagnosis? diagnosis = StuckDiagnosis.Of(reports, classes: 10, cost, output, eta: 0.5, lambda: 50000, trainingSize: 50000, saturated);
        Assert.That(diagnosis!.Causes, Has.One.StartsWith("weight decay"));
        Assert.That(diagnosis.Causes.Any(c => c.StartsWith("saturated output layer: 95%")), Is.EqualTo(named));
    }

    [Test]
    public void Two_epochs_are_too_few_to_call_a_run_stuck()
    {
        var reports = Enumerable.Range(1, 2).Select(e => new EpochReport(e, new EvaluationResult(1, 10, 100), null, 1, 1)).ToList();
        Assert.That(StuckDiagnosis.Of(reports, 10, "nll", "sigmoid", 0.5, 0, 100), Is.Null);
    }
}
