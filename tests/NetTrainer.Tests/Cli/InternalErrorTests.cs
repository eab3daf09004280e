using NetTrainer.Cli;
using NetTrainer.Training;

namespace NetTrainer.Tests.Cli;

/// <summary>An exception nothing expected is one line and exit 70; the divergence line names the likely cause.</summary>
public sealed class InternalErrorTests
{
    [Test]
    public void An_unexpected_exception_is_one_line_with_exit_70_and_the_debug_hint()
    {
        var error = new StringWriter();

        int code = Guarded.InternalError(error, new NotSupportedException("no kernel for this shape"));

        Assert.That(code, Is.EqualTo(ExitCodes.InternalError).And.EqualTo(70));
        Assert.That(error.ToString(), Is.EqualTo(
            "nettrainer: internal error: NotSupportedException: no kernel for this shape (rerun with NETTRAINER_DEBUG=1 for the stack trace)." +
            Environment.NewLine));
    }

    [TestCase(0.0, 0.0, DivergenceCause.Eta, TestName = "Divergence_without_regularisation_blames_eta")]
    [TestCase(5.0, 0.0, DivergenceCause.Eta, TestName = "Divergence_with_the_books_lambda_blames_eta")]
    [TestCase(2e5, 0.0, DivergenceCause.Lambda, TestName = "Divergence_with_lambda_over_n_above_1_blames_lambda")]
    [TestCase(0.0, 2e5, DivergenceCause.L1, TestName = "Divergence_with_l1_over_n_above_1_blames_l1")]
    public void Divergence_names_the_term_whose_step_outweighs_the_gradient(double lambda, double l1, string cause)
    {
        Assert.That(DivergenceCause.Likely(lambda, l1, trainingSize: 50_000), Is.EqualTo(cause));
        Assert.That(Wording.Diverged(3, "the training cost is NaN", cause), Does.StartWith(
            $"Training diverged in epoch 3: the training cost is NaN. Try a smaller --{cause}"));
    }
}
