using NetTrainer.Tests.Cli;
using NetTrainer.Training;

namespace NetTrainer.Tests.Extensions;

/// <summary>--monitor: what is measured after each epoch; the rest is not computed at all.</summary>
public class MonitoringTests
{
    [Test]
    public void Monitoring_evaluation_only_skips_the_training_pass()
    {
        var options = new SgdOptions(Epochs: 2, MiniBatchSize: 10, Eta: 0.5) { Monitor = Monitoring.Evaluation };
        (_, _, Recorder recorder) = Runs.Train(seed: 1, options);

        Assert.That(recorder.Reports.Select(r => r.Training), Has.All.Null);
        Assert.That(recorder.Reports.Select(r => r.Evaluation?.Total), Has.All.EqualTo(Runs.Validation.Count));
    }

    [Test]
    public void Monitoring_training_only_skips_the_evaluation_pass()
    {
        var options = new SgdOptions(Epochs: 2, MiniBatchSize: 10, Eta: 0.5) { Monitor = Monitoring.Training };
        (_, _, Recorder recorder) = Runs.Train(seed: 1, options);

        Assert.That(recorder.Reports.Select(r => r.Evaluation), Has.All.Null);
        Assert.That(recorder.Reports.Select(r => r.Training?.Total), Has.All.EqualTo(Runs.Training.Count));
    }

    [Test]
    public void What_is_monitored_does_not_change_the_training()
    {
        var both = new SgdOptions(Epochs: 3, MiniBatchSize: 10, Eta: 0.5);
        (Network<float> a, _, _) = Runs.Train(seed: 5, both);
        (Network<float> b, _, _) = Runs.Train(seed: 5, both with { Monitor = Monitoring.Evaluation });

        Assert.That(Runs.SameParameters(a, b), Is.True);
    }
}

/// <summary>`train --monitor` on the command line and in the --metrics CSV.</summary>
public class MonitoringCliTests : CliFixture
{
    [Test]
    public void Train_monitoring_evaluation_leaves_the_training_columns_empty_and_prints_no_training_cost()
    {
        string metrics = InDir("metrics.csv");
        CliResult result = Succeeds(Train("--epochs", "2", "--monitor", "evaluation", "--metrics", metrics));

        MetricsCsv csv = MetricsCsv.Read(metrics);
        Assert.That(csv.Rows, Has.Count.EqualTo(2));
        Assert.That(csv.Rows.Select(r => r["training_cost"] + r["training_accuracy"]), Has.All.Empty, "training columns");
        Assert.That(csv.Rows.Select(r => r["evaluation_cost"]), Has.None.Empty, "evaluation_cost");
        string[] epochLines = result.OutputLines.Where(l => l.StartsWith("Epoch", StringComparison.Ordinal)).ToArray();
        Assert.That(epochLines, Has.Length.EqualTo(2).And.All.Contain("  validation ").And.None.Contain("train"));
    }

    [Test]
    public void Train_monitoring_training_leaves_the_evaluation_columns_empty()
    {
        string metrics = InDir("metrics.csv");
        CliResult result = Succeeds(Train("--epochs", "2", "--monitor", "training", "--metrics", metrics));

        MetricsCsv csv = MetricsCsv.Read(metrics);
        Assert.That(csv.Rows.Select(r => r["evaluation_cost"] + r["evaluation_correct"] + r["evaluation_accuracy"]), Has.All.Empty);
        Assert.That(csv.Rows.Select(r => r["training_cost"]), Has.None.Empty);
        Assert.That(result.OutputLines.Where(l => l.StartsWith("Epoch", StringComparison.Ordinal)),
            Has.All.Match(@"  train \d+\.\d{4} \d+\.\d{2}% \(\d+/100\)  ").And.None.Contain("validation"));
    }
}
