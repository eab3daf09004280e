// Glossary
//   settings   784,30,10's small cousin: 16,8,3 on SyntheticData (4x4 images, 3 classes), 3 epochs, mini-batch 10
//   start      a run's initial network and shuffling generator (ComparisonSettings.Start)
using System.Collections.Concurrent;
using NetTrainer.Activations;
using NetTrainer.Comparison;
using NetTrainer.Costs;
using NetTrainer.Data;
using NetTrainer.Tests.Training;
using NetTrainer.Training;

namespace NetTrainer.Tests.Comparison;

/// <summary>A comparison is fair: the same weights, the same mini-batches, and numbers that do not depend on the company a run keeps.</summary>
public class ComparisonRunnerTests
{
    private static readonly Dataset Training = SyntheticData.Create(100, seed: 1);
    private static readonly Dataset Evaluation = SyntheticData.Create(30, seed: 2);

    private static ComparisonSettings Settings(int seed = 5, IActivation? hidden = null, WeightInit init = WeightInit.Default) =>
        new(Sizes: [16, 8, 3], Hidden: hidden ?? Sigmoid.Instance, Init: init, Epochs: 3, MiniBatchSize: 10, Lambda: 0.1, Seed: seed);

    private static IReadOnlyList<RunSpec> SixPairings => RunList.AllPairings();

    [Test]
    public void Every_run_of_a_comparison_starts_from_the_same_weights_bit_for_bit()
    {
        ComparisonSettings settings = Settings();
        Network<float>[] starts = SixPairings.Select(run => settings.Start(run).Network).ToArray();
        // The weights `train --seed 5` draws for this shape, whatever its cost and output activation.
        Network<float> trains = Network<float>.CreateRandom([16, 8, 3], Sigmoid.Instance, Sigmoid.Instance, QuadraticCost.Instance,
            WeightInit.Default, new Random(5));

        Assert.Multiple(() =>
        {
            foreach ((Network<float> start, RunSpec run) in starts.Zip(SixPairings))
                for (int l = 0; l < start.LayerCount; l++)
                {
                    Assert.That(start.Weights[l].ToArray(), Is.EqualTo(trains.Weights[l].ToArray()), $"{run}: weights[{l}]");
                    Assert.That(start.Biases[l], Is.EqualTo(trains.Biases[l]), $"{run}: biases[{l}]");
                }
            Assert.That(starts.Select(s => (s.Cost, s.Output)), Is.EqualTo(SixPairings.Select(r => (r.Cost, r.Output))),
                "each start has its run's cost and output activation");
        });
        Assert.That(Settings(seed: 6).Start(SixPairings[0]).Network.Weights[0].ToArray(), Is.Not.EqualTo(trains.Weights[0].ToArray()),
            "another seed, other weights");
    }

    [Test]
    public void Every_run_of_a_comparison_walks_the_same_mini_batches_in_the_same_order()
    {
        // SgdEpochs shuffles the example order with the run's generator at the start of each epoch and cuts the
        // mini-batches from it in turn: the same orders are the same mini-batches.
        static List<int[]> Orders(Random shuffle)
        {
            int[] order = Enumerable.Range(0, Training.Count).ToArray();
            var orders = new List<int[]>();
            for (int epoch = 0; epoch < 3; epoch++)
            {
                shuffle.Shuffle(order);
                orders.Add(order.ToArray());
            }
            return orders;
        }

        List<int[]>[] orders = SixPairings.Select(run => Orders(Settings().Start(run).Rng)).ToArray();

        Assert.Multiple(() =>
        {
            for (int r = 1; r < orders.Length; r++)
                Assert.That(orders[r], Is.EqualTo(orders[0]), $"{SixPairings[r]} against {SixPairings[0]}");
        });
        Assert.That(orders[0][1], Is.Not.EqualTo(orders[0][0]), "epochs are shuffled afresh");
        Assert.That(Orders(Settings(seed: 6).Start(SixPairings[0]).Rng)[0], Is.Not.EqualTo(orders[0][0]), "another seed, another order");
    }

    [Test]
    public void A_run_in_a_comparison_gives_the_same_numbers_as_when_it_trains_alone()
    {
        ComparisonSettings settings = Settings();
        IReadOnlyList<RunRecord> together = ComparisonRunner.Run(settings, SixPairings, Training, Evaluation, new QuietObserver());

        Assert.Multiple(() =>
        {
            foreach ((RunRecord record, RunSpec run) in together.Zip(SixPairings))
            {
                RunStart<float> start = settings.Start(run);
                var alone = new RunRecorder();
                Sgd.Train(start.Network, Training, Evaluation, settings.OptionsFor(run), start.Rng, alone);
                Assert.That(record.Run, Is.EqualTo(run), "records come in the order of the runs");
                Assert.That(Figures(record.Epochs), Is.EqualTo(Figures(alone.Epochs)), $"{run}: costs, accuracies and learning signal");
            }
        });
    }

    [Test]
    public void Measuring_the_learning_signal_changes_no_number_of_the_training()
    {
        ComparisonSettings settings = Settings();
        foreach (RunSpec run in SixPairings)
        {
            RunStart<float> measured = settings.Start(run), plain = settings.Start(run);
            var withSignal = new RunRecorder();
            var without = new RunRecorder();
            Sgd.Train(measured.Network, Training, Evaluation, settings.OptionsFor(run), measured.Rng, withSignal);
            Sgd.Train(plain.Network, Training, Evaluation, settings.OptionsFor(run) with { MeasureLearningSignal = false }, plain.Rng, without);

            Assert.That(withSignal.Epochs.Select(e => (e.Training, e.Evaluation)), Is.EqualTo(without.Epochs.Select(e => (e.Training, e.Evaluation))),
                $"{run}");
            Assert.That(withSignal.Epochs.Select(e => e.Signal), Has.None.Null, $"{run}: the signal is measured");
        }
    }

    [Test]
    public void A_diverging_run_is_recorded_with_its_epoch_and_the_other_runs_go_on()
    {
        // Unscaled N(0, 1) weights, unbounded relu and eta 1e30: the first step overflows float.
        ComparisonSettings settings = Settings(hidden: Relu.Instance, init: WeightInit.Large);
        RunSpec[] runs = [new(QuadraticCost.Instance, Sigmoid.Instance, 1e30), new(CrossEntropyCost.Instance, Sigmoid.Instance, 0.05)];

        IReadOnlyList<RunRecord> records = ComparisonRunner.Run(settings, runs, Training, Evaluation, new QuietObserver());

        Assert.That(records[0].Diverged, Is.Not.Null);
        Assert.That(records[0].Diverged!.Epoch, Is.EqualTo(1));
        Assert.That(records[0].Diverged, Is.EqualTo(new Divergence(1, "the training cost is NaN")));
        Assert.That(records[0].Epochs, Is.Empty, "no epoch finished");
        Assert.That(records[1].Diverged, Is.Null);
        Assert.That(records[1].Epochs.Select(e => e.Epoch), Is.EqualTo(new[] { 1, 2, 3 }), "the other run trains all its epochs");
    }

    [Test]
    public void The_observer_hears_every_epoch_of_every_run_and_then_its_end()
    {
        var observer = new QuietObserver();

        ComparisonRunner.Run(Settings(), SixPairings, Training, Evaluation, observer);

        Assert.That(observer.Heard.Where(h => h.EndsWith("end")).OrderBy(h => h), Is.EqualTo(Enumerable.Range(0, 6).Select(i => $"{i} end")));
        foreach (int i in Enumerable.Range(0, 6))
            Assert.That(observer.Heard.Where(h => h.StartsWith($"{i} ")), Is.EqualTo(new[] { $"{i} epoch 1", $"{i} epoch 2", $"{i} epoch 3", $"{i} end" }),
                $"run {i}, in order");
    }

    [Test]
    public void A_failing_run_stops_the_comparison_with_its_own_exception()
    {
        // Inputs of 16 pixels against a 25-input network: Sgd rejects the shapes before training.
        ComparisonSettings settings = Settings() with { Sizes = [25, 8, 3] };

        var e = Assert.Throws<ArgumentException>(() => ComparisonRunner.Run(settings, SixPairings, Training, Evaluation, new QuietObserver()));
        Assert.That(e!.Message, Does.Contain("input layer has 25 neurons"));
    }

    // Everything a run reported that does not depend on the clock.
    private static List<string> Figures(IEnumerable<EpochReport> epochs) =>
        epochs.Select(e => FormattableString.Invariant(
            $"{e.Epoch} {e.Training} {e.Evaluation} {e.Eta:R} {e.Signal?.MeanAbsOutputDelta:R} {string.Join(" ", e.Signal?.MeanAbsWeightGradient.Select(g => g.ToString("R")) ?? [])}")).ToList();

    private sealed class QuietObserver : IComparisonObserver
    {
        private readonly ConcurrentQueue<string> heard = new();

        public IReadOnlyList<string> Heard => heard.ToArray();

        public IEpochSink Starting(int index, RunSpec run) => new Sink(heard, index);

        public void Finished(int index, RunRecord record) => heard.Enqueue($"{index} end");

        private sealed class Sink(ConcurrentQueue<string> heard, int index) : IEpochSink
        {
            public void Report(EpochReport report) => heard.Enqueue($"{index} epoch {report.Epoch}");
        }
    }
}
