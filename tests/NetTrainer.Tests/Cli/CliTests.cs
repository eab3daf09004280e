using System.Globalization;
using System.Text.RegularExpressions;
using NetTrainer.Activations;
using NetTrainer.Costs;
using NetTrainer.Data;
using NetTrainer.Persistence;
using NetTrainer.Training;

namespace NetTrainer.Tests.Cli;

/// <summary>`nettrainer` runs that succeed, in process on the tiny data set (see <see cref="CliFixture"/>).</summary>
public class CliTests : CliFixture
{
    private static readonly string[] SecondsColumns = ["training_seconds", "seconds"];

    [Test]
    public void Train_with_a_seed_prints_one_line_per_epoch_with_costs_accuracy_and_seconds()
    {
        CliResult result = Succeeds(Train("--epochs", "3"));

        Assert.That(result.OutputLines[0], Is.EqualTo($"Data folder {Data} (given by --data-dir)."), "the first line: which folder and why");
        Assert.That(result.OutputLines, Does.Contain(
            $"Data: {TrainingImages} training, {ValidationImages} validation, {TestImages} test images of 4x4, 3 classes."));
        Assert.That(result.OutputLines, Does.Contain("Network 16,8,3, sigmoid hidden, sigmoid output, cross-entropy cost."));
        // (16 + 1) 8 + (8 + 1) 3 = 163: each neuron after the input has one weight per neuron before it, and a bias.
        Assert.That(result.OutputLines, Does.Contain($"Learning 163 weights and biases from {TrainingImages} training images."));
        Assert.That(result.OutputLines, Does.Contain("SGD: eta 0.5, lambda 0, mini-batch 10, epochs 3, seed 7."));
        Assert.That(result.Epochs.Select(e => (e.Epoch, e.Epochs)), Is.EqualTo(new[] { (1, 3), (2, 3), (3, 3) }));
        Assert.Multiple(() =>
        {
            foreach (EpochLine e in result.Epochs)
            {
                Assert.That(e.Set, Is.EqualTo("validation"), $"epoch {e.Epoch}: the default evaluation set");
                Assert.That(e.Total, Is.EqualTo(ValidationImages), $"epoch {e.Epoch}: accuracy out of");
                Assert.That(e.Correct, Is.InRange(0, ValidationImages), $"epoch {e.Epoch}: correct");
                Assert.That(e.Percent, Is.EqualTo((100.0 * e.Correct / e.Total).ToString("F2", CultureInfo.InvariantCulture)),
                    $"epoch {e.Epoch}: percent = 100 correct / total");
            }
        });
    }

    [Test]
    public void Train_names_each_of_chapter_3s_extensions_that_is_on_under_the_SGD_line()
    {
        CliResult result = Succeeds(Train("--epochs", "2", "--momentum", "0.5", "--l1", "0.1", "--eta-schedule", "halve:2",
            "--early-stop", "3", "--augment", "rotate:10"));
        int sgd = result.OutputLines.IndexOf("SGD: eta 0.5, lambda 0, mini-batch 10, epochs 2, seed 7.");
        Assert.That(result.OutputLines.Skip(sgd + 1).Take(4), Is.EqualTo(new[]
        {
            "Step: momentum 0.5, L1 lambda 0.1.",
            "Schedule: eta halved after 2 epochs without a better validation accuracy.",
            "Early stop: after 3 epochs without a better validation accuracy.",
            "Augment: every epoch trains on fresh distortions (rotate:10) of its images.",
        }));

        CliResult plain = Succeeds(Train("--epochs", "2"));
        Assert.That(plain.OutputLines.Where(l => l.StartsWith("Step:") || l.StartsWith("Schedule:") || l.StartsWith("Early stop:") || l.StartsWith("Augment:")),
            Is.Empty, "plain SGD names none");
    }

    [Test]
    public void Train_twice_with_the_same_seed_gives_identical_epoch_figures()
    {
        CliResult first = Succeeds(Train("--epochs", "3", "--seed", "11", "--metrics", InDir("first.csv")));
        CliResult second = Succeeds(Train("--epochs", "3", "--seed", "11", "--metrics", InDir("second.csv")));

        Assert.That(second.Epochs.Select(e => e.Figures), Is.EqualTo(first.Epochs.Select(e => e.Figures)));
        // The CSV holds every digit: the runs agree exactly, not just to four decimals.
        Assert.That(WithoutSeconds(MetricsCsv.Read(InDir("second.csv"))), Is.EqualTo(WithoutSeconds(MetricsCsv.Read(InDir("first.csv")))));
    }

    [Test]
    public void Train_with_another_seed_gives_other_epoch_figures()
    {
        CliResult seven = Succeeds(Train("--seed", "7"));
        CliResult eight = Succeeds(Train("--seed", "8"));

        Assert.That(eight.Epochs.Select(e => e.Figures), Is.Not.EqualTo(seven.Epochs.Select(e => e.Figures)));
    }

    private static List<string> WithoutSeconds(MetricsCsv csv) =>
        csv.Rows.Select(row => string.Join(",", row.Where(c => !SecondsColumns.Contains(c.Key)).Select(c => $"{c.Key}={c.Value}"))).ToList();

    [Test]
    public void Train_with_metrics_writes_a_csv_row_per_epoch_that_agrees_with_the_printed_lines()
    {
        string metrics = InDir("metrics.csv");
        CliResult result = Succeeds(Train("--epochs", "3", "--metrics", metrics));

        MetricsCsv csv = MetricsCsv.Read(metrics);
        Assert.That(csv.Header, Is.EqualTo(new[]
        {
            "epoch", "training_cost", "training_accuracy", "evaluation_cost", "evaluation_correct", "evaluation_total",
            "evaluation_accuracy", "training_seconds", "seconds", "eta",
        }), "the columns README.md documents");
        Assert.That(csv.Rows, Has.Count.EqualTo(3), "one row per epoch");
        Assert.Multiple(() =>
        {
            for (int i = 0; i < 3; i++)
            {
                IReadOnlyDictionary<string, string> row = csv.Rows[i];
                EpochLine printed = result.Epochs[i];
                Assert.That(row["epoch"], Is.EqualTo($"{i + 1}"), $"row {i}: epoch");
                Assert.That(F4(row["training_cost"]), Is.EqualTo(printed.TrainingCost), $"row {i}: training_cost");
                Assert.That(F4(row["evaluation_cost"]), Is.EqualTo(printed.EvaluationCost), $"row {i}: evaluation_cost");
                Assert.That(MetricsCsv.Number(row["evaluation_accuracy"]), Is.EqualTo((double)printed.Correct / printed.Total),
                    $"row {i}: evaluation_accuracy is the fraction correct");
                Assert.That(MetricsCsv.Number(row["seconds"]), Is.GreaterThanOrEqualTo(0), $"row {i}: seconds");
            }
        });
    }

    private static string F4(string number) => MetricsCsv.Number(number).ToString("F4", CultureInfo.InvariantCulture);

    [Test]
    public void Evaluate_on_test_reports_the_same_cost_and_accuracy_as_the_last_epoch_of_train_evaluated_on_test()
    {
        string model = InDir("net.json");
        CliResult train = Succeeds(Train("--epochs", "3", "--evaluate-on", "test", "--save", model));
        EpochLine last = train.Epochs[^1];
        Assert.That(last.Set, Is.EqualTo("test"));
        Assert.That(last.Total, Is.EqualTo(TestImages));
        Assert.That(train.OutputLines[^1], Is.EqualTo($"Saved the network to {model}."));

        CliResult evaluate = Succeeds(Evaluate("--model", model, "--on", "test"));

        // lambda is 0, so train's test cost has no L2 term either.
        Assert.That(evaluate.OutputLines[^1], Is.EqualTo(
            $"{model} on test: cost {last.EvaluationCost} (cross-entropy, no L2 term), accuracy {last.Correct}/{last.Total} ({last.Percent}%)"));
    }

    [Test]
    public void Train_with_dropout_saves_plain_weights_that_evaluate_as_its_last_epoch_and_record_nothing_of_dropout()
    {
        string model = InDir("dropout.json");
        CliResult train = Succeeds(Train("--epochs", "2", "--evaluate-on", "test", "--dropout", "0.5", "--input-dropout", "0.2",
            "--max-norm", "3", "--save", model));
        Assert.That(train.OutputLines, Has.Some.StartWith("Dropout: hidden 0.5, input 0.2, max-norm 3"));
        EpochLine last = train.Epochs[^1];

        CliResult evaluate = Succeeds(Evaluate("--model", model, "--on", "test"));

        // Inverted dropout scaled while training: the saved weights are evaluated as they are.
        Assert.That(evaluate.OutputLines[^1], Does.EndWith($"cost {last.EvaluationCost} (cross-entropy, no L2 term), accuracy {last.Correct}/{last.Total} ({last.Percent}%)"));
        Assert.That(File.ReadAllText(model), Does.Not.Contain("dropout").IgnoreCase.And.Not.Contain("norm").IgnoreCase);
    }

    [Test]
    public void Train_with_dropout_resumed_from_a_checkpoint_ends_as_the_whole_run()
    {
        string[] dropout = ["--dropout", "0.5", "--input-dropout", "0.2", "--max-norm", "2", "--seed", "5"];
        Succeeds(Train(["--epochs", "3", "--metrics", InDir("whole.csv"), "--save", InDir("whole.json"), .. dropout]));
        Succeeds(Train(["--epochs", "1", "--checkpoint", InDir("ck.json"), .. dropout]));

        Succeeds(Run("train", "--data-dir", Data, "--resume", InDir("ck.json"), "--epochs", "3", "--metrics", InDir("resumed.csv"),
            "--save", InDir("resumed.json")));

        Assert.That(File.ReadAllText(InDir("resumed.json")), Is.EqualTo(File.ReadAllText(InDir("whole.json"))));
        string[] columns = ["training_cost", "evaluation_cost", "evaluation_correct"];
        Assert.That(MetricsCsv.Read(InDir("resumed.csv")).Rows[^1].Where(kv => columns.Contains(kv.Key)),
            Is.EqualTo(MetricsCsv.Read(InDir("whole.csv")).Rows[^1].Where(kv => columns.Contains(kv.Key))));
    }

    [Test]
    public void Train_with_init_from_continues_exactly_where_the_saved_run_stopped()
    {
        // Without shuffling, SGD is a function of the weights alone: 2 epochs, saved, then 1 more must equal 3 epochs.
        string model = InDir("after-2.json");
        Succeeds(Train("--epochs", "2", "--no-shuffle", "--save", model));
        Succeeds(Train("--epochs", "3", "--no-shuffle", "--metrics", InDir("three.csv")));

        CliResult continued = Succeeds(Train("--init-from", model, "--epochs", "1", "--no-shuffle", "--metrics", InDir("continued.csv")));

        Assert.That(continued.OutputLines, Has.Some.StartWith("Network 16,8,3, sigmoid hidden, sigmoid output, cross-entropy cost."));
        IReadOnlyDictionary<string, string> third = MetricsCsv.Read(InDir("three.csv")).Rows[2];
        IReadOnlyDictionary<string, string> continuedFirst = MetricsCsv.Read(InDir("continued.csv")).Rows[0];
        Assert.Multiple(() =>
        {
            foreach (string column in new[] { "training_cost", "training_accuracy", "evaluation_cost", "evaluation_correct" })
                Assert.That(continuedFirst[column], Is.EqualTo(third[column]), column);
        });
    }

    [Test]
    public void Train_with_init_from_and_no_shuffle_twice_gives_identical_output_whatever_the_seed()
    {
        string model = InDir("start.json");
        Succeeds(Train("--epochs", "1", "--save", model));

        CliResult first = Succeeds(Run("train", "--data-dir", Data, "--init-from", model, "--epochs", "1", "--no-shuffle"));
        CliResult second = Succeeds(Run("train", "--data-dir", Data, "--init-from", model, "--epochs", "1", "--no-shuffle"));

        Assert.That(first.Epochs, Has.Count.EqualTo(1));
        Assert.That(second.Epochs.Select(e => e.Figures), Is.EqualTo(first.Epochs.Select(e => e.Figures)));
    }

    [Test]
    public void Train_size_n_trains_and_measures_the_training_cost_on_the_first_n_images()
    {
        const int n = 10;
        string model = InDir("net.json"), metrics = InDir("metrics.csv");
        Succeeds(Train("--train-size", $"{n}", "--epochs", "1", "--save", model, "--metrics", metrics));

        // Recompute the reported training cost from the saved network on the first n and on all training images.
        Network<float> network = NetworkFile.Load<float>(model);
        Dataset training = Mnist.Load(Data).Training;
        double firstN = new Evaluator<float>(network).Evaluate(training.Slice(0, n), lambda: 0, trainingSize: n).Cost;
        double all = new Evaluator<float>(network).Evaluate(training, lambda: 0, trainingSize: training.Count).Cost;
        IReadOnlyDictionary<string, string> row = MetricsCsv.Read(metrics).Rows[0];

        Assert.That(MetricsCsv.Number(row["training_cost"]), Is.EqualTo(firstN).Within(1e-12), "cost on the first n images");
        Assert.That(MetricsCsv.Number(row["training_cost"]), Is.Not.EqualTo(all).Within(1e-6), "cost on all training images");
        double correct = MetricsCsv.Number(row["training_accuracy"]) * n;
        Assert.That(correct, Is.EqualTo(Math.Round(correct)).Within(1e-9), "training accuracy is a count out of n");
    }

    [Test]
    public void Train_size_of_the_whole_training_set_is_the_same_as_no_train_size()
    {
        CliResult whole = Succeeds(Train("--train-size", $"{TrainingImages}"));
        CliResult plain = Succeeds(Train());

        Assert.That(whole.Epochs.Select(e => e.Figures), Is.EqualTo(plain.Epochs.Select(e => e.Figures)));
    }

    [TestCaseSource(typeof(Pairings), nameof(Pairings.CostOutput))]
    public void Train_runs_with_every_cost_and_output_pairing(ICost cost, IActivation output)
    {
        CliResult result = Succeeds(Train("--cost", cost.Name, "--output", output.Name, "--epochs", "1", "--eta", "0.1"));

        Assert.That(result.OutputLines, Has.Some.StartWith($"Network 16,8,3, sigmoid hidden, {output.Name} output, {cost.Name} cost."));
        Assert.That(result.Epochs, Has.Count.EqualTo(1));
    }

    [TestCase("tanh")]
    [TestCase("relu")]
    public void Train_runs_with_hidden_activation(string hidden)
    {
        CliResult result = Succeeds(Train("--hidden", hidden, "--epochs", "1", "--eta", "0.1"));

        Assert.That(result.OutputLines, Has.Some.StartWith($"Network 16,8,3, {hidden} hidden, sigmoid output, cross-entropy cost."));
        Assert.That(result.Epochs, Has.Count.EqualTo(1));
    }

    [Test]
    public void Nettrainer_without_arguments_prints_help_and_exits_0()
    {
        CliResult result = Succeeds(Run());

        Assert.That(result.Output, Does.Contain("Usage:").And.Contain("nettrainer [command] [options]"),
            "the usage line names the command users type, whatever was started (testhost here)");
        Assert.That(result.Output, Does.Match(@"(?m)^\s+train\s").And.Match(@"(?m)^\s+evaluate\s").And.Match(@"(?m)^\s+fetch-mnist\s"));
    }

    [Test]
    public void Train_help_lists_every_option()
    {
        string[] options =
        [
            "--sizes", "--cost", "--output", "--hidden", "--epochs", "--mini-batch-size", "--eta", "--lambda", "--init",
            "--seed", "--data-dir", "--train-size", "--evaluate-on", "--metrics", "--save", "--init-from", "--no-shuffle",
            "--dropout", "--input-dropout", "--max-norm",
        ];

        CliResult result = Succeeds(Run("train", "--help"));

        // An option line starts with the option, then its <value> or the description: "--init" must not match "--init-from".
        string[] missing = options.Where(o => !Regex.IsMatch(result.Output, $@"(?m)^\s+{Regex.Escape(o)}(?= )")).ToArray();
        Assert.That(missing, Is.Empty, result.Output);
    }
}
