using NetTrainer.Activations;
using NetTrainer.Costs;
using NetTrainer.Data;
using NetTrainer.Inspection;
using NetTrainer.Persistence;
using NetTrainer.Reports;
using NetTrainer.Training;

namespace NetTrainer.Tests.Cli;

/// <summary>What a notebook does with the library alone gives what the command line gives: the same bits, the same report.</summary>
public class LibraryPathTests : CliFixture
{
    private static readonly SgdOptions TrainDefaults = new(Epochs: 2, MiniBatchSize: 10, Eta: 0.5);

    // `train --report` measures the learning signal for its charts (it changes no bit of the training).
    private static readonly SgdOptions ReportDefaults = TrainDefaults with { MeasureLearningSignal = true };

    [Test]
    public void RunStart_from_a_seed_trains_the_same_bits_as_train_with_that_seed()
    {
        string model = InDir("cli.json");
        Succeeds(Train("--seed", "7", "--save", model));

        MnistSplit mnist = Mnist.Load(Data);
        var start = RunStart<float>.FromSeed(7, [16, 8, 3], Sigmoid.Instance, Sigmoid.Instance, CrossEntropyCost.Instance);
        Sgd.Train(start, mnist.Training, mnist.Validation, TrainDefaults, EpochSink.None);

        Network<float> cli = NetworkFile.Load<float>(model);
        for (int l = 0; l < cli.LayerCount; l++)
        {
            Assert.That(start.Network.Weights[l].ToArray(), Is.EqualTo(cli.Weights[l].ToArray()), $"weights[{l}]");
            Assert.That(start.Network.Biases[l], Is.EqualTo(cli.Biases[l]), $"biases[{l}]");
        }
    }

    [Test]
    public void TrainingReport_writes_the_page_train_report_writes_but_for_the_command_the_time_and_the_seconds()
    {
        string cliPage = InDir("cli.html"), libraryPage = InDir("library.html");
        Succeeds(Train("--seed", "7", "--report", cliPage));

        MnistSplit mnist = Mnist.Load(Data);
        var start = RunStart<float>.FromSeed(7, [16, 8, 3], Sigmoid.Instance, Sigmoid.Instance, CrossEntropyCost.Instance);
        var inspection = new TrainingInspection(start.Network, mnist.Training, measureEveryEpoch: true, snapshotEpochs: new HashSet<int>());
        var epochs = new List<EpochReport>();
        Sgd.Train(start, mnist.Training, mnist.Validation, ReportDefaults, new Both(EpochSink.From(epochs.Add), inspection));
        new TrainingReport
        {
            Network = start.Network, Options = ReportDefaults, Epochs = epochs, Training = mnist.Training, Evaluation = mnist.Validation,
            Seed = 7, Inspection = inspection,
        }.WriteHtml(libraryPage);

        Assert.That(Comparable(File.ReadAllText(libraryPage)), Is.EqualTo(Comparable(File.ReadAllText(cliPage))));
        Assert.That(File.ReadAllText(libraryPage), Does.Not.Contain("Command and settings").And.Not.Contain("<pre>"),
            "a page made from code shows no command line");
    }

    // The page without what differs between two runs of the same seed, or between the CLI and code: the footer
    // (time, command line, data hashes), the command heading and block, and the seconds cell of the summary.
    private static string Comparable(string page)
    {
        page = System.Text.RegularExpressions.Regex.Replace(page, "<footer>.*</footer>", "", System.Text.RegularExpressions.RegexOptions.Singleline);
        page = System.Text.RegularExpressions.Regex.Replace(page, "\\s*<h2>(Command and settings|Settings)</h2>(\\s*<pre>[^<]*</pre>)?", "");
        return System.Text.RegularExpressions.Regex.Replace(page, "<td class=\"figure\">\\d+\\.\\d</td>(\\s*<td class=\"text status\">)", "<td/>$1");
    }

    private sealed class Both(IEpochSink first, IEpochSink second) : IEpochSink
    {
        public void Report(EpochReport report)
        {
            first.Report(report);
            second.Report(report);
        }
    }
}
