using System.Globalization;
using System.Text.RegularExpressions;
using NetTrainer.Activations;
using NetTrainer.Cli;
using NetTrainer.Costs;
using NetTrainer.LinearAlgebra;
using NetTrainer.Persistence;
using NetTrainer.Tests.Cli;

namespace NetTrainer.Tests.Course;

/// <summary>`nettrainer explain` in process: a saved 2,2,2 network whose numbers the test works out by hand.</summary>
public partial class ExplainCommandTests : CliFixture
{
    // w^1, b^1, w^2, b^2 of the saved network; x = (1, 0.5), y = (1, 0).
    private static readonly float[,] W1 = { { 0.1f, 0.2f }, { 0.3f, 0.4f } }, W2 = { { 0.5f, -0.6f }, { 0.7f, 0.8f } };
    private static readonly float[] B1 = [0.5f, -0.25f], B2 = [0.1f, -0.2f];

    private string SaveNetwork(string cost = "cross-entropy")
    {
        static Matrix<float> M(float[,] values)
        {
            var m = new Matrix<float>(values.GetLength(0), values.GetLength(1));
            for (int i = 0; i < m.Rows; i++)
                for (int j = 0; j < m.Cols; j++)
                    m[i, j] = values[i, j];
            return m;
        }
        var network = new Network<float>([2, 2, 2], [M(W1), M(W2)], [B1.ToArray(), B2.ToArray()], Sigmoid.Instance, Sigmoid.Instance,
            CostCatalog.Parse(cost));
        string path = InDir("net.json");
        NetworkFile.Save(network, path);
        return path;
    }

    private static double Sigma(double z) => 1 / (1 + Math.Exp(-z));

    private static string F4(double v) => v.ToString("F4", CultureInfo.InvariantCulture);

    /// <summary>The bmatrix contents of the display line that starts with <paramref name="lhs"/>, each as its cells.</summary>
    private static List<string[]> Matrices(CliResult result, string lhs)
    {
        string line = result.OutputLines.Single(l => l.StartsWith(lhs, StringComparison.Ordinal));
        return Bmatrix().Matches(line).Select(m => m.Groups[1].Value.Split(["&", @"\\"], StringSplitOptions.TrimEntries)).ToList();
    }

    [GeneratedRegex(@"\\begin\{bmatrix\} (.*?) \\end\{bmatrix\}")]
    private static partial Regex Bmatrix();

    [Test]
    public void Explain_shows_the_numbers_worked_out_by_hand_for_a_saved_network()
    {
        CliResult result = Succeeds(Run("explain", "--model", SaveNetwork(), "--input", "1,0.5", "--target", "1,0", "--format", "markdown"));

        // By hand, in double from the saved float32 values.
        double[] x = [1, 0.5], y = [1, 0];
        double[] z1 = [W1[0, 0] * x[0] + W1[0, 1] * x[1] + B1[0], W1[1, 0] * x[0] + W1[1, 1] * x[1] + B1[1]];
        double[] a1 = z1.Select(Sigma).ToArray();
        double[] z2 = [W2[0, 0] * a1[0] + W2[0, 1] * a1[1] + B2[0], W2[1, 0] * a1[0] + W2[1, 1] * a1[1] + B2[1]];
        double[] a2 = z2.Select(Sigma).ToArray();
        double[] delta2 = [a2[0] - y[0], a2[1] - y[1]];                                  // BP1, cross-entropy + sigmoid
        double[] delta1 = Enumerable.Range(0, 2)                                          // BP2
            .Select(k => (W2[0, k] * delta2[0] + W2[1, k] * delta2[1]) * a1[k] * (1 - a1[k])).ToArray();
        string[] Cells(IEnumerable<double> values) => values.Select(F4).ToArray();

        Assert.Multiple(() =>
        {
            List<string[]> forward1 = Matrices(result, "z^{1} = w^{1} a^{0} + b^{1} =");
            Assert.That(forward1[0], Is.EqualTo(new[] { "0.1000", "0.2000", "0.3000", "0.4000" }), "w^1, row by row");
            Assert.That(forward1[1], Is.EqualTo(new[] { "1.0000", "0.5000" }), "a^0 = x");
            Assert.That(forward1[3], Is.EqualTo(Cells(z1)), "z^1");
            Assert.That(Matrices(result, @"a^{2} = \sigma(z^{2}) =")[0], Is.EqualTo(Cells(a2)), "a^2");
            Assert.That(Matrices(result, @"\delta^{2} = J^T \nabla_a C =")[^1], Is.EqualTo(Cells(delta2)), "BP1, general");
            Assert.That(Matrices(result, @"\delta^{2} = a^{2} - y =")[^1], Is.EqualTo(Cells(delta2)), "BP1, a − y");
            Assert.That(Matrices(result, "=").Count, Is.GreaterThan(0));
            Assert.That(Matrices(result, @"= \begin{bmatrix}")[^1], Is.EqualTo(Cells(delta1)), "BP2: δ^1");
            Assert.That(Matrices(result, @"\frac{\partial C}{\partial b^{1}}")[0], Is.EqualTo(Cells(delta1)), "BP3: ∂C/∂b^1 = δ^1");
            Assert.That(Matrices(result, @"\frac{\partial C}{\partial w^{1}}")[^1],
                Is.EqualTo(Cells([delta1[0] * x[0], delta1[0] * x[1], delta1[1] * x[0], delta1[1] * x[1]])), "BP4: ∂C/∂w^1_jk = a^0_k δ^1_j");
        });
    }

    [Test]
    public void Explain_in_text_walks_through_the_forward_pass_then_BP1_to_BP4_in_order()
    {
        CliResult result = Succeeds(Run("explain", "--model", SaveNetwork(), "--input", "1,0.5", "--target", "1,0"));

        string[] headings = result.OutputLines.Where(l => Regex.IsMatch(l, "^(Input|Forward|BP[1-4])")).Select(l => l.Split(':')[0]).ToArray();
        Assert.That(headings, Is.EqualTo(new[] { "Input and target", "Forward pass", "BP1", "BP2", "BP3", "BP4" }));
        Assert.That(result.OutputLines[0], Is.EqualTo(
            "Backprop walk-through: network 2,2,2 (sigmoid hidden, sigmoid output, cross-entropy cost), one example."));
        Assert.That(result.OutputLines, Has.Some.Match(@"^The two agree: (the largest difference is \d(\.\d)?e-\d\d \(rounding\)|they are the same numbers, bit for bit)\.$"));
        // Columns as the book writes them: a two-number vector takes two lines between ⎡ ⎤ and ⎣ ⎦.
        Assert.That(result.OutputLines, Has.Some.Match(@"^x = a\^0 = ⎡ 1\.0000 ⎤ +y = ⎡ 1 ⎤$").And.Some.Match(@"^ +⎣ 0\.5000 ⎦ +⎣ 0 ⎦$"));
    }

    [Test]
    public void Explain_with_a_pairing_that_is_not_canonical_says_so_and_shows_the_general_path_only()
    {
        CliResult result = Succeeds(Run("explain", "--model", SaveNetwork("quadratic"), "--input", "1,0.5", "--target", "1,0"));

        Assert.That(result.OutputLines, Has.Some.StartWith("quadratic with a sigmoid output is not a canonical pairing"));
        Assert.That(result.OutputLines, Has.None.StartWith("The two agree"));
    }

    [Test]
    public void Explain_with_the_same_seed_prints_the_same_walkthrough_and_with_another_seed_another()
    {
        CliResult first = Succeeds(Run("explain", "--seed", "4")), again = Succeeds(Run("explain", "--seed", "4"));
        CliResult other = Succeeds(Run("explain", "--seed", "5"));

        Assert.That(again.Output, Is.EqualTo(first.Output));
        Assert.That(other.Output, Is.Not.EqualTo(first.Output));
        Assert.That(first.OutputLines[0], Does.StartWith("Backprop walk-through: network 2,3,2 (sigmoid hidden, sigmoid output, cross-entropy cost)"));
    }

    [Test]
    public void Explain_of_a_wide_layer_elides_the_middle_rows_and_columns()
    {
        CliResult result = Succeeds(Run("explain", "--sizes", "30,12,3"));

        Assert.That(result.Output, Does.Contain("⋮").And.Contain("⋯").And.Contain("⋱"));
        Assert.That(result.OutputLines.Max(l => l.Length), Is.LessThan(200), "longest line (30 columns in full would take over 500)");
    }

    [Test]
    public void Explain_with_an_input_of_the_wrong_length_is_a_usage_error() =>
        AssertFails(Run("explain", "--input", "1,2,3"), ExitCodes.Usage, "--input has 3 numbers but the network's input layer has 2 neurons.");

    [Test]
    public void Explain_with_a_target_that_is_not_a_list_of_numbers_is_a_usage_error() =>
        AssertFails(Run("explain", "--target", "1,x"), ExitCodes.Usage, "--target: 'x' in '1,x' is not a number (expected e.g. 0.5,0.1).");

    [Test]
    public void Explain_with_a_model_and_sizes_is_a_usage_error() =>
        AssertFails(Run("explain", "--model", SaveNetwork(), "--sizes", "2,2,2"), ExitCodes.Usage,
            $"--model takes the sizes, cost and activations from {InDir("net.json")}; drop --sizes.");

    [TestCase("--input", "0.5,0.9", "0.1,0.2")]
    [TestCase("--target", "1,0", "0,1")]
    public void Explain_with_a_list_option_given_twice_exits_2_asking_for_one_comma_separated_list(string option, string first, string second) =>
        AssertFails(Run("explain", option, first, option, second), ExitCodes.Usage,
            $"give {option} once, comma-separated (e.g. 0.5,0.1); got '{first}' and '{second}'.");

    [TestCase("text", "BP1: δ^L = Jᵀ ∇_a C, J = diag(a^L) − a^L (a^L)ᵀ the Jacobian of softmax (not elementwise, so no ⊙ f'(z^L) form)")]
    [TestCase("markdown", @"BP1: $\delta^L = J^T \nabla_a C$, $J = \mathrm{diag}(a^L) - a^L (a^L)^T$ the Jacobian of softmax (not elementwise, so no $\odot f'(z^L)$ form)")]
    public void Explain_with_a_softmax_output_heads_BP1_with_the_Jacobian_product_not_sigma_prime(string format, string heading)
    {
        CliResult result = Succeeds(Run("explain", "--output", "softmax", "--cost", "nll", "--format", format));

        Assert.That(result.OutputLines, Has.Some.EndsWith(heading));
        Assert.That(result.Output, Does.Not.Contain("⊙ σ'(z^L)").And.Not.Contain(@"\odot \sigma'(z^L)"));
    }

    [TestCase("text", "BP1: δ^L = ∇_a C ⊙ σ'(z^L), in general δ^L = Jᵀ ∇_a C")]
    [TestCase("markdown", @"## BP1: $\delta^L = \nabla_a C \odot \sigma'(z^L)$, in general $\delta^L = J^T \nabla_a C$")]
    public void Explain_with_a_sigmoid_output_keeps_the_books_BP1_heading(string format, string heading) =>
        Assert.That(Succeeds(Run("explain", "--format", format)).OutputLines, Has.Some.StartWith(heading));

    [Test]
    public void Explain_with_one_input_number_too_few_says_one_number_in_the_singular() =>
        AssertFails(Run("explain", "--input", "0.5"), ExitCodes.Usage, "--input has 1 number but the network's input layer has 2 neurons.");

    [Test]
    public void Explain_with_a_one_neuron_output_layer_says_one_neuron_in_the_singular() =>
        AssertFails(Run("explain", "--sizes", "2,1", "--target", "1,0"), ExitCodes.Usage,
            "--target has 2 numbers but the network's output layer has 1 neuron.");
}
