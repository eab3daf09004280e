using System.Globalization;
using NetTrainer.Tests.Cli;
using NetTrainer.Training;

namespace NetTrainer.Tests.Extensions;

/// <summary>--eta-schedule halve:N: halve η after N epochs without a better evaluation accuracy; stop at η₀/128.</summary>
public class EtaScheduleTests
{
    private const double Eta0 = 0.5;

    /// <summary>
    /// The book's rule, written out: η halves after <paramref name="patience"/> epochs without a better accuracy
    /// (the count restarts after each halving), and training stops when η would reach η₀/128, the 7th halving.
    /// Returns the η each epoch should have trained with, up to the epoch that stops.
    /// </summary>
    private static List<double> ExpectedEtas(IReadOnlyList<double> accuracies, int patience)
    {
        var etas = new List<double>();
        double eta = Eta0, best = double.NegativeInfinity;
        int since = 0, halvings = 0;
        foreach (double accuracy in accuracies)
        {
            etas.Add(eta);
            if (accuracy > best)
                (best, since) = (accuracy, 0);
            else if (++since == patience)
            {
                if (++halvings == 7)
                    break;
                (since, eta) = (0, eta / 2);
            }
        }
        return etas;
    }

    [TestCase(1)]
    [TestCase(2)]
    public void The_schedule_halves_eta_after_the_patience_and_stops_at_one_128th(int patience)
    {
        var options = new SgdOptions(Epochs: 200, MiniBatchSize: 10, Eta: Eta0) { HalveEtaPatience = patience };
        (_, TrainingOutcome outcome, Recorder recorder) = Runs.Train(seed: 4, options);

        double[] etas = recorder.Reports.Select(r => r.Eta).ToArray();
        List<double> expected = ExpectedEtas(recorder.Reports.Select(r => r.Evaluation!.Accuracy).ToList(), patience);
        Assert.Multiple(() =>
        {
            Assert.That(etas, Is.EqualTo(expected), "η per epoch");
            Assert.That(outcome.Stop, Is.EqualTo(StopReason.EtaFloor));
            Assert.That(outcome.EpochsRun, Is.EqualTo(expected.Count).And.LessThan(200));
            Assert.That(etas.Distinct(), Is.EqualTo(Enumerable.Range(0, 7).Select(k => Eta0 / (1 << k))),
                "η₀, η₀/2, ..., η₀/64: η₀/128 is where it stops, never trained with");
        });
    }

    [Test]
    public void Each_epoch_trains_with_the_eta_it_reports()
    {
        // Without shuffling, SGD depends only on the weights and η: replaying the reported η epoch by epoch must
        // give the same network, bit for bit.
        var options = new SgdOptions(Epochs: 200, MiniBatchSize: 10, Eta: Eta0, Shuffle: false) { HalveEtaPatience = 1 };
        (Network<float> scheduled, _, Recorder recorder) = Runs.Train(seed: 4, options);
        Assert.That(recorder.Reports.Select(r => r.Eta).Distinct().Count(), Is.EqualTo(7), "precondition: η changed");

        Network<float> replayed = Runs.Network(seed: 4);
        var epochs = new SgdEpochs<float>(replayed, Runs.Training, options with { }, new Random(1));
        foreach (EpochReport report in recorder.Reports)
        {
            epochs.Eta = report.Eta;
            epochs.Run();
        }
        Assert.That(Runs.SameParameters(replayed, scheduled), Is.True);
    }
}

/// <summary>The eta column of `train --eta-schedule halve:N --metrics`.</summary>
public class EtaScheduleCliTests : CliFixture
{
    [Test]
    public void Train_with_an_eta_schedule_writes_the_halved_etas_and_stops_at_one_128th()
    {
        string metrics = InDir("metrics.csv");
        CliResult result = Succeeds(Train("--epochs", "200", "--eta", "0.5", "--eta-schedule", "halve:1", "--metrics", metrics));

        double[] etas = MetricsCsv.Read(metrics).Rows.Select(r => MetricsCsv.Number(r["eta"])).ToArray();
        Assert.That(etas, Has.Length.LessThan(200));
        Assert.That(etas[0], Is.EqualTo(0.5), "η₀ (a power of 2, so float32 holds it and its halvings exactly)");
        Assert.That(etas.Zip(etas.Skip(1), (a, b) => b / a), Has.All.EqualTo(1.0).Or.EqualTo(0.5), "η stays or halves between epochs");
        Assert.That(etas[^1], Is.EqualTo(0.5 / 64), "the last epoch trains with η₀/64");
        Assert.That(result.OutputLines, Has.Some.StartWith($"Stopped after epoch {etas.Length}: the learning rate reached 1/128 of its start."));
        // The epoch lines show η when a schedule runs.
        Assert.That(result.OutputLines.Where(l => l.StartsWith("Epoch", StringComparison.Ordinal)).Last(),
            Does.Contain("  eta " + (0.5 / 64).ToString("G4", CultureInfo.InvariantCulture) + "  "));
    }
}
