using System.Xml.Linq;
using NetTrainer.Reports;
using NetTrainer.Cli;
using NetTrainer.Cli.Reports;
using NetTrainer.Tests.Cli;

namespace NetTrainer.Tests.Comparison;

/// <summary>`nettrainer compare` on the tiny data set: fair runs, progress, the table, the CSV and the report.</summary>
public class CompareCommandTests : CompareFixture
{
    private static readonly string[] Measured = ["training_cost", "training_accuracy", "evaluation_cost", "evaluation_accuracy"];

    [Test]
    public void A_run_inside_compare_gives_the_same_numbers_as_train_with_the_same_seed()
    {
        Succeeds(Compare("--runs", "quadratic:sigmoid@3,cross-entropy:softmax@0.5", "--epochs", "3", "--lambda", "0.1"));

        foreach ((string cost, string output, string eta) in new[] { ("quadratic", "sigmoid", "3"), ("cross-entropy", "softmax", "0.5") })
        {
            string metrics = InDir($"train-{cost}.csv");
            Succeeds(Train("--cost", cost, "--output", output, "--eta", eta, "--lambda", "0.1", "--epochs", "3", "--seed", "7", "--metrics", metrics));
            var trained = MetricsCsv.Read(metrics).Rows;
            var compared = ReadCsv().Rows.Where(r => r["run"] == $"{cost}:{output}@{eta}").ToList();

            Assert.That(compared.Select(r => r["epoch"]), Is.EqualTo(new[] { "1", "2", "3" }), $"{cost}:{output} epochs");
            // Every digit: the same weights, the same mini-batches, the same arithmetic.
            foreach (string column in Measured)
                Assert.That(compared.Select(r => r[column]), Is.EqualTo(trained.Select(r => r[column])), $"{cost}:{output}: {column}");
        }
    }

    [Test]
    public void Compare_prints_progress_run_by_run_and_then_a_summary_table_with_one_row_per_run()
    {
        CliResult result = Succeeds(Compare());

        string[] ids = ["quadratic:sigmoid@3", "quadratic:softmax@3", "cross-entropy:sigmoid@0.5", "cross-entropy:softmax@0.5", "nll:sigmoid@0.5", "nll:softmax@0.5"];
        // Two runs train side by side, yet the lines come in a fixed order: run 1's epochs, then run 2's, ...
        Assert.That(ProgressLines(result), Is.EqualTo(ids.SelectMany((id, i) => new[] { (i + 1, id, 1), (i + 1, id, 2) })));
        Assert.That(result.OutputLines, Has.Some.Match(@"^\[1/6 quadratic:sigmoid@3\] done: best \d+\.\d\d% at epoch [12], \d+\.\d s\.$"));

        int header = Array.FindIndex(result.OutputLines, l => l.StartsWith("run "));
        Assert.That(header, Is.GreaterThan(0), result.Output);
        Assert.That(result.OutputLines[header], Does.Match(
            @"^run +best validation accuracy +at epoch +final training cost +final validation cost +epochs to 90% +epochs to 95% +seconds +status$"));
        string[] rows = result.OutputLines.Skip(header + 1).Take(6).ToArray();
        Assert.Multiple(() =>
        {
            for (int i = 0; i < ids.Length; i++)
                Assert.That(rows[i], Does.Match($@"^{System.Text.RegularExpressions.Regex.Escape(ids[i])} +\d+\.\d\d% +[12] +\S+ +\S+ +[-12] +[-12] +\d+\.\d +ok$"), $"row {i + 1}");
        });
        Assert.That(result.OutputLines[^1], Is.EqualTo($"Wrote {CsvPath} and {ReportPath}."));
    }

    [Test]
    public void Compare_writes_a_long_format_csv_with_the_documented_columns_and_one_row_per_run_per_epoch()
    {
        Succeeds(Compare("--runs", "quadratic:sigmoid,nll:softmax", "--eta", "0.1,1", "--lambda", "0.5", "--mini-batch-size", "5", "--hidden", "tanh"));

        MetricsCsv csv = ReadCsv();
        Assert.That(csv.Header, Is.EqualTo(new[]
        {
            "run", "cost", "output", "hidden", "eta", "lambda", "mini_batch_size", "epoch", "status",
            "training_cost", "training_accuracy", "evaluation_cost", "evaluation_accuracy", "seconds", "mean_abs_output_delta",
            "mean_abs_weight_gradient_w1", "mean_abs_weight_gradient_w2",
        }), "the columns README.md documents (16,8,3 has two weight layers)");
        Assert.That(csv.Rows.Select(r => (r["run"], r["epoch"])), Is.EqualTo(new[]
        {
            ("quadratic:sigmoid@0.1", "1"), ("quadratic:sigmoid@0.1", "2"), ("quadratic:sigmoid@1", "1"), ("quadratic:sigmoid@1", "2"),
            ("nll:softmax@0.1", "1"), ("nll:softmax@0.1", "2"), ("nll:softmax@1", "1"), ("nll:softmax@1", "2"),
        }), "runs in order, epochs in order: each pairing with each learning rate");
        Assert.Multiple(() =>
        {
            foreach (IReadOnlyDictionary<string, string> row in csv.Rows)
            {
                string where = $"{row["run"]} epoch {row["epoch"]}";
                Assert.That(row["run"], Is.EqualTo($"{row["cost"]}:{row["output"]}@{row["eta"]}"), where);
                Assert.That((row["hidden"], row["lambda"], row["mini_batch_size"], row["status"]), Is.EqualTo(("tanh", "0.5", "5", "trained")), where);
                foreach (string column in csv.Header.Skip(9))
                    Assert.That(MetricsCsv.Number(row[column]), Is.GreaterThan(0).And.LessThan(1000), $"{where}: {column}");
                Assert.That(MetricsCsv.Number(row["evaluation_accuracy"]), Is.LessThanOrEqualTo(1), $"{where}: accuracy is a fraction");
            }
        });
    }

    [Test]
    public void The_report_is_well_formed_self_contained_and_draws_one_series_per_run_in_every_chart()
    {
        Succeeds(Compare());
        XDocument report = ReadReport(ReportPath);
        string text = File.ReadAllText(ReportPath);
        string[] ids = ReadCsv().Rows.Select(r => r["run"]).Distinct().ToArray();

        Assert.Multiple(() =>
        {
            Assert.That(report.Descendants("script"), Is.Empty, "scripts");
            Assert.That(report.Descendants("link"), Is.Empty, "linked style sheets or fonts");
            Assert.That(report.Descendants().Attributes().Where(a => a.Name.LocalName is "src" or "href"), Is.Empty, "src or href attributes");
            Assert.That(text, Does.Not.Contain("http:").And.Not.Contain("https:").And.Not.Contain("@import").And.Not.Contain("url("),
                "references to anything outside the file");
            Assert.That(ids, Has.Length.EqualTo(6));
            foreach (string chart in new[] { "output-delta", "weight-gradient-w1", "weight-gradient-w2" })
                Assert.That(SeriesIn(report, chart), Is.EqualTo(ids), $"{chart}: one series per run, in order");
            Assert.That(SeriesIn(report, "accuracy"), Is.EqualTo(ids.Concat(ids.Select(id => id + "-training"))),
                "accuracy: each run's validation accuracy, then its training accuracy dotted");
            // Different cost functions measure different things: one panel each, every run in exactly one.
            string[] costPanels = ChartIds(report).Where(id => id.StartsWith("training-cost-")).ToArray();
            Assert.That(costPanels, Is.EqualTo(new[] { "training-cost-quadratic", "training-cost-cross-entropy", "training-cost-nll" }));
            string[] costSeries = costPanels.SelectMany(panel => SeriesIn(report, panel)).ToArray();
            Assert.That(costSeries.Where(s => !s.EndsWith("-validation", StringComparison.Ordinal)), Is.EqualTo(ids), "training cost: each run in its cost's panel");
            Assert.That(costSeries.Where(s => s.EndsWith("-validation", StringComparison.Ordinal)), Is.EqualTo(ids.Select(id => id + "-validation")),
                "validation cost: each run beside its training cost");
            Assert.That(SummaryRows(report).Select(r => r[0]), Is.EqualTo(ids), "the summary table");
            Assert.That(report.Descendants("pre").Single().Value, Does.StartWith("nettrainer compare --sizes 16,8,3 --epochs 2 --seed 7"),
                "the exact command line");
        });
    }

    [Test]
    public void Each_chart_has_a_legend_entry_per_series()
    {
        Succeeds(Compare("--runs", "quadratic:sigmoid,cross-entropy:sigmoid"));
        XDocument report = ReadReport(ReportPath);

        Assert.Multiple(() =>
        {
            foreach (XElement chart in report.Descendants("svg").Where(s => (string?)s.Attribute("class") == "chart"))
            {
                string[] Runs(string cls) => chart.Descendants("g").Where(g => (string?)g.Attribute("class") == cls)
                    .Select(g => (string)g.Attribute("data-run")!).ToArray();
                Assert.That(Runs("legend"), Is.EqualTo(Runs("series")), $"{chart.Attribute("id")}: legend");
                Assert.That(Runs("series"), Is.Not.Empty, $"{chart.Attribute("id")}: series");
            }
        });
    }

    [Test]
    public void A_diverging_run_is_marked_in_the_table_the_csv_and_the_report_and_the_other_runs_go_on()
    {
        // Unscaled N(0, 1) weights, unbounded relu and eta 1e30: the first step overflows float.
        CliResult result = Succeeds(Compare("--hidden", "relu", "--init", "large", "--runs", "quadratic:sigmoid@1e30,cross-entropy:sigmoid@0.05"));

        const string diverged = "quadratic:sigmoid@1E+30";
        Assert.That(result.OutputLines, Does.Contain($"[1/2 {diverged}] Training diverged in epoch 1: the training cost is NaN. Try a smaller --eta."));
        Assert.That(result.OutputLines, Has.One.Match($@"^{System.Text.RegularExpressions.Regex.Escape(diverged)} +- +- +- +- +- +- +\d+\.\d +diverged in epoch 1$"));
        Assert.That(ProgressLines(result).Select(p => p.Id), Is.EqualTo(new[] { "cross-entropy:sigmoid@0.05", "cross-entropy:sigmoid@0.05" }));

        MetricsCsv csv = ReadCsv();
        IReadOnlyDictionary<string, string> row = csv.Rows.Single(r => r["run"] == diverged);
        Assert.That((row["epoch"], row["status"], row["training_cost"], row["evaluation_accuracy"]), Is.EqualTo(("1", "diverged", "", "")));
        Assert.That(csv.Rows.Count(r => r["status"] == "trained"), Is.EqualTo(2), "the other run's two epochs");

        XDocument report = ReadReport(ReportPath);
        XElement divergedRow = report.Descendants("tr").Single(tr => (string?)tr.Attribute("class") == "diverged");
        Assert.That(divergedRow.Value, Does.Contain(diverged).And.Contain("diverged in epoch 1"));
        Assert.That(Chart(report, "accuracy").Value, Does.Contain($"{diverged} (diverged in epoch 1)"), "the legend says so");
    }

    [Test]
    public void Compare_help_lists_every_option()
    {
        CliResult result = Succeeds(Run("compare", "--help"));

        foreach (string option in new[]
                 {
                     "--runs", "--eta", "--sizes", "--hidden", "--epochs", "--mini-batch-size", "--lambda", "--init", "--seed",
                     "--data-dir", "--train-size", "--evaluate-on", "--csv", "--report",
                 })
            Assert.That(result.Output, Does.Match($@"(?m)^\s+{option}(?= )"), option);
    }

    [Test]
    public void Summary_cells_for_costs_below_a_thousandth_are_written_in_scientific_notation()
    {
        var record = new NetTrainer.Comparison.RunRecord(new(NetTrainer.Costs.NegativeLogLikelihoodCost.Instance, NetTrainer.Activations.Sigmoid.Instance, 0.5),
            [new(1, new(2.5e-5, 1, 10), new(0.25, 9, 10), 0.1, 0.2)], 0.2);

        string[] row = new SummaryTable([record], "validation", classes: 10).Rows[0];

        Assert.That(row[3..5], Is.EqualTo(new[] { "2.5e-5", "0.2500" }));
    }
}
