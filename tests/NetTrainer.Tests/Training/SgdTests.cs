using NetTrainer.Activations;
using NetTrainer.Costs;
using NetTrainer.Data;
using NetTrainer.Training;

namespace NetTrainer.Tests.Training;

public class SgdTests
{
    private sealed class Recorder : IEpochSink
    {
        public List<EpochReport> Reports { get; } = [];
        public void Report(EpochReport report) => Reports.Add(report);
    }

    private static (Network<float> Network, List<EpochReport> Reports) Train(int seed, SgdOptions options,
        ICost? cost = null, IActivation? output = null)
    {
        Dataset training = SyntheticData.Create(300, seed: 11), validation = SyntheticData.Create(60, seed: 12);
        var rng = new Random(seed);
        Network<float> network = Network<float>.CreateRandom([16, 8, 3], Sigmoid.Instance,
            output ?? Sigmoid.Instance, cost ?? CrossEntropyCost.Instance, WeightInit.Default, rng);
        var recorder = new Recorder();
        Sgd.Train(network, training, validation, options, rng, recorder);
        return (network, recorder.Reports);
    }

    [Test]
    public void Training_cost_falls_and_matches_the_recorded_run()
    {
        (_, List<EpochReport> reports) = Train(seed: 5, new SgdOptions(Epochs: 4, MiniBatchSize: 10, Eta: 0.5));
        double[] costs = reports.Select(r => r.Training!.Cost).ToArray();
        Assert.That(costs, Is.Ordered.Descending, "training cost per epoch");
        // Recorded from this seed; a change here means the arithmetic of training changed.
        TestContext.Out.WriteLine(string.Join(", ", costs.Select(c => c.ToString("R"))));
        Assert.That(costs, Is.EqualTo(ExpectedCrossEntropyCosts).Within(1e-4));
        Assert.That(reports[^1].Evaluation!.Accuracy, Is.GreaterThan(0.9));
    }

    private static readonly double[] ExpectedCrossEntropyCosts = [1.5826149495442707, 0.8169256591796875, 0.34342191060384114, 0.18651172637939453];

    [TestCaseSource(typeof(Pairings), nameof(Pairings.CostOutput))]
    public void Every_pairing_learns_the_synthetic_task(ICost cost, IActivation output)
    {
        double eta = cost is QuadraticCost ? 3.0 : 0.5;
        (_, List<EpochReport> reports) = Train(seed: 3, new SgdOptions(Epochs: 8, MiniBatchSize: 10, Eta: eta), cost, output);
        Assert.That(reports[^1].Training!.Cost, Is.LessThan(reports[0].Training!.Cost));
        // NLL with sigmoid outputs only raises a_y: nothing lowers the other outputs, so argmax is not trained.
        if (!(cost is NegativeLogLikelihoodCost && output is Sigmoid))
            Assert.That(reports[^1].Evaluation!.Accuracy, Is.GreaterThan(0.9));
    }

    [Test]
    public void The_same_seed_gives_the_same_network_bit_for_bit()
    {
        var options = new SgdOptions(Epochs: 2, MiniBatchSize: 7, Eta: 0.5, Lambda: 1.0);
        (Network<float> a, _) = Train(seed: 9, options);
        (Network<float> b, _) = Train(seed: 9, options);
        (Network<float> c, _) = Train(seed: 10, options);
        Assert.That(b.Weights[0].ToArray(), Is.EqualTo(a.Weights[0].ToArray()));
        Assert.That(b.Biases[1], Is.EqualTo(a.Biases[1]));
        Assert.That(c.Weights[0].ToArray(), Is.Not.EqualTo(a.Weights[0].ToArray()));
    }

    [Test]
    public void No_shuffle_walks_the_data_in_order_and_draws_nothing_from_the_generator()
    {
        var options = new SgdOptions(Epochs: 2, MiniBatchSize: 10, Eta: 0.5, Shuffle: false);
        Dataset training = SyntheticData.Create(40, seed: 1);
        Network<float> network = Network<float>.CreateRandom([16, 5, 3], Sigmoid.Instance, Sigmoid.Instance,
            CrossEntropyCost.Instance, WeightInit.Default, new Random(4));
        Network<float> manual = network.ConvertTo<float>();
        var rng = new Random(8);
        Sgd.Train(network, training, null, options, rng, new Recorder());

        var workspace = MiniBatch<float>.For(manual, 10);
        for (int epoch = 0; epoch < 2; epoch++)
            for (int start = 0; start < 40; start += 10)
            {
                Batches.GatherRange(training, start, workspace);
                manual.UpdateMiniBatch(workspace, 0.5f, 0f, 40);
            }
        Assert.That(network.Weights[0].ToArray(), Is.EqualTo(manual.Weights[0].ToArray()));
        Assert.That(rng.Next(), Is.EqualTo(new Random(8).Next()), "the generator was not touched");
    }

    [Test]
    public void A_last_partial_mini_batch_is_trained_on()
    {
        // 25 examples in mini-batches of 10: 10, 10 and 5. Compare with doing the three steps by hand.
        Dataset training = SyntheticData.Create(25, seed: 2);
        Network<double> network = Seeded.Network([16, 4, 3], QuadraticCost.Instance, Sigmoid.Instance, Sigmoid.Instance);
        Network<double> manual = network.ConvertTo<double>();
        Sgd.Train(network, training, null, new SgdOptions(1, 10, 1.0, Shuffle: false), new Random(1), new Recorder());
        foreach ((int start, int count) in new[] { (0, 10), (10, 10), (20, 5) })
        {
            var workspace = MiniBatch<double>.For(manual, count);
            Batches.GatherRange(training, start, workspace);
            manual.UpdateMiniBatch(workspace, 1.0, 0.0, 25);
        }
        Assert.That(network.Weights[0].ToArray(), Is.EqualTo(manual.Weights[0].ToArray()).Within(1e-15));
    }

    [Test]
    public void A_diverging_run_stops_naming_the_epoch_and_a_smaller_eta()
    {
        var e = Assert.Throws<TrainingDivergedException>(() =>
            TrainRelu(new SgdOptions(Epochs: 3, MiniBatchSize: 10, Eta: 1e30)));
        Assert.That(e!.Message, Does.Contain("epoch 1"));
    }

    private static void TrainRelu(SgdOptions options)
    {
        Network<float> network = Network<float>.CreateRandom([16, 8, 3], Relu.Instance, Sigmoid.Instance,
            QuadraticCost.Instance, WeightInit.Large, new Random(1));
        Sgd.Train(network, SyntheticData.Create(100, seed: 1), null, options, new Random(2), new Recorder());
    }

    [Test]
    public void Weight_decay_shrinks_the_weights()
    {
        (Network<float> plain, _) = Train(seed: 4, new SgdOptions(Epochs: 3, MiniBatchSize: 10, Eta: 0.5, Lambda: 0));
        (Network<float> decayed, _) = Train(seed: 4, new SgdOptions(Epochs: 3, MiniBatchSize: 10, Eta: 0.5, Lambda: 50));
        Assert.That(decayed.SumOfSquaredWeights(), Is.LessThan(plain.SumOfSquaredWeights()));
    }
}

public class SgdAllocationTests
{
    [Test]
    public void An_epoch_after_the_first_allocates_nothing()
    {
        Dataset training = SyntheticData.Create(95, seed: 3);
        Network<float> network = Network<float>.CreateRandom([16, 8, 3], Sigmoid.Instance, Softmax.Instance,
            NegativeLogLikelihoodCost.Instance, WeightInit.Default, new Random(1));
        var epochs = new SgdEpochs<float>(network, training, new SgdOptions(Epochs: 3, MiniBatchSize: 10, Eta: 0.1, Lambda: 1), new Random(2));
        epochs.Run();
        long before = GC.GetAllocatedBytesForCurrentThread();
        epochs.Run();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.That(allocated, Is.Zero, "bytes allocated by one epoch of 10 mini-batches (the last one short)");
    }

    [Test]
    public void An_epoch_split_over_two_threads_allocates_nothing_either()
    {
        // 784,200,10 with mini-batches of 100: every forward product, and the hidden layer's 100 x 200 sigmoids, are
        // large enough to be split.
        var rng = new Random(4);
        var pixels = new byte[300 * 784];
        rng.NextBytes(pixels);
        var labels = Enumerable.Range(0, 300).Select(i => (byte)(i % 10)).ToArray();
        var training = new Dataset(pixels, labels, 28, 28, 10);
        Network<float> network = Network<float>.CreateRandom([784, 200, 10], Sigmoid.Instance, Sigmoid.Instance,
            CrossEntropyCost.Instance, WeightInit.Default, new Random(1));
        var epochs = new SgdEpochs<float>(network, training, new SgdOptions(Epochs: 61, MiniBatchSize: 100, Eta: 0.1) { Threads = 2 }, new Random(2));
        {
            Assert.That(NetTrainer.LinearAlgebra.Parallelism.WorthSplitting(100, 2, 100L * 200 * 784, threads: 2), Is.True, "the products are split");
            int sigmoidWork = ((NetTrainer.Activations.IElementwiseActivation)Sigmoid.Instance).WorkPerElement;
            Assert.That(NetTrainer.LinearAlgebra.Parallelism.WorthSplitting(100, 1, 100L * 200 * sigmoidWork, threads: 2), Is.True, "the sigmoids are split");
            for (int warmUp = 0; warmUp < 60; warmUp++) // until the JIT has settled on optimised code
                epochs.Run();
            // Counted on this thread and on the kernel workers (the test host's own threads allocate meanwhile).
            long workersBefore = NetTrainer.LinearAlgebra.Parallelism.WorkerAllocatedBytes;
            long before = GC.GetAllocatedBytesForCurrentThread();
            epochs.Run();
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            long workers = NetTrainer.LinearAlgebra.Parallelism.WorkerAllocatedBytes - workersBefore;
            Assert.That(NetTrainer.LinearAlgebra.Parallelism.WorkerAllocatedBytes, Is.GreaterThan(0), "the workers ran (their thread start allocates)");
            Assert.That(allocated, Is.Zero, "bytes allocated by the training thread in one epoch of 3 split mini-batches");
            Assert.That(workers, Is.Zero, "bytes allocated by the kernel workers in that epoch");
        }
    }
}
