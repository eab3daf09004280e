// Glossary
//   S              Σ_l n_l · n_{l+1}: the number of weights
//   FLOPs/example  2S forward + (4S - 2 n_0 n_1) backward: BP2 and BP4 are one product each per layer,
//                  except that no δ is propagated into the input layer
//   GFLOP/s        10^9 floating-point operations per second, a multiply-add counting as two
using System.Diagnostics;
using NetTrainer.Activations;
using NetTrainer.Costs;
using NetTrainer.Data;
using NetTrainer.LinearAlgebra;
using NetTrainer.Training;

namespace NetTrainer.Diagnostics;

/// <summary>A matrix product timed on this machine.</summary>
public sealed record ProductTiming(string Name, int M, int N, int K, int Threads, double Seconds)
{
    /// <summary>Billions of floating-point operations per second: 2MNK (one multiply and one add per term) over the time.</summary>
    public double Gflops => 2.0 * M * N * K / Seconds / 1e9;
}

/// <summary>Training epochs timed on this machine: the median of several, after a warm-up epoch.</summary>
public sealed record EpochTiming(IReadOnlyList<int> Sizes, int MiniBatchSize, int Examples, double MedianSeconds)
{
    /// <summary>Training examples per second, forward, backward and update, at the median epoch.</summary>
    public double ExamplesPerSecond => Examples / MedianSeconds;
    /// <summary>Billions of floating-point operations per second in the products of training, at the median epoch.</summary>
    public double Gflops => Benchmark.FlopsPerExample(Sizes) * ExamplesPerSecond / 1e9;
}

/// <summary>The measurements behind `nettrainer bench`: kernel peak, training epochs, evaluation.</summary>
public static class Benchmark
{
    /// <summary>Floating-point operations of the matrix products for one training example: forward, both backward products and the weight gradient, 2 n_l n_{l+1} each per layer (the first layer has no δ product).</summary>
    public static long FlopsPerExample(IReadOnlyList<int> sizes)
    {
        long s = 0;
        for (int l = 0; l + 1 < sizes.Count; l++)
            s += (long)sizes[l] * sizes[l + 1];
        return 2 * s + 4 * s - 2L * sizes[0] * sizes[1];
    }

    /// <summary>C (m, n) = A (m, k) · Bᵀ with the given thread count: the best of several runs of at least 0.2 s.</summary>
    public static ProductTiming TimeProduct(string name, int m, int n, int k, int threads)
    {
        var rng = new Random(1);
        Matrix<float> a = RandomMatrix(m, k, rng), b = RandomMatrix(n, k, rng), c = new(m, n);
        return new ProductTiming(name, m, n, k, threads,
            BestSecondsPerCall(() => Kernels.MultiplyTransposed(a, b, c, threads)));
    }

    /// <summary>
    /// BP4's fused update on a layer of <paramref name="m"/> neurons with <paramref name="n"/> inputs, from a mini-batch of
    /// <paramref name="k"/> examples: W (m, n) ← βW + α δᵀ a, δ (k, m), a (k, n), as the SGD step runs it
    /// (Kernels.TransposeMultiplyUpdate): the best of several runs of at least 0.2 s.
    /// </summary>
    public static ProductTiming TimeUpdate(string name, int m, int n, int k, int threads)
    {
        var rng = new Random(1);
        Matrix<float> delta = RandomMatrix(k, m, rng), a = RandomMatrix(k, n, rng), w = RandomMatrix(m, n, rng);
        return new ProductTiming(name, m, n, k, threads,
            BestSecondsPerCall(() => Kernels.TransposeMultiplyUpdate(delta, a, w, -1e-3f, 1f - 1e-5f, threads)));
    }

    /// <summary>The median seconds of <paramref name="epochs"/> SGD epochs (training only) after one warm-up epoch; <paramref name="cancellation"/> is checked before the warm-up and between epochs.</summary>
    public static EpochTiming TimeEpochs(Dataset training, int[] sizes, int miniBatchSize, int epochs, int threads,
        CancellationToken cancellation = default) =>
        TimeEpochsInterleaved(training, sizes, miniBatchSize, epochs, [threads], cancellation)[0];

    /// <summary>
    /// <see cref="TimeEpochs"/> for each thread count in <paramref name="threads"/>, one run each (its own network,
    /// the same seed), their epochs taken in turn: one epoch of each run, then the next of each in the other order, so that a shared,
    /// noisy machine slows every run alike and the runs can be compared.
    /// </summary>
    public static EpochTiming[] TimeEpochsInterleaved(Dataset training, int[] sizes, int miniBatchSize, int epochs,
        IReadOnlyList<int> threads, CancellationToken cancellation = default)
    {
        cancellation.ThrowIfCancellationRequested(); // the warm-up epochs themselves cannot be stopped
        var runs = new SgdEpochs<float>[threads.Count];
        for (int i = 0; i < runs.Length; i++)
        {
            var rng = new Random(1);
            Network<float> network = Network<float>.CreateRandom(sizes, Sigmoid.Instance, Sigmoid.Instance,
                CrossEntropyCost.Instance, WeightInit.Default, rng);
            runs[i] = new SgdEpochs<float>(network, training, new SgdOptions(epochs, miniBatchSize, Eta: 0.5, Lambda: 5.0) { Threads = threads[i] }, rng);
            runs[i].Run();
        }
        var seconds = new double[runs.Length, epochs];
        for (int e = 0; e < epochs; e++)
            for (int turn = 0; turn < runs.Length; turn++)
            {
                int i = e % 2 == 0 ? turn : runs.Length - 1 - turn; // each run first as often as last
                cancellation.ThrowIfCancellationRequested();
                long start = Stopwatch.GetTimestamp();
                runs[i].Run();
                seconds[i, e] = Stopwatch.GetElapsedTime(start).TotalSeconds;
            }
        return Enumerable.Range(0, runs.Length)
            .Select(i => new EpochTiming(sizes, miniBatchSize, training.Count, Median(Enumerable.Range(0, epochs).Select(e => seconds[i, e]).ToArray())))
            .ToArray();
    }

    /// <summary>The median seconds to evaluate <paramref name="data"/> (cost and accuracy) with a fresh network.</summary>
    public static double TimeEvaluation(Dataset data, int[] sizes, int repetitions, int threads)
    {
        Network<float> network = Network<float>.CreateRandom(sizes, Sigmoid.Instance, Sigmoid.Instance,
            CrossEntropyCost.Instance, WeightInit.Default, new Random(1));
        var evaluator = new Evaluator<float>(network, threads: threads);
        for (int warmUp = 0; warmUp < 5; warmUp++) // until the JIT has compiled the optimised code
            evaluator.Evaluate(data, 0, data.Count);
        var seconds = new double[repetitions];
        for (int r = 0; r < repetitions; r++)
        {
            long start = Stopwatch.GetTimestamp();
            evaluator.Evaluate(data, 0, data.Count);
            seconds[r] = Stopwatch.GetElapsedTime(start).TotalSeconds;
        }
        return Median(seconds);
    }

    /// <summary>The process's peak resident memory so far, in bytes.</summary>
    public static long PeakMemoryBytes() => Process.GetCurrentProcess().PeakWorkingSet64;

    private static double BestSecondsPerCall(Action call)
    {
        call();
        double best = double.MaxValue;
        for (int round = 0; round < 3; round++)
        {
            int calls = 0;
            long start = Stopwatch.GetTimestamp();
            do
            {
                call();
                calls++;
            } while (Stopwatch.GetElapsedTime(start).TotalSeconds < 0.2);
            best = Math.Min(best, Stopwatch.GetElapsedTime(start).TotalSeconds / calls);
        }
        return best;
    }

    private static double Median(double[] values)
    {
        Array.Sort(values);
        int mid = values.Length / 2;
        return values.Length % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
    }

    private static Matrix<float> RandomMatrix(int rows, int cols, Random rng)
    {
        var matrix = new Matrix<float>(rows, cols);
        foreach (ref float v in matrix.AsSpan())
            v = (float)(rng.NextDouble() * 2 - 1);
        return matrix;
    }
}
