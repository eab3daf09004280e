using System.Xml.Linq;
using NetTrainer.Cli;
using NetTrainer.Tests.Cli;

namespace NetTrainer.Tests.Comparison;

/// <summary>`train --report FILE.html`: the comparison's report for one run, without changing the run.</summary>
public class TrainReportTests : CompareFixture
{
    [Test]
    public void Train_with_a_report_writes_the_report_of_its_one_run()
    {
        string path = InDir("run.html");

        CliResult result = Succeeds(Train("--epochs", "3", "--cost", "nll", "--output", "softmax", "--eta", "0.1", "--report", path));

        Assert.That(result.OutputLines[^1], Is.EqualTo($"Wrote the report to {path}."));
        XDocument report = ReadReport(path);
        Assert.That(report.Root!.Element("head")!.Element("title")!.Value, Is.EqualTo("NetTrainer run: nll:softmax@0.1"));
        foreach (string chart in new[] { "output-delta", "weight-gradient-w1", "weight-gradient-w2" })
            Assert.That(SeriesIn(report, chart), Is.EqualTo(new[] { "nll:softmax@0.1" }), chart);
        Assert.That(SeriesIn(report, "training-cost-nll"), Is.EqualTo(new[] { "nll:softmax@0.1", "nll:softmax@0.1-validation" }),
            "training and validation cost on one chart");
        Assert.That(SeriesIn(report, "accuracy").First(), Is.EqualTo("nll:softmax@0.1"), "the validation accuracy first");
        List<string[]> rows = SummaryRows(report);
        Assert.That(rows, Has.Count.EqualTo(1));
        EpochLine best = result.Epochs.MaxBy(e => e.Correct)!;
        Assert.That(rows[0][1], Is.EqualTo($"{best.Percent}%"), "the best accuracy printed");
        Assert.That(rows[0][3], Is.EqualTo(result.Epochs[^1].TrainingCost), "the final training cost printed");
        Assert.That(report.Descendants("pre").Single().Value, Does.StartWith("nettrainer train --data-dir "));
    }

    [Test]
    public void Train_with_a_report_prints_the_same_epochs_as_without()
    {
        CliResult plain = Succeeds(Train("--epochs", "3"));
        CliResult reported = Succeeds(Train("--epochs", "3", "--report", InDir("run.html")));

        Assert.That(reported.Epochs.Select(e => e.Figures), Is.EqualTo(plain.Epochs.Select(e => e.Figures)));
    }

    [Test]
    public void A_diverging_train_with_a_report_fails_as_before_and_its_report_says_where()
    {
        string path = InDir("run.html");

        CliResult result = Train("--hidden", "relu", "--init", "large", "--eta", "1e30", "--report", path);

        AssertFails(result, ExitCodes.Failure, "Training diverged in epoch 1: the training cost is NaN. Try a smaller --eta.");
        XDocument report = ReadReport(path);
        Assert.That(SummaryRows(report).Single()[^1], Is.EqualTo("diverged in epoch 1"));
        XElement accuracy = Chart(report, "accuracy");
        Assert.That(accuracy.Descendants("text").Where(t => (string?)t.Attribute("class") == "diverged"), Is.Empty, "a cross at (0, 0)");
        Assert.That(accuracy.Elements("text").Select(t => t.Value), Does.Contain("diverged in epoch 1"));
    }

    [Test]
    public void Train_monitoring_only_the_training_data_reports_training_accuracy_not_validation_accuracy()
    {
        string path = InDir("run.html");

        Succeeds(Train("--monitor", "training", "--report", path));

        XDocument report = ReadReport(path);
        string lead = report.Descendants("p").First(p => (string?)p.Attribute("class") == "lead").Value;
        Assert.That(lead, Does.EndWith($"trained on {TrainingImages} images, seed 7."));
        Assert.That(report.Root!.Value, Does.Not.Contain("validation"));
        Assert.That(Chart(report, "accuracy").Attribute("aria-label")!.Value, Is.EqualTo("Training accuracy"));
    }

    [Test]
    public void The_report_describes_the_weight_gradient_and_the_log_grid_as_they_are_computed_and_drawn()
    {
        string path = InDir("run.html");
        Succeeds(Train("--report", path));

        string text = ReadReport(path).Root!.Value;

        Assert.That(text, Does.Contain("|∂C/∂w| of the mini-batch's mean gradient").And.Not.Contain("(one example's gradient)"));
        Assert.That(text, Does.Contain("(and at 2 and 5 times it when the values span two decades or less)")
            .And.Not.Contain("each step of the grid is a factor of ten"));
        Assert.That(text, Does.Contain("diag(a) − a aᵀ"), "softmax's Jacobian, not σ′ alone, multiplies a − y");
    }

    [Test]
    public void Compare_of_one_run_without_a_hidden_layer_says_one_run_and_no_hidden_layer()
    {
        CliResult result = Succeeds(Compare("--sizes", "16,3", "--runs", "nll:softmax"));

        Assert.That(result.OutputLines, Has.Some.StartWith("Comparing 1 run of 16,3 (no hidden layer), lambda 0,"));
        string lead = Lead(ReadReport(ReportPath));
        Assert.That(lead, Does.StartWith("1 run of a 16,3 network (no hidden layer), 2 epochs each, trained on "));
    }

    [Test]
    public void Train_with_a_report_and_no_hidden_layer_says_no_hidden_layer()
    {
        string path = InDir("run.html");

        Succeeds(Train("--sizes", "16,3", "--report", path));

        Assert.That(Lead(ReadReport(path)), Does.StartWith("One run of a 16,3 network (no hidden layer, cross-entropy cost, "));
    }

    private static string Lead(XDocument report) => report.Descendants("p").First(p => (string?)p.Attribute("class") == "lead").Value;
}
