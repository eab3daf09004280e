using NetTrainer.Activations;
using NetTrainer.Costs;
using NetTrainer.Tests.Cli;
using NetTrainer.Training;

namespace NetTrainer.Tests.Extensions;

/// <summary>--momentum μ: v ← μv − η∇C, w ← w + v; μ = 0 is plain SGD.</summary>
public class MomentumTests
{
    [Test]
    public void Momentum_0_trains_exactly_as_plain_SGD_bit_for_bit_where_momentum_changes_the_result()
    {
        // Several epochs of many steps, with L2 on: any leftover velocity or changed step would show.
        var plain = new SgdOptions(Epochs: 3, MiniBatchSize: 10, Eta: 0.5, Lambda: 2);
        (Network<float> sgd, _, Recorder sgdReports) = Runs.Train(seed: 6, plain);
        (Network<float> zero, _, Recorder zeroReports) = Runs.Train(seed: 6, plain with { Momentum = 0 });
        (Network<float> heavy, _, _) = Runs.Train(seed: 6, plain with { Momentum = 0.9 });

        Assert.That(Runs.SameParameters(zero, sgd), Is.True, "momentum 0 against plain SGD");
        Assert.That(zeroReports.Reports.Select(r => r.Training!.Cost), Is.EqualTo(sgdReports.Reports.Select(r => r.Training!.Cost)));
        Assert.That(Runs.SameParameters(heavy, sgd), Is.False, "momentum 0.9 changes the run");
    }

    [Test]
    public void The_general_step_with_momentum_0_is_the_plain_step_over_several_steps()
    {
        Network<double> general = Seeded.Network([5, 4, 3], CrossEntropyCost.Instance, Sigmoid.Instance, Sigmoid.Instance);
        Network<double> plain = general.ConvertTo<double>();
        const int n = 30;
        var step = new MomentumSgd<double>(general.Sizes, eta: 0.4, lambda: 3, l1: 0, momentum: 0, n);

        for (int s = 0; s < 4; s++)
        {
            general.UpdateMiniBatch(Seeded.Batch(general, m: 5, seed: 10 + s), step);
            plain.UpdateMiniBatch(Seeded.Batch(plain, m: 5, seed: 10 + s), eta: 0.4, lambda: 3, n);
        }
        Assert.That(step.WeightVelocity, Is.Null, "momentum 0 keeps no velocity");
        for (int l = 0; l < general.LayerCount; l++)
        {
            Assert.That(general.Weights[l].ToArray(), Is.EqualTo(plain.Weights[l].ToArray()).Within(1e-14), $"weights[{l}]");
            Assert.That(general.Biases[l], Is.EqualTo(plain.Biases[l]).Within(1e-14), $"biases[{l}]");
        }
    }

    [Test]
    public void Momentum_follows_v_gets_mu_v_minus_eta_gradient_and_w_gets_w_plus_v_for_two_steps_by_hand()
    {
        const double eta = 0.5, mu = 0.7, lambda = 1.5;
        const int n = 20, m = 3;
        Network<double> network = Seeded.Network([4, 3, 2], QuadraticCost.Instance, Sigmoid.Instance, Sigmoid.Instance);
        Network<double> byHand = network.ConvertTo<double>();
        var step = new MomentumSgd<double>(network.Sizes, eta, lambda, l1: 0, momentum: mu, n);

        // By hand: ∇C = nablaW/m + (λ/n) w for weights and nablaB/m for biases; v starts at 0.
        double[][] vW = byHand.Weights.Select(w => new double[w.AsSpan().Length]).ToArray();
        double[][] vB = byHand.Biases.Select(b => new double[b.Length]).ToArray();
        for (int s = 0; s < 2; s++)
        {
            network.UpdateMiniBatch(Seeded.Batch(network, m, seed: 20 + s), step);

            Gradients<double> g = byHand.Backprop(Seeded.Batch(byHand, m, seed: 20 + s));
            for (int l = 0; l < byHand.LayerCount; l++)
            {
                Span<double> w = byHand.Weights[l].AsSpan(); // stepped in place, as the weights
                double[] b = byHand.Biases[l];
                for (int i = 0; i < w.Length; i++)
                {
                    vW[l][i] = mu * vW[l][i] - eta * (g.NablaW[l].AsSpan()[i] / m + lambda / n * w[i]);
                    w[i] += vW[l][i];
                }
                for (int i = 0; i < b.Length; i++)
                {
                    vB[l][i] = mu * vB[l][i] - eta * g.NablaB[l][i] / m;
                    b[i] += vB[l][i];
                }
            }
        }
        for (int l = 0; l < network.LayerCount; l++)
        {
            Assert.That(step.WeightVelocity![l].ToArray(), Is.EqualTo(vW[l]).Within(1e-15), $"velocity of weights[{l}] after two steps");
            Assert.That(step.BiasVelocity![l], Is.EqualTo(vB[l]).Within(1e-15), $"velocity of biases[{l}] after two steps");
            Assert.That(network.Weights[l].ToArray(), Is.EqualTo(byHand.Weights[l].ToArray()).Within(1e-15), $"weights[{l}] after two steps");
            Assert.That(network.Biases[l], Is.EqualTo(byHand.Biases[l]).Within(1e-15), $"biases[{l}] after two steps");
        }
        // The second step is not the plain one: it carries μ times the first step's velocity.
        Assert.That(vW[0].Max(Math.Abs), Is.GreaterThan(0));
    }
}

/// <summary>`train --momentum`.</summary>
public class MomentumCliTests : CliFixture
{
    [Test]
    public void Train_with_momentum_0_prints_the_same_epochs_as_without_and_with_momentum_0_9_others()
    {
        CliResult plain = Succeeds(Train("--epochs", "3"));
        CliResult zero = Succeeds(Train("--epochs", "3", "--momentum", "0"));
        CliResult heavy = Succeeds(Train("--epochs", "3", "--momentum", "0.9"));

        Assert.That(zero.Epochs.Select(e => e.Figures), Is.EqualTo(plain.Epochs.Select(e => e.Figures)));
        Assert.That(heavy.Epochs.Select(e => e.Figures), Is.Not.EqualTo(plain.Epochs.Select(e => e.Figures)));
    }
}
