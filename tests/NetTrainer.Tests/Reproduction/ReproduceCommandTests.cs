// Glossary
//   quick form   `reproduce NAME --quick`: a tenth of the epochs, on the tiny generated data set of CliFixture
using System.Xml.Linq;
using NetTrainer.Cli;
using NetTrainer.Reproduction;
using NetTrainer.Tests.Cli;

namespace NetTrainer.Tests.Reproduction;

/// <summary>`nettrainer reproduce` in process on the tiny data set: every experiment's quick form runs and writes its files.</summary>
public class ReproduceCommandTests : CliFixture
{
    private static IEnumerable<string> ExperimentNames => ExperimentCatalog.Names;

    private CliResult Reproduce(params string[] args) => Run(["reproduce", "--data-dir", Data, "--out", InDir("out"), .. args]);

    [TestCaseSource(nameof(ExperimentNames))]
    public void Each_experiment_runs_quick_on_the_tiny_data_and_writes_its_csv_and_page(string name)
    {
        CliResult result = Succeeds(Reproduce(name, "--quick"));
        Experiment experiment = ExperimentCatalog.All(ExperimentScale.Quick).Single(e => e.Name == name);

        string csv = File.ReadAllText(InDir($"out/{name}.csv"));
        XElement page = XElement.Parse(File.ReadAllText(InDir($"out/{name}.html"))["<!DOCTYPE html>".Length..]);
        Assert.Multiple(() =>
        {
            Assert.That(result.OutputLines, Has.Some.Match($@"^\[{experiment.Runs.Count}/{experiment.Runs.Count}\] {name}: "),
                "the last progress line counts every run");
            Assert.That(csv, Does.StartWith("experiment,run,source,seed,epoch,measure,value"));
            foreach (ExperimentRun run in experiment.Runs)
                Assert.That(csv, Does.Contain($"{name},{Csv(run.Label)},ours,1,"), $"our rows of {run.Label}");
            Assert.That(page.Descendants("svg").Count(), Is.EqualTo(experiment.ChartNorms ? experiment.Runs.Count : experiment.ChartBySize ? 1 : experiment.Charts.Count),
                "one chart per measure (per network for the gradient norms)");
            foreach (Headline headline in experiment.Headlines)
                Assert.That(page.Value, Does.Contain(headline.Description).And.Contain(Verdict.Format(headline.Book)), "the book's number beside ours");
            Assert.That(page.Value, Does.Contain("MIT License, Copyright (c) 2012-2022 Michael Nielsen"), "the attribution");
            Assert.That(File.Exists(InDir("out/index.html")), "the summary page");
        });
    }

    [Test]
    public void Two_seeds_show_mean_and_spread_and_run_each_run_twice()
    {
        CliResult result = Succeeds(Reproduce("weight-init-30", "--quick", "--seeds", "2"));
        string page = File.ReadAllText(InDir("out/weight-init-30.html"));
        Assert.Multiple(() =>
        {
            Assert.That(result.OutputLines, Has.Some.StartWith("[4/4] weight-init-30: "));
            Assert.That(page, Does.Contain("ours (mean ± sd)").And.Contain("per seed"));
        });
    }

    [Test]
    public void List_names_every_experiment_with_the_books_claim()
    {
        CliResult result = Succeeds(Run("reproduce", "--list"));
        Assert.That(result.OutputLines.Select(l => l.Split(' ')[0]), Is.EqualTo(ExperimentCatalog.Names));
        Assert.That(result.Output, Does.Contain("82.27%").And.Contain("95.42%"));
    }

    [Test]
    public void List_marks_the_record_runs_as_not_in_all()
    {
        CliResult result = Succeeds(Run("reproduce", "--list"));
        Assert.That(result.OutputLines.Where(l => l.Contains("(not in 'all')")).Select(l => l.Split(' ')[0]),
            Is.EqualTo(new[] { "record-undistorted", "record" }));
    }

    [Test]
    public void An_unknown_experiment_is_a_usage_error_listing_the_names()
    {
        AssertFails(Reproduce("chapter9", "--quick"), ExitCodes.Usage, Does.StartWith("nettrainer: 'chapter9' is not an experiment; choose from chapter1, overfitting,"));
    }

    [Test]
    public void No_experiment_named_is_a_usage_error_pointing_to_list()
    {
        AssertFails(Reproduce("--quick"), ExitCodes.Usage, "name the experiments to run, or 'all'; 'nettrainer reproduce --list' lists them.");
    }

    private static string Csv(string field) => field.Contains(',') ? $"\"{field}\"" : field;
}
