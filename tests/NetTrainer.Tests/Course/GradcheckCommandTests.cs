using System.Globalization;
using System.Text.RegularExpressions;
using NetTrainer.Activations;
using NetTrainer.Cli;
using NetTrainer.Costs;
using NetTrainer.Data;
using NetTrainer.Diagnostics;
using NetTrainer.LinearAlgebra;
using NetTrainer.Persistence;
using NetTrainer.Tests.Cli;

namespace NetTrainer.Tests.Course;

/// <summary>`nettrainer gradcheck` in process: a table per BP1 path, a verdict, and exit 1 over the threshold.</summary>
public partial class GradcheckCommandTests : CliFixture
{
    /// <summary>One table row: "  w^1 (4x5)   BP2 + BP4  2.0e-10     w^1_2,3   0.0627   0.0627".</summary>
    private sealed record TableRow(string Parameters, string Equations, string Error, string Entry, double Backprop, double FiniteDifference);

    private static List<TableRow> TableRows(CliResult result) => result.OutputLines.Select(l => RowPattern().Match(l)).Where(m => m.Success)
        .Select(m => new TableRow(m.Groups["p"].Value, m.Groups["eq"].Value, m.Groups["err"].Value, m.Groups["entry"].Value,
            double.Parse(m.Groups["bp"].Value, CultureInfo.InvariantCulture), double.Parse(m.Groups["fd"].Value, CultureInfo.InvariantCulture)))
        .ToList();

    [GeneratedRegex(@"^  (?<p>[wb]\^\d+ \([\dx]+\)) +(?<eq>BP[12] \+ BP[34]) +(?<err>\d\.\de[+-]\d\d) +(?<entry>[wb]\^\d+_[\d,]+) +(?<bp>\S+) +(?<fd>\S+)$")]
    private static partial Regex RowPattern();

    [TestCaseSource(typeof(Pairings), nameof(Pairings.CostOutputHidden))]
    public void Gradcheck_passes_for_every_cost_output_and_hidden_activation(ICost cost, IActivation output, IActivation hidden)
    {
        CliResult result = Succeeds(Run("gradcheck", "--sizes", "4,5,3", "--cost", cost.Name, "--output", output.Name, "--hidden", hidden.Name));

        bool canonical = (cost, output) is (CrossEntropyCost, Sigmoid) or (NegativeLogLikelihoodCost, Softmax);
        List<TableRow> rows = TableRows(result);
        string[] perPath = ["w^1 (5x4)", "b^1 (5)", "w^2 (3x5)", "b^2 (3)"];
        Assert.That(rows.Select(r => r.Parameters), Is.EqualTo(canonical ? [.. perPath, .. perPath] : perPath), "a row per layer's weights and biases, per BP1 path");
        Assert.That(rows.Select(r => r.Equations).Take(4), Is.EqualTo(new[] { "BP2 + BP4", "BP2 + BP3", "BP1 + BP4", "BP1 + BP3" }));
        Assert.That(result.OutputLines, Has.Exactly(canonical ? 1 : 0).StartWith("BP1 fused, δ^L = a − y").And.Exactly(1).StartWith("BP1 general"));
        Assert.That(rows.Select(r => double.Parse(r.Error, CultureInfo.InvariantCulture)), Has.All.LessThan(1e-7));
        Assert.That(rows.Select(r => Math.Abs(r.Backprop - r.FiniteDifference)), Has.All.LessThan(1e-7), "worst entries agree");
        Assert.That(result.OutputLines[^1], Does.Match(@"^Passed: the largest relative error, \d\.\de-\d\d in [wb]\^\d \((fused|general) BP1\), is within 1e-07\.$"));
    }

    [Test]
    public void Gradcheck_prints_the_errors_that_GradientCheck_finds_on_the_first_training_images()
    {
        string model = InDir("net.json");
        Succeeds(Train("--epochs", "1", "--save", model));

        CliResult result = Succeeds(Run("gradcheck", "--model", model, "--data-dir", Data, "--examples", "4"));

        // The same check, run here on the saved network and the first four training images.
        Network<double> network = NetworkFile.Load<double>(model);
        var batch = MiniBatch<double>.For(network, 4);
        Batches.Gather(Mnist.Load(Data).Training, [0, 1, 2, 3], batch);
        IReadOnlyList<LayerGradientCheck> fused = GradientCheck.Run(network, batch, fusedOutputDelta: true);
        IReadOnlyList<LayerGradientCheck> general = GradientCheck.Run(network, batch, fusedOutputDelta: false);
        string E(double e) => e.ToString("0.0e+00", CultureInfo.InvariantCulture);

        Assert.That(result.OutputLines, Has.Some.EqualTo(
            $"Gradient check of network 16,8,3 (sigmoid hidden, sigmoid output, cross-entropy cost), on the first 4 training images of {Data}."));
        string[] expected = fused.Concat(general).SelectMany(c => new[] { E(c.WeightError), E(c.BiasError) }).ToArray();
        Assert.That(TableRows(result).Select(r => r.Error), Is.EqualTo(expected), "relative errors, fused BP1 then general, layer by layer");
        Assert.That(TableRows(result)[0].Entry, Is.EqualTo($"w^1_{fused[0].WorstWeight.Row},{fused[0].WorstWeight.Col}"), "the worst entry of w^1");
    }

    [Test]
    public void Gradcheck_over_the_threshold_exits_1_and_names_the_worst_parameters()
    {
        CliResult result = Run("gradcheck", "--threshold", "1e-30");

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Failure), result.ToString);
        Assert.That(result.OutputLines[^1], Is.EqualTo("Failed: 8 of 8 parameter groups are over 1e-30."));
        Assert.That(result.ErrorLines, Has.Length.EqualTo(1));
        Assert.That(result.ErrorLines[0], Does.Match(@"^nettrainer: gradient check failed: [wb]\^\d \((fused|general) BP1\) has relative error \d\.\de-\d\d, over the threshold 1e-30\.$"));
    }

    [Test]
    public void Gradcheck_with_a_network_that_does_not_fit_the_data_is_a_usage_error() =>
        AssertFails(Run("gradcheck", "--data-dir", Data), ExitCodes.Usage,
            "The network 5,4,3 does not fit the data (images of 4x4 = 16 pixels); use --sizes 16,...,3.");

    [Test]
    public void Gradcheck_checks_the_input_layer_against_the_image_header_before_loading_the_data()
    {
        // Labels that cannot be read: the size check must come first, from the image file's header alone.
        File.WriteAllText(Path.Combine(Data, "train-labels-idx1-ubyte"), "damaged");

        AssertFails(Run("gradcheck", "--data-dir", Data, "--sizes", "784,30,10"), ExitCodes.Usage,
            "The network 784,30,10 does not fit the data (images of 4x4 = 16 pixels); use --sizes 16,...,10.");
    }

    [Test]
    public void Gradcheck_with_an_output_layer_that_does_not_fit_the_classes_suggests_sizes() =>
        AssertFails(Run("gradcheck", "--data-dir", Data, "--sizes", "16,4,10"), ExitCodes.Usage,
            "The network 16,4,10 does not fit the data (images of 16 pixels in 3 classes); use --sizes 16,...,3.");

    [Test]
    public void Gradcheck_with_a_threshold_of_zero_is_a_usage_error() =>
        AssertFails(Run("gradcheck", "--threshold", "0"), ExitCodes.Usage, "--threshold must be positive; got 0.");

    [Test]
    public void Gradcheck_with_a_gradient_that_is_not_a_number_fails_and_names_it_first()
    {
        // A relu unit driven to +inf (bias double.MaxValue) times an output weight of 0: z^2 = 0 · inf = NaN.
        var w1 = new Matrix<double>(1, 1);
        w1[0, 0] = 1e308;
        var w2 = new Matrix<double>(1, 1);
        var network = new Network<double>([1, 1, 1], [w1, w2], [[double.MaxValue], [0.0]], Relu.Instance, Sigmoid.Instance,
            QuadraticCost.Instance);
        string model = InDir("nan.json");
        NetworkFile.Save(network, model);

        CliResult result = Run("gradcheck", "--model", model);

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Failure), result.ToString);
        Assert.That(result.OutputLines[^1], Does.StartWith("Failed: 4 of 4 parameter groups are over 1e-07 (").And.Contain("NaN"));
        Assert.That(result.ErrorLines, Is.EqualTo(new[] { "nettrainer: gradient check failed: w^1 (general BP1) has relative error NaN: a gradient is not a number." }));
    }

    [Test]
    public void Gradcheck_with_a_missing_model_is_a_usage_error_not_a_disagreement()
    {
        string model = InDir("none.json");

        AssertFails(Run("gradcheck", "--model", model), ExitCodes.Usage, $"--model {model}: no such model file.");
    }

    [Test]
    public void Gradcheck_with_a_corrupt_model_is_a_usage_error_not_a_disagreement()
    {
        string model = InDir("corrupt.json");
        File.WriteAllText(model, "{ not json");

        AssertFails(Run("gradcheck", "--model", model), ExitCodes.Usage, Does.StartWith($"nettrainer: --model {model}: not JSON"));
    }

    [Test]
    public void Gradcheck_with_a_folder_as_the_model_exits_2_saying_it_is_a_folder() =>
        AssertFails(Run("gradcheck", "--model", Dir), ExitCodes.Usage,
            $"--model {Dir}: is a folder; give a saved network's JSON file (from `train --save`).");

    [Test]
    public void Gradcheck_with_damaged_data_is_a_usage_error_not_a_disagreement()
    {
        File.WriteAllText(Path.Combine(Data, "train-labels-idx1-ubyte"), "damaged");

        AssertFails(Run("gradcheck", "--data-dir", Data, "--sizes", "16,4,3"), ExitCodes.Usage,
            Does.StartWith($"nettrainer: {Path.Combine(Data, "train-labels-idx1-ubyte")}: "));
    }
}
