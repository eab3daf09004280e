// Closed forms for the single neuron (Nielsen, chapter 3): a = σ(wx + b), σ'(z) = a(1 − a),
// quadratic ∂C/∂w = (a − y) σ'(z) x and ∂C/∂b = (a − y) σ'(z); cross-entropy ∂C/∂w = (a − y) x and ∂C/∂b = a − y.
using NetTrainer.Costs;
using NetTrainer.Course;

namespace NetTrainer.Tests.Course;

/// <summary>The learning-slowdown experiment against the chapter 3 formulas, and the book's picture in numbers.</summary>
public class SlowdownExperimentTests
{
    private static double Sigma(double z) => 1 / (1 + Math.Exp(-z));

    private static IEnumerable<TestCaseData> Setups()
    {
        yield return new TestCaseData(SlowdownSetup.Book).SetArgDisplayNames("the book's x = 1, y = 0");
        // x ≠ 1 and y ≠ 0, so a missing factor x or a dropped y shows.
        yield return new TestCaseData(new SlowdownSetup(1.5, 0.25, 0.1, 3, [new NeuronStart("mine", -0.7, 0.3), NeuronStart.Saturated]))
            .SetArgDisplayNames("x = 1.5, y = 0.25");
    }

    [TestCaseSource(nameof(Setups))]
    public void The_starting_values_of_every_run_match_the_closed_forms(SlowdownSetup setup)
    {
        IReadOnlyList<SlowdownRun> runs = SlowdownExperiment.Run(setup);

        Assert.That(runs, Has.Count.EqualTo(setup.Starts.Count * 2), "two costs from each start");
        Assert.Multiple(() =>
        {
            foreach (SlowdownRun run in runs)
            {
                NeuronState s = run.Initial;
                double z = run.Start.W * setup.X + run.Start.B, a = Sigma(z), sigmaPrime = a * (1 - a), error = a - setup.Y;
                string name = $"{run.Cost.Name} from {run.Start.Name}";
                Assert.That((s.W, s.B), Is.EqualTo((run.Start.W, run.Start.B)), $"{name}: w, b");
                Assert.That(s.Z, Is.EqualTo(z).Within(1e-15), $"{name}: z = wx + b");
                Assert.That(s.A, Is.EqualTo(a).Within(1e-15), $"{name}: a = σ(z)");
                Assert.That(s.SigmaPrime, Is.EqualTo(sigmaPrime).Within(1e-15), $"{name}: σ'(z) = a(1 − a)");
                if (run.Cost is QuadraticCost)
                {
                    Assert.That(s.Cost, Is.EqualTo(0.5 * error * error).Within(1e-15), $"{name}: C = ½(a − y)²");
                    Assert.That(s.DCdw, Is.EqualTo(error * sigmaPrime * setup.X).Within(1e-15), $"{name}: ∂C/∂w = (a − y) σ'(z) x");
                    Assert.That(s.DCdb, Is.EqualTo(error * sigmaPrime).Within(1e-15), $"{name}: ∂C/∂b = (a − y) σ'(z)");
                }
                else
                {
                    Assert.That(s.Cost, Is.EqualTo(-(setup.Y * Math.Log(a) + (1 - setup.Y) * Math.Log(1 - a))).Within(1e-14),
                        $"{name}: C = −[y ln a + (1 − y) ln(1 − a)]");
                    Assert.That(s.DCdw, Is.EqualTo(error * setup.X).Within(1e-15), $"{name}: ∂C/∂w = (a − y) x");
                    Assert.That(s.DCdb, Is.EqualTo(error).Within(1e-15), $"{name}: ∂C/∂b = a − y");
                }
            }
        });
    }

    [Test]
    public void The_saturated_start_is_the_books_z_4_a_0_982_and_sigma_prime_0_0177()
    {
        NeuronState s = SlowdownExperiment.Run(SlowdownSetup.Book, NeuronStart.Saturated, QuadraticCost.Instance).Initial;

        Assert.That(s.Z, Is.EqualTo(4.0));
        Assert.That(Math.Round(s.A, 3), Is.EqualTo(0.982));
        Assert.That(Math.Round(s.SigmaPrime, 4), Is.EqualTo(0.0177));
    }

    [Test]
    public void Each_epoch_is_one_gradient_step_of_size_eta()
    {
        SlowdownRun run = SlowdownExperiment.Run(SlowdownSetup.Book, NeuronStart.Unsaturated, CrossEntropyCost.Instance);

        Assert.That(run.States, Has.Count.EqualTo(301), "the start and 300 epochs");
        Assert.Multiple(() =>
        {
            for (int e = 0; e < 300; e += 37)
            {
                NeuronState before = run.States[e], after = run.States[e + 1];
                Assert.That(after.W, Is.EqualTo(before.W - 0.15 * before.DCdw).Within(1e-15), $"epoch {e + 1}: w ← w − η ∂C/∂w");
                Assert.That(after.B, Is.EqualTo(before.B - 0.15 * before.DCdb).Within(1e-15), $"epoch {e + 1}: b ← b − η ∂C/∂b");
            }
        });
    }

    [Test]
    public void From_the_saturated_start_quadratic_crawls_while_cross_entropy_falls_fast()
    {
        SlowdownSetup book = SlowdownSetup.Book;
        SlowdownRun quadratic = SlowdownExperiment.Run(book, NeuronStart.Saturated, QuadraticCost.Instance);
        SlowdownRun crossEntropy = SlowdownExperiment.Run(book, NeuronStart.Saturated, CrossEntropyCost.Instance);

        // The book's picture: after 100 epochs the quadratic run has hardly moved, the cross-entropy run is nearly done.
        Assert.That(quadratic.States[100].Cost / quadratic.Initial.Cost, Is.GreaterThan(0.95), "quadratic: cost left after 100 epochs");
        Assert.That(crossEntropy.States[100].Cost / crossEntropy.Initial.Cost, Is.LessThan(0.02), "cross-entropy: cost left after 100 epochs");
    }

    [Test]
    public void After_300_epochs_both_cross_entropy_runs_are_far_below_the_quadratic_run_from_the_saturated_start()
    {
        IReadOnlyList<SlowdownRun> runs = SlowdownExperiment.Run(SlowdownSetup.Book);
        SlowdownRun quadraticSaturated = runs.Single(r => r.Cost is QuadraticCost && r.Start == NeuronStart.Saturated);

        // The two costs have different scales, so compare like with like: the error a − y, and the quadratic cost ½(a − y)².
        Assert.Multiple(() =>
        {
            foreach (SlowdownRun ce in runs.Where(r => r.Cost is CrossEntropyCost))
            {
                Assert.That(ce.Final.A, Is.LessThan(quadraticSaturated.Final.A / 10), $"cross-entropy from {ce.Start.Name}: output a after 300 epochs");
                Assert.That(0.5 * ce.Final.A * ce.Final.A, Is.LessThan(quadraticSaturated.Final.Cost / 100),
                    $"cross-entropy from {ce.Start.Name}: ½a² after 300 epochs");
                Assert.That(ce.Final.Cost, Is.LessThan(quadraticSaturated.Final.Cost), $"cross-entropy from {ce.Start.Name}: its own cost");
            }
        });
    }

    [Test]
    public void The_experiment_refuses_more_epochs_than_it_can_keep() =>
        Assert.That(() => SlowdownExperiment.Run(SlowdownSetup.Book with { Epochs = int.MaxValue }),
            Throws.ArgumentException.With.Message.EqualTo($"The experiment needs 1 to {SlowdownSetup.MaxEpochs} epochs; got {int.MaxValue}."));
}
