using NetTrainer.Activations;
using NetTrainer.Cli;
using NetTrainer.Costs;
using NetTrainer.Training;

namespace NetTrainer.Tests.Training;

/// <summary>Early stopping and the learning-rate schedule as types, fed accuracies by hand.</summary>
public class StoppingRuleTests
{
    [Test]
    public void The_schedule_halves_after_the_patience_restarts_its_count_and_stops_at_the_seventh_halving()
    {
        var schedule = new EtaSchedule(patience: 2);
        var changes = new List<EtaChange>();
        // 0.5 best, then flat: every 2nd flat epoch halves; the 7th halving stops.
        foreach (double accuracy in new[] { 0.5 }.Concat(Enumerable.Repeat(0.4, 14)))
            changes.Add(schedule.Observe(accuracy));

        Assert.That(changes, Is.EqualTo(new[] { EtaChange.Keep }
            .Concat(Enumerable.Repeat(new[] { EtaChange.Keep, EtaChange.Halve }, 6).SelectMany(p => p))
            .Concat([EtaChange.Keep, EtaChange.Stop])));
        Assert.That(schedule.Halvings, Is.EqualTo(EtaSchedule.MaxHalvings));
    }

    [Test]
    public void A_better_accuracy_restarts_the_schedules_count()
    {
        var schedule = new EtaSchedule(patience: 2);
        Assert.That(new[] { 0.5, 0.4, 0.6, 0.4, 0.4 }.Select(schedule.Observe),
            Is.EqualTo(new[] { EtaChange.Keep, EtaChange.Keep, EtaChange.Keep, EtaChange.Keep, EtaChange.Halve }));
    }

    [Test]
    public void Early_stopping_stops_after_the_patience_and_restores_the_best_epochs_weights()
    {
        Network<double> network = Seeded.Network([3, 2], QuadraticCost.Instance, Sigmoid.Instance, Sigmoid.Instance);
        var stopping = new EarlyStopping<double>(network, patience: 2);

        Assert.That(stopping.ShouldStop(1, 0.5), Is.False);
        double[] best = network.Weights[0].ToArray();
        network.Weights[0].AsSpan()[0] += 1;
        Assert.That(stopping.ShouldStop(2, 0.4), Is.False, "one epoch without improvement");
        Assert.That(stopping.ShouldStop(3, 0.5), Is.True, "two epochs without a better one (equal is not better)");
        stopping.RestoreBest();

        Assert.That((stopping.BestEpoch, stopping.BestAccuracy), Is.EqualTo((1, 0.5)));
        Assert.That(network.Weights[0].ToArray(), Is.EqualTo(best), "the best epoch's weights are back");
    }

    [Test]
    public void Without_a_patience_early_stopping_only_records_the_best_epoch()
    {
        Network<double> network = Seeded.Network([3, 2], QuadraticCost.Instance, Sigmoid.Instance, Sigmoid.Instance);
        var stopping = new EarlyStopping<double>(network, patience: null);
        Assert.That(new[] { 0.3, 0.6, 0.1, 0.1, 0.1 }.Select((a, i) => stopping.ShouldStop(i + 1, a)), Has.All.False);
        double[] now = network.Weights[0].ToArray();
        stopping.RestoreBest();
        Assert.That((stopping.BestEpoch, stopping.KeepsBest, network.Weights[0].ToArray()), Is.EqualTo((2, false, now)));
    }

    [Test]
    public void Library_option_errors_name_the_parameter_and_the_command_line_names_the_flag()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new SgdOptions(Epochs: 0, MiniBatchSize: 10, Eta: 0.5).Validate());
        Assert.That(e!.ParamName, Is.EqualTo(nameof(SgdOptions.Epochs)));
        Assert.That(e.Message, Does.Not.Contain("--"), "the library does not speak the command line's language");
        Assert.That(OptionNames.Message(OptionNames.For(e.ParamName)!, e), Is.EqualTo("--epochs must be at least 1; got 0."));
    }
}
