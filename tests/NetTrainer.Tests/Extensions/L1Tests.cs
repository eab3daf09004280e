using System.Globalization;
using NetTrainer.Activations;
using NetTrainer.Costs;
using NetTrainer.Diagnostics;
using NetTrainer.Persistence;
using NetTrainer.Tests.Cli;
using NetTrainer.Training;

namespace NetTrainer.Tests.Extensions;

/// <summary>--l1 λ₁: the cost gains (λ₁/n) Σ|w| and each step −(ηλ₁/n) sgn(w).</summary>
public class L1Tests
{
    private const double Eta = 0.3, L1 = 4, Lambda = 2;
    private const int N = 25, M = 5;

    [Test]
    public void The_L1_step_is_the_plain_step_minus_eta_lambda1_over_n_times_the_sign_of_w()
    {
        Network<double> withL1 = Seeded.Network([6, 4, 3], CrossEntropyCost.Instance, Sigmoid.Instance, Sigmoid.Instance);
        Network<double> plain = withL1.ConvertTo<double>(), before = withL1.ConvertTo<double>();

        withL1.UpdateMiniBatch(Seeded.Batch(withL1, M), new MomentumSgd<double>(withL1.Sizes, Eta, lambda: 0, L1, momentum: 0, N));
        plain.UpdateMiniBatch(Seeded.Batch(plain, M), Eta, lambda: 0, N);

        for (int l = 0; l < withL1.LayerCount; l++)
        {
            double[] expected = plain.Weights[l].ToArray().Zip(before.Weights[l].ToArray(), (w, w0) => w - Eta * L1 / N * Math.Sign(w0)).ToArray();
            Assert.That(withL1.Weights[l].ToArray(), Is.EqualTo(expected).Within(1e-14), $"weights[{l}]: plain step − (ηλ₁/n) sgn(w)");
            Assert.That(withL1.Biases[l], Is.EqualTo(plain.Biases[l]).Within(1e-15), $"biases[{l}]: L1 leaves biases alone");
        }
    }

    [Test]
    public void The_L1_step_descends_the_gradient_of_the_regularised_cost_checked_by_finite_differences()
    {
        // C = (1/m) Σ_x C_x + (λ/2n) Σ w² + (λ₁/n) Σ |w|; the step is −η ∇C, so (w − w')/η must be its gradient.
        Network<double> network = Seeded.Network([6, 4, 3], QuadraticCost.Instance, Softmax.Instance, Tanh.Instance);
        Assert.That(network.Weights.SelectMany(w => w.ToArray()).Min(Math.Abs), Is.GreaterThan(1e-3), "precondition: no weight at the kink of |w|");
        MiniBatch<double> batch = Seeded.Batch(network, M);
        Network<double> stepped = network.ConvertTo<double>();
        stepped.UpdateMiniBatch(Seeded.Batch(stepped, M), new MomentumSgd<double>(network.Sizes, Eta, Lambda, L1, momentum: 0, N));

        double Cost() => network.Cost.Sum(network.Feedforward(batch).Output, batch.Y) / M
                         + Lambda / (2.0 * N) * network.SumOfSquaredWeights() + L1 / N * network.SumOfAbsoluteWeights();
        for (int l = 0; l < network.LayerCount; l++)
        {
            double[] fromStep = network.Weights[l].ToArray().Zip(stepped.Weights[l].ToArray(), (w, w1) => (w - w1) / Eta).ToArray();
            double[] numeric = Differences(network.Weights[l].AsSpan(), Cost);
            Assert.That(GradientCheck.RelativeError(fromStep, numeric), Is.LessThan(1e-7), $"weights[{l}]");
            double[] fromStepB = network.Biases[l].Zip(stepped.Biases[l], (b, b1) => (b - b1) / Eta).ToArray();
            Assert.That(GradientCheck.RelativeError(fromStepB, Differences(network.Biases[l], Cost)), Is.LessThan(1e-7), $"biases[{l}]");
        }
    }

    private static double[] Differences(Span<double> parameters, Func<double> cost)
    {
        const double h = GradientCheck.DefaultStep;
        var result = new double[parameters.Length];
        for (int i = 0; i < parameters.Length; i++)
        {
            double saved = parameters[i];
            parameters[i] = saved + h;
            double plus = cost();
            parameters[i] = saved - h;
            double minus = cost();
            parameters[i] = saved;
            result[i] = (plus - minus) / (2 * h);
        }
        return result;
    }

    [Test]
    public void The_reported_costs_include_the_L1_term_lambda1_over_n_times_the_sum_of_absolute_weights()
    {
        var options = new SgdOptions(Epochs: 2, MiniBatchSize: 10, Eta: 0.5) { L1 = 5 };
        (Network<float> network, _, Recorder recorder) = Runs.Train(seed: 3, options);

        int n = Runs.Training.Count;
        double term = 5.0 / n * network.SumOfAbsoluteWeights();
        var evaluator = new Evaluator<float>(network);
        EpochReport last = recorder.Reports[^1];
        Assert.That(term, Is.GreaterThan(0.05), "precondition: the term is large enough to see");
        Assert.That(last.Training!.Cost, Is.EqualTo(evaluator.Evaluate(Runs.Training, 0, n).Cost + term).Within(1e-9), "training cost");
        Assert.That(last.Evaluation!.Cost, Is.EqualTo(evaluator.Evaluate(Runs.Validation, 0, n).Cost + term).Within(1e-9), "evaluation cost");
    }
}

/// <summary>`train --l1` reports its costs with the L1 term, as `evaluate` (which has none) shows.</summary>
public class L1CliTests : CliFixture
{
    [Test]
    public void Train_with_l1_reports_the_validation_cost_plus_lambda1_over_n_times_the_sum_of_absolute_weights()
    {
        string model = InDir("net.json");
        CliResult train = Succeeds(Train("--epochs", "1", "--l1", "3", "--save", model));
        CliResult evaluate = Succeeds(Evaluate("--model", model, "--on", "validation"));

        double plainCost = double.Parse(evaluate.OutputLines[^1].Split("cost ")[1].Split(' ')[0], CultureInfo.InvariantCulture);
        double term = 3.0 / TrainingImages * NetworkFile.Load<float>(model).SumOfAbsoluteWeights();
        Assert.That(term, Is.GreaterThan(0.01), "precondition: the term shows at four decimals");
        Assert.That(double.Parse(train.Epochs[^1].EvaluationCost, CultureInfo.InvariantCulture), Is.EqualTo(plainCost + term).Within(1.1e-4));
    }
}
