using NetTrainer.Data;
using NetTrainer.Reproduction;
using NetTrainer.Tests.Training;
using NetTrainer.Training;

namespace NetTrainer.Tests.Reproduction;

/// <summary>How the runner trains one run of an experiment that chooses its network by validation (the record runs).</summary>
public class ReproductionRunnerTests
{
    private static readonly MnistSplit Tiny = new(SyntheticData.Create(200, seed: 21), SyntheticData.Create(60, seed: 22),
        SyntheticData.Create(60, seed: 23));

    // 16,8,3 on the synthetic data, η so small that the validation accuracy soon stops improving.
    private static ExperimentRun Run(int? earlyStop) => new("tiny", [8], "cross-entropy", "sigmoid", WeightInit.Default,
        new SgdOptions(Epochs: 40, MiniBatchSize: 10, Eta: 1e-6) { Monitor = Monitoring.Evaluation, EarlyStopPatience = earlyStop },
        null, HeldOut.Validation)
    {
        ChooseByValidation = true,
    };

    [Test]
    public void A_run_that_chooses_by_validation_trains_every_epoch_unless_it_sets_a_patience()
    {
        RunResult whole = ReproductionRunner.Train(Run(earlyStop: null), Tiny, seed: 1);
        Assert.That(whole.Epochs, Has.Count.EqualTo(40), "without a patience of its own the run is never stopped early");

        RunResult stopped = ReproductionRunner.Train(Run(earlyStop: 3), Tiny, seed: 1);
        int best = stopped.Epochs.Select((e, i) => (e.Evaluation!.Accuracy, Epoch: i + 1)).MaxBy(t => t.Accuracy).Epoch;
        Assert.That(stopped.Epochs, Has.Count.EqualTo(best + 3), "the run's own patience stops it three epochs after its best");
        Assert.That(stopped.Final, Is.Not.Null, "the chosen network is still evaluated on the test images");
    }
}
