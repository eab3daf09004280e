using NetTrainer.Activations;
using NetTrainer.Comparison;
using NetTrainer.Costs;
using NetTrainer.Training;

namespace NetTrainer.Tests.Comparison;

/// <summary>The figures of the summary table, from a run's epochs.</summary>
public class RunSummaryTests
{
    private static readonly RunSpec Run = new(QuadraticCost.Instance, Sigmoid.Instance, 3.0);

    private static EpochReport Epoch(int epoch, int correct, double trainingCost, double evaluationCost) =>
        new(epoch, new EvaluationResult(trainingCost, 0, 100), new EvaluationResult(evaluationCost, correct, 100), 0.1, 0.2);

    [Test]
    public void A_summary_gives_the_best_accuracy_its_first_epoch_the_last_costs_and_the_first_epochs_at_90_and_95_percent()
    {
        var record = new RunRecord(Run, [Epoch(1, 80, 0.5, 0.6), Epoch(2, 92, 0.4, 0.5), Epoch(3, 96, 0.3, 0.4), Epoch(4, 96, 0.2, 0.45)], 7.5);

        RunSummary summary = RunSummary.Of(record);

        Assert.That(summary, Is.EqualTo(new RunSummary(Run, BestAccuracy: 0.96, BestEpoch: 3, FinalTrainingCost: 0.2,
            FinalEvaluationCost: 0.45, EpochTo90: 2, EpochTo95: 3, Seconds: 7.5, Diverged: null)));
    }

    [Test]
    public void A_run_that_never_reaches_90_percent_has_no_epoch_for_it() =>
        Assert.That(RunSummary.Of(new RunRecord(Run, [Epoch(1, 50, 1, 1), Epoch(2, 89, 1, 1)], 1)) is { EpochTo90: null, EpochTo95: null });

    [Test]
    public void A_run_that_diverged_before_any_epoch_ended_has_no_figures_but_its_divergence()
    {
        var diverged = new Divergence(1, "Training diverged in epoch 1: the training cost is NaN. Try a smaller --eta.");

        RunSummary summary = RunSummary.Of(new RunRecord(Run, [], 0.1, diverged));

        Assert.That(summary, Is.EqualTo(new RunSummary(Run, null, null, null, null, null, null, 0.1, diverged)));
    }
}
