using System.Globalization;
using System.Text.RegularExpressions;
using NetTrainer.Cli;
using NetTrainer.Tests.Cli;

namespace NetTrainer.Tests.Course;

/// <summary>`derive`, `likelihood` and explain's cost forms in process, on the tiny IDX data where data is needed.</summary>
public partial class ThreeQuestionsCommandTests : CliFixture
{
    [TestCase("sigmoid", "cross-entropy")]
    [TestCase("softmax", "nll")]
    public void Derive_recovers_the_cost_and_reports_the_quadratic_failing(string output, string cost)
    {
        CliResult result = Succeeds(Run("derive", "--output", output, "--samples", "4"));
        Assert.Multiple(() =>
        {
            Assert.That(result.Output, Does.Contain("the requirement holds"));
            Assert.That(result.Output, Does.Contain($"the recovered cost is the library's {cost} cost."));
            Assert.That(result.Output, Does.Contain("the quadratic cost does NOT meet the requirement"));
            Assert.That(result.OutputLines.Count(l => l.TrimStart().StartsWith("sample ", StringComparison.Ordinal)), Is.EqualTo(4 + 1),
                "four samples, then the quadratic's first");
        });
    }

    [Test]
    public void Derive_prints_the_integration_steps_of_softmax()
    {
        CliResult result = Succeeds(Run("derive", "--output", "softmax"));
        Assert.That(result.Output, Does.Contain("C = ln Σ_k e^{z_k} − z_T + const"));
        Assert.That(result.Output, Does.Contain("−ln a_T: the negative log-likelihood"));
    }

    [TestCase("--outputs", "1", "--outputs must be between 2 and 10; got 1.")]
    [TestCase("--outputs", "11", "--outputs must be between 2 and 10; got 11.")]
    [TestCase("--outputs", "x", "--outputs: 'x' is not a whole number.")]
    [TestCase("--samples", "0", "--samples must be between 1 and 20; got 0.")]
    [TestCase("--output", "tanh", null)]
    public void Derive_refuses_bad_options_with_exit_2(string option, string value, string? message)
    {
        CliResult result = Run("derive", option, value);
        if (message is null)
            AssertFails(result, ExitCodes.Usage, Does.StartWith("nettrainer: "));
        else
            AssertFails(result, ExitCodes.Usage, message);
    }

    private string TrainSoftmax(string cost = "nll")
    {
        string model = InDir($"softmax-{cost}.json");
        Succeeds(Train("--cost", cost, "--output", "softmax", "--eta", "0.1", "--save", model));
        return model;
    }

    [Test]
    public void Likelihood_average_nll_equals_evaluates_cost_for_an_nll_network()
    {
        string model = TrainSoftmax();
        CliResult likelihood = Succeeds(Run("likelihood", "--model", model, "--data-dir", Data, "--on", "test"));
        CliResult evaluate = Succeeds(Evaluate("--model", model, "--on", "test"));
        string cost = EvaluateCost().Match(evaluate.Output).Groups[1].Value;
        Match nll = AverageNll().Match(likelihood.Output);
        Assert.Multiple(() =>
        {
            Assert.That(nll.Success, Is.True, likelihood.Output);
            Assert.That(double.Parse(nll.Groups[1].Value, CultureInfo.InvariantCulture).ToString("F4", CultureInfo.InvariantCulture), Is.EqualTo(cost),
                "likelihood's average NLL, rounded as evaluate prints it");
            Assert.That(likelihood.Output, Does.Contain($"Likelihood of the {TestImages} test labels"));
        });
    }

    [Test]
    public void Likelihood_counts_the_classes_of_the_chosen_split_against_the_training_frequencies()
    {
        CliResult result = Succeeds(Run("likelihood", "--model", TrainSoftmax(), "--data-dir", Data, "--on", "validation"));
        // The tiny labels cycle through the 3 classes: 20 validation labels give 7, 7, 6 in some order, 100 training labels 34, 33, 33.
        string[] rows = result.OutputLines.Where(l => ClassRow().IsMatch(l)).ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(rows, Has.Length.EqualTo(Classes), result.Output);
            Assert.That(rows.Select(r => int.Parse(ClassRow().Match(r).Groups[2].Value, CultureInfo.InvariantCulture)).Sum(), Is.EqualTo(ValidationImages), "Σ n_i = N");
            Assert.That(result.Output, Does.Contain("−N H(p, q)"));
            Assert.That(result.Output, Does.Contain("Why the exponent is N p_i"));
            Assert.That(result.Output, Does.Contain("Why divide by N"));
        });
    }

    [Test]
    public void Likelihood_measures_a_softmax_network_trained_with_another_cost_by_nll()
    {
        CliResult result = Succeeds(Run("likelihood", "--model", TrainSoftmax("cross-entropy"), "--data-dir", Data));
        Assert.That(AverageNll().IsMatch(result.Output), Is.True, result.Output);
    }

    [Test]
    public void Likelihood_refuses_a_sigmoid_network_with_exit_2()
    {
        string model = InDir("sigmoid.json");
        Succeeds(Train("--save", model));
        AssertFails(Run("likelihood", "--model", model, "--data-dir", Data), ExitCodes.Usage,
            Does.StartWith($"nettrainer: --model {model} has sigmoid outputs, which are not a probability distribution"));
    }

    [Test]
    public void Likelihood_of_a_missing_model_fails_with_exit_1() =>
        AssertFails(Run("likelihood", "--model", InDir("none.json"), "--data-dir", Data), ExitCodes.Failure, Does.StartWith("nettrainer: "));

    [Test]
    public void Likelihood_needs_a_model() =>
        AssertFails(Run("likelihood", "--data-dir", Data), ExitCodes.Usage, Does.Contain("--model"));

    [TestCase("nll", "softmax", "−ln a^2_T (T = 0)", "ln Σ_k e^(z^2_k) − z^2_T (log-sum-exp)", "only column T survives")]
    [TestCase("cross-entropy", "sigmoid", "−Σ_j [y_j ln a^2_j + (1 − y_j) ln(1 − a^2_j)]", "Σ_j [softplus(z^2_j) − y_j z^2_j]", "only the diagonal survives")]
    [TestCase("quadratic", "softmax", "½ Σ_j (a^2_j − y_j)²", "C (the library's cost", "every term survives")]
    public void Explain_prints_every_form_of_the_cost_agreeing_and_the_terms_of_bp1(string cost, string output, string form1, string form2, string terms)
    {
        CliResult result = Succeeds(Run("explain", "--cost", cost, "--output", output, "--input", "0.5,0.9", "--target", "1,0"));
        Assert.Multiple(() =>
        {
            Assert.That(result.OutputLines, Has.Some.StartsWith(form1), "a form of the cost");
            Assert.That(result.OutputLines, Has.Some.StartsWith(form2), "another form of the cost");
            Assert.That(result.OutputLines, Has.Some.Match(@"^All \d forms agree: the largest difference is (0|\d\.\de-1[3-9])\.$"), "the forms agree to 1e-13");
            Assert.That(result.OutputLines, Has.Some.StartsWith("[J_ij ∂C/∂a_i] ="), "BP1's product term by term");
            Assert.That(result.Output, Does.Contain(terms));
        });
    }

    [GeneratedRegex(@"cost (\d+\.\d{4}) \(nll")]
    private static partial Regex EvaluateCost();

    [GeneratedRegex(@"average NLL +−ℓ / N = (\d+\.\d+)")]
    private static partial Regex AverageNll();

    [GeneratedRegex(@"^ +(\d) +(\d+) +\d\.\d{6}")]
    private static partial Regex ClassRow();
}
