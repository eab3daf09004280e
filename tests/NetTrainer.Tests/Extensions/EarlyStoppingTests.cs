using NetTrainer.Persistence;
using NetTrainer.Tests.Cli;
using NetTrainer.Training;

namespace NetTrainer.Tests.Extensions;

/// <summary>--early-stop N: stop after N epochs without a better evaluation accuracy and keep the best epoch's network.</summary>
public class EarlyStoppingTests
{
    [Test]
    public void Early_stopping_stops_after_the_patience_and_restores_the_best_epochs_weights()
    {
        var options = new SgdOptions(Epochs: 60, MiniBatchSize: 10, Eta: 0.5) { EarlyStopPatience = 3 };
        (Network<float> network, TrainingOutcome outcome, Recorder recorder) = Runs.Train(seed: 2, options, snapshots: true);

        double[] accuracies = recorder.Reports.Select(r => r.Evaluation!.Accuracy).ToArray();
        int best = Array.IndexOf(accuracies, accuracies.Max()) + 1; // the first epoch that reached the best accuracy
        Assert.Multiple(() =>
        {
            Assert.That(outcome.Stop, Is.EqualTo(StopReason.NoImprovement));
            Assert.That(outcome.BestEpoch, Is.EqualTo(best));
            Assert.That(outcome.EpochsRun, Is.EqualTo(best + 3).And.LessThan(60), "stops 3 epochs after the best");
            Assert.That(recorder.Reports, Has.Count.EqualTo(outcome.EpochsRun));
            Assert.That(outcome.RestoredBest, Is.True);
            Assert.That(Runs.SameParameters(network, recorder.Snapshots[best - 1]), Is.True, "the network is the best epoch's, bit for bit");
            Assert.That(Runs.SameParameters(network, recorder.Snapshots[^1]), Is.False, "and not the last epoch's");
        });
    }

    [Test]
    public void Without_early_stopping_the_network_is_the_last_epochs()
    {
        var options = new SgdOptions(Epochs: 6, MiniBatchSize: 10, Eta: 0.5);
        (Network<float> network, TrainingOutcome outcome, Recorder recorder) = Runs.Train(seed: 2, options, snapshots: true);

        Assert.That(outcome.Stop, Is.EqualTo(StopReason.EpochsDone));
        Assert.That(outcome.RestoredBest, Is.False);
        Assert.That(Runs.SameParameters(network, recorder.Snapshots[^1]), Is.True);
    }
}

/// <summary>`train --early-stop N --save F` saves the best epoch's network, not the last one.</summary>
public class EarlyStoppingCliTests : CliFixture
{
    [Test]
    public void Train_with_early_stop_saves_the_best_epochs_network_not_the_last()
    {
        string model = InDir("best.json"), metrics = InDir("metrics.csv");
        CliResult train = Succeeds(Train("--epochs", "40", "--early-stop", "2", "--save", model, "--metrics", metrics));

        MetricsCsv csv = MetricsCsv.Read(metrics);
        double[] accuracies = csv.Rows.Select(r => MetricsCsv.Number(r["evaluation_accuracy"])).ToArray();
        int best = Array.IndexOf(accuracies, accuracies.Max());
        Assert.That(csv.Rows, Has.Count.EqualTo(best + 1 + 2).And.Count.LessThan(40), "stopped 2 epochs after the best");
        Assert.That(train.OutputLines, Has.Some.EqualTo($"Stopped early after epoch {best + 3}: no better accuracy for the patience given.")
            .And.Some.Match($@"^Best validation accuracy \d+/\d+ \(\d+\.\d\d%\) at epoch {best + 1} \(its weights are the ones kept\)\.$"));

        // The saved network's validation cost is the best epoch's, not the last epoch's.
        CliResult evaluate = Succeeds(Evaluate("--model", model, "--on", "validation"));
        string bestCost = MetricsCsv.Number(csv.Rows[best]["evaluation_cost"]).ToString("F4", System.Globalization.CultureInfo.InvariantCulture);
        string lastCost = MetricsCsv.Number(csv.Rows[^1]["evaluation_cost"]).ToString("F4", System.Globalization.CultureInfo.InvariantCulture);
        Assert.That(lastCost, Is.Not.EqualTo(bestCost), "precondition: the last epoch's network differs from the best");
        Assert.That(evaluate.OutputLines[^1], Does.StartWith($"{model} on validation: cost {bestCost} (cross-entropy"));
        Assert.That(NetworkFile.Load<float>(model).Sizes, Is.EqualTo(new[] { 16, 8, 3 }));
    }
}
