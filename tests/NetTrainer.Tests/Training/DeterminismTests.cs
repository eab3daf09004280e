using NetTrainer.Activations;
using NetTrainer.Costs;
using NetTrainer.Data;
using NetTrainer.LinearAlgebra;
using NetTrainer.Training;

namespace NetTrainer.Tests.Training;

/// <summary>The fast path against the thread count, the register width and the plain double-precision path.</summary>
[NonParallelizable] // one test forces the kernels' register width for the whole process
public class DeterminismTests
{
    private static Dataset Images(int count, int seed)
    {
        var rng = new Random(seed);
        var pixels = new byte[count * 784];
        rng.NextBytes(pixels);
        return new Dataset(pixels, Enumerable.Range(0, count).Select(i => (byte)(i % 10)).ToArray(), 28, 28, 10);
    }

    private static Network<float> Train(int threads)
    {
        {
            var rng = new Random(11);
            Network<float> network = Network<float>.CreateRandom([784, 200, 10], Sigmoid.Instance, Softmax.Instance,
                NegativeLogLikelihoodCost.Instance, WeightInit.Default, rng);
            // Mini-batches of 100 on 784,200,10: the products, and the hidden layer's 100 x 200 sigmoids, are large
            // enough to be split over threads.
            Sgd.Train(network, Images(300, 1), Images(250, 2),
                new SgdOptions(Epochs: 2, MiniBatchSize: 100, Eta: 0.1, Lambda: 1) { Threads = threads }, rng, new NullSink());
            return network;
        }
    }

    [Test]
    public void The_same_seed_trains_the_same_bits_on_one_thread_and_on_two()
    {
        Network<float> one = Train(threads: 1), two = Train(threads: 2);
        for (int l = 0; l < one.LayerCount; l++)
        {
            Assert.That(two.Weights[l].ToArray(), Is.EqualTo(one.Weights[l].ToArray()), $"weights[{l}]");
            Assert.That(two.Biases[l], Is.EqualTo(one.Biases[l]), $"biases[{l}]");
        }
    }

    [TestCase(1)]
    [TestCase(2)]
    public void The_same_seed_trains_and_evaluates_the_same_bits_on_256_and_512_bit_registers(int threads)
    {
        // 512 bits where the CPU has AVX-512; elsewhere .NET's software Vector512 runs the same kernels, slowly.
        Dataset test = Images(250, 3);
        try
        {
            Simd.ForcedWidth = 256;
            Network<float> narrow = Train(threads);
            EvaluationResult narrowResult = new Evaluator<float>(narrow, chunk: 100, threads).Evaluate(test, lambda: 1, trainingSize: 300);
            Simd.ForcedWidth = 512;
            Network<float> wide = Train(threads);
            EvaluationResult wideResult = new Evaluator<float>(wide, chunk: 100, threads).Evaluate(test, lambda: 1, trainingSize: 300);
            for (int l = 0; l < narrow.LayerCount; l++) // bit patterns: −0 and +0, or two NaNs, must not pass as equal
            {
                Assert.That(Bits(wide.Weights[l].ToArray()), Is.EqualTo(Bits(narrow.Weights[l].ToArray())), $"weights[{l}]");
                Assert.That(Bits(wide.Biases[l]), Is.EqualTo(Bits(narrow.Biases[l])), $"biases[{l}]");
            }
            Assert.That(BitConverter.DoubleToInt64Bits(wideResult.Cost), Is.EqualTo(BitConverter.DoubleToInt64Bits(narrowResult.Cost)), "the evaluation's cost");
            Assert.That(wideResult.Correct, Is.EqualTo(narrowResult.Correct), "the evaluation's count");
        }
        finally
        {
            Simd.ForcedWidth = 0;
        }
    }

    private static int[] Bits(IEnumerable<float> values) => values.Select(BitConverter.SingleToInt32Bits).ToArray();

    [TestCaseSource(typeof(Pairings), nameof(Pairings.CostOutput))]
    public void A_float32_training_step_matches_the_float64_step_within_float_rounding(ICost cost, IActivation output)
    {
        Network<float> single = Network<float>.CreateRandom([784, 30, 10], Sigmoid.Instance, output, cost, WeightInit.Default, new Random(3));
        Network<double> reference = single.ConvertTo<double>();
        Dataset data = Images(20, 4);
        var ws = MiniBatch<float>.For(single, 20);
        var wd = MiniBatch<double>.For(reference, 20);
        Batches.GatherRange(data, 0, ws);
        Batches.GatherRange(data, 0, wd);
        single.UpdateMiniBatch(ws, 0.5f, 2f, 1000);
        reference.UpdateMiniBatch(wd, 0.5, 2.0, 1000);
        for (int l = 0; l < single.LayerCount; l++)
        {
            double[] expected = reference.Weights[l].ToArray();
            float[] actual = single.Weights[l].ToArray();
            double worst = 0;
            for (int i = 0; i < expected.Length; i++)
                worst = Math.Max(worst, Math.Abs(actual[i] - expected[i]) / Math.Max(1, Math.Abs(expected[i])));
            // float32 keeps ~7 digits; a sum over 784 inputs and one step lose a few more.
            Assert.That(worst, Is.LessThan(1e-5), $"weights[{l}]: largest relative difference from float64");
        }
    }

    private sealed class NullSink : IEpochSink
    {
        public void Report(EpochReport report)
        {
        }
    }
}
