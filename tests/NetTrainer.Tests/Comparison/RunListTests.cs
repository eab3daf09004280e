using NetTrainer.Cli.Commands;
using NetTrainer.Activations;
using NetTrainer.Comparison;
using NetTrainer.Costs;

namespace NetTrainer.Tests.Comparison;

/// <summary>The runs a comparison is made of: the default six pairings, --runs lists and --eta sweeps, and bad entries.</summary>
public class RunListTests
{
    private static string[] Ids(IEnumerable<RunSpec> runs) => runs.Select(r => r.Id).ToArray();

    [Test]
    public void By_default_a_comparison_runs_every_cost_with_every_output_activation_at_its_cost_s_usual_learning_rate() =>
        Assert.That(Ids(RunListParser.Build(runs: null, etas: null)), Is.EqualTo(new[]
        {
            "quadratic:sigmoid@3", "quadratic:softmax@3", "cross-entropy:sigmoid@0.5", "cross-entropy:softmax@0.5",
            "nll:sigmoid@0.5", "nll:softmax@0.5",
        }));

    [Test]
    public void A_runs_list_gives_the_runs_in_its_order_with_their_learning_rates()
    {
        IReadOnlyList<RunSpec> runs = RunListParser.Build("quadratic:sigmoid@3.0, cross-entropy:sigmoid@0.5,nll:softmax@0.1", etas: null);

        Assert.That(Ids(runs), Is.EqualTo(new[] { "quadratic:sigmoid@3", "cross-entropy:sigmoid@0.5", "nll:softmax@0.1" }));
        Assert.That(runs[2].Cost, Is.SameAs(NegativeLogLikelihoodCost.Instance));
        Assert.That(runs[2].Output, Is.SameAs(Softmax.Instance));
    }

    [Test]
    public void An_entry_without_a_learning_rate_takes_its_cost_s_usual_one() =>
        Assert.That(Ids(RunListParser.Build("quadratic:softmax,nll:sigmoid", etas: null)), Is.EqualTo(new[] { "quadratic:softmax@3", "nll:sigmoid@0.5" }));

    [Test]
    public void An_eta_sweep_crosses_every_learning_rate_with_every_pairing()
    {
        IReadOnlyList<double> etas = RunListParser.ParseEtas("0.1,0.5,3.0");

        Assert.That(Ids(RunListParser.Build("quadratic:sigmoid,nll:softmax", etas)), Is.EqualTo(new[]
        {
            "quadratic:sigmoid@0.1", "quadratic:sigmoid@0.5", "quadratic:sigmoid@3",
            "nll:softmax@0.1", "nll:softmax@0.5", "nll:softmax@3",
        }));
        Assert.That(RunListParser.Build(null, etas), Has.Count.EqualTo(18), "six pairings times three learning rates");
    }

    [TestCase("quadratik:sigmoid@3", "--runs: 'quadratik:sigmoid@3': unknown cost 'quadratik'; expected one of quadratic, cross-entropy, nll.")]
    [TestCase("nll:tanh", "--runs: 'nll:tanh': unknown output activation 'tanh'; expected one of sigmoid, softmax.")]
    [TestCase("quadratic:sigmoid@fast", "--runs: 'quadratic:sigmoid@fast' has learning rate 'fast', which is not a number (e.g. 0.5).")]
    [TestCase("quadratic:sigmoid@-1", "--runs: 'quadratic:sigmoid@-1' has learning rate '-1', which must be a positive learning rate; got -1.")]
    [TestCase("quadratic", "--runs: 'quadratic' is not COST:OUTPUT or COST:OUTPUT@ETA (e.g. quadratic:sigmoid@3.0,nll:softmax@0.1).")]
    [TestCase("quadratic:sigmoid@3@4", "--runs: 'quadratic:sigmoid@3@4' is not COST:OUTPUT or COST:OUTPUT@ETA (e.g. quadratic:sigmoid@3.0,nll:softmax@0.1).")]
    [TestCase("nll:softmax,", "--runs: '' is not COST:OUTPUT or COST:OUTPUT@ETA (e.g. quadratic:sigmoid@3.0,nll:softmax@0.1).")]
    [TestCase("nll:softmax@0.1,nll:softmax@0.10", "--runs: nll:softmax@0.1 is listed twice; each run must differ.")]
    public void A_bad_runs_entry_is_rejected_with_one_line_naming_it(string runs, string message)
    {
        var e = Assert.Throws<ArgumentException>(() => RunListParser.Build(runs, etas: null));
        Assert.That(e!.Message, Is.EqualTo(message));
    }

    [TestCase("0.1,x", "--eta: 'x' is not a number (e.g. 0.5).")]
    [TestCase("0.5,0", "--eta: '0' must be a positive learning rate; got 0.")]
    [TestCase("", "--eta: '' is not a number (e.g. 0.5).")]
    public void A_bad_eta_list_is_rejected_with_one_line_naming_the_value(string etas, string message)
    {
        var e = Assert.Throws<ArgumentException>(() => RunListParser.ParseEtas(etas));
        Assert.That(e!.Message, Is.EqualTo(message));
    }

    [Test]
    public void An_entry_with_its_own_learning_rate_cannot_also_be_swept()
    {
        var e = Assert.Throws<ArgumentException>(() => RunListParser.Build("quadratic:sigmoid@3", [0.1, 0.5]));
        Assert.That(e!.Message, Is.EqualTo("--runs: 'quadratic:sigmoid@3' sets its own learning rate, and --eta sweeps them; drop one of the two."));
    }
}
