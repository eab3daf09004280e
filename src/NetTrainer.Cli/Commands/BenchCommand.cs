using System.CommandLine;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using CsvHelper;
using CsvHelper.Configuration.Attributes;
using NetTrainer.Data;
using NetTrainer.Diagnostics;
using NetTrainer.LinearAlgebra;

namespace NetTrainer.Cli.Commands;

/// <summary>
/// `nettrainer bench`: this machine's float32 FMA peak per register width, kernel GFLOP/s, training seconds per
/// epoch for the three reference configurations (with --under-load also while a child process keeps one core busy)
/// and for the record's width against its FLOP count at the peak, evaluation time and peak memory; printed and
/// written as CSV. Kernels and epochs are given as a share of the measured peak of the kernels' register width at
/// the same thread count.
/// </summary>
public static class BenchCommand
{
    private static readonly Option<string?> DataDirOption = Options.DataDir();
    // Every epoch's time is kept for the median: a bound keeps 2,000,000,000 from asking for 16 GB (1,000 epochs take minutes).
    private static readonly Option<int> EpochsOption = Options.Positive("--epochs", "Timed epochs per configuration (after one warm-up epoch); the median is reported.", 5,
        maximum: MaxEpochs);

    public const int MaxEpochs = 1000;
    private static readonly Option<string> CsvOption = new("--csv")
    {
        Description = "Write the figures to this CSV file.",
        DefaultValueFactory = _ => "artifacts/bench.csv",
    };

    private static readonly Option<bool> UnderLoadOption = new("--under-load")
    {
        Description = "Also time training while a child process of this tool keeps one core busy, and print both side by side.",
    };

    // Hidden layer and mini-batch of the three reference configurations; input and output come from the data.
    private sealed record Config(int Hidden, int MiniBatch);

    private static readonly Config[] Configs = [new(30, 10), new(100, 10), new(100, 100)];

    public static Command Create()
    {
        var command = new Command("bench", "Measure this machine's FMA peak, kernel GFLOP/s, training seconds per epoch (optionally under load), evaluation time and peak memory.")
        {
            DataDirOption, EpochsOption, CsvOption, UnderLoadOption,
        };
        command.SetAction((parse, cancellation) => Guarded.RunAsync(parse, (output, ct) => RunAsync(parse, output, ct), cancellation));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, TextWriter output, CancellationToken cancellation)
    {
        string csvPath = parse.GetValue(CsvOption)!;
        if (parse.GetResult(CsvOption) is not { Implicit: false })
            OutputPaths.CreateDefaultFolder(csvPath);
        OutputPaths.Require([(CsvOption.Name, csvPath)], OutputPaths.DataFiles(parse.GetValue(DataDirOption)!));
        int epochs = parse.GetValue(EpochsOption);
        bool underLoad = parse.GetValue(UnderLoadOption);
        using Serilog.Core.Logger log = Logging.To(output);
        MnistSplit split = await DataLoading.LoadAsync(parse.GetValue(DataDirOption), log, output, cancellation);
        int cores = Environment.ProcessorCount;
        int[] threadCounts = cores > 1 ? [1, cores] : [1];
        output.WriteLine($"Machine: {CpuName()}, {cores} cores, AVX2 {Avx2.IsSupported}, FMA {Fma.IsSupported}, " +
                         $"AVX-512 {Avx512F.IsSupported}, {RuntimeInformation.FrameworkDescription}");
        output.WriteLine($"Kernels run: {Kernels.Float32Path}");
        var rows = new List<Row>();

        output.WriteLine();
        Peaks peaks = MeasurePeaks(output, threadCounts, rows, cancellation);

        output.WriteLine();
        output.WriteLine("Kernel: C = A·Bᵀ (float32)              threads   ms/call    GFLOP/s  % of peak");
        ProductTiming[] products =
        [
            Benchmark.TimeProduct("square 1024", 1024, 1024, 1024, 1),
            Benchmark.TimeProduct("square 1024", 1024, 1024, 1024, cores),
            Benchmark.TimeProduct("forward 784,30 mb 10", 10, 30, 784, 1),
            Benchmark.TimeProduct("forward 784,100 mb 10", 10, 100, 784, 1),
            Benchmark.TimeProduct("forward 784,100 mb 100", 100, 100, 784, cores),
        ];
        WriteProducts(output, products, peaks, rows);
        output.WriteLine();
        output.WriteLine("Kernel: W ← βW + α·δᵀa (BP4, float32)   threads   ms/call    GFLOP/s  % of peak"); // W (m, n), k terms: m x n x k
        WriteProducts(output,
        [
            Benchmark.TimeUpdate("BP4 784,30 mb 10", 30, 784, 10, 1),
            Benchmark.TimeUpdate("BP4 784,100 mb 10", 100, 784, 10, 1),
            Benchmark.TimeUpdate("BP4 784,100 mb 100", 100, 784, 100, cores),
            Benchmark.TimeUpdate("BP4 784,800 mb 100", 800, 784, 100, cores),
        ], peaks, rows);

        output.WriteLine();
        // Each network's 1-thread and all-core runs take their epochs in turn (Benchmark.TimeEpochsInterleaved), so
        // that the host's noise falls on both alike and their ratio under load is the split's own.
        var configs = Configs.Select(c => (Sizes: new[] { split.Training.InputSize, c.Hidden, split.Training.ClassCount }, c.MiniBatch)).ToArray();
        int[] runThreads = configs.SelectMany(_ => threadCounts).ToArray();
        EpochTiming[] idle = configs.SelectMany(c => TimeRuns(split, c.Sizes, c.MiniBatch, epochs, threadCounts, cancellation)).ToArray();
        EpochTiming[]? loaded = null;
        if (underLoad)
        {
            using BusyProcess busy = BusyProcess.Start();
            output.WriteLine($"Under load: busy process {busy.Id} spins on one core while training is timed again.");
            output.Flush();
            loaded = configs.SelectMany(c => TimeRuns(split, c.Sizes, c.MiniBatch, epochs, threadCounts, cancellation)).ToArray();
        }
        WriteTraining(output, split.Training.Count, epochs, runThreads, idle, loaded, peaks, rows);
        WriteWide(output, TimeEpochs(split, [split.Training.InputSize, WideHidden, split.Training.ClassCount], 100, epochs, cores, cancellation),
            cores, peaks, rows);

        output.WriteLine();
        int[] evaluationSizes = [split.Training.InputSize, 100, split.Training.ClassCount];
        double evaluation = Benchmark.TimeEvaluation(split.Test, evaluationSizes, repetitions: 21, cores);
        output.WriteLine($"Evaluation of {split.Test.Count} test images, {string.Join(",", evaluationSizes)}: {1000 * evaluation:F1} ms");
        rows.Add(new Row("evaluation", $"{split.Test.Count} images {string.Join(",", evaluationSizes)}", cores, "idle", evaluation, split.Test.Count / evaluation, null, null));

        // --monitor training's cost: one evaluation of the whole training set, against the epoch it follows.
        int[] monitoredSizes = [split.Training.InputSize, 30, split.Training.ClassCount];
        double monitoring = Benchmark.TimeEvaluation(split.Training, monitoredSizes, repetitions: 11, cores);
        double? monitoredEpoch = idle.Where(e => e.Sizes.SequenceEqual(monitoredSizes) && e.MiniBatchSize == 10)
            .Select(e => (double?)e.MedianSeconds).Min();
        string share = monitoredEpoch is { } epochSeconds ? $", {100 * monitoring / epochSeconds:F0}% of its fastest mini-batch 10 epoch above ({1000 * epochSeconds:F0} ms)" : "";
        output.WriteLine($"Monitoring the training cost ({split.Training.Count} images, {string.Join(",", monitoredSizes)}): {1000 * monitoring:F1} ms{share}");
        rows.Add(new Row("monitoring", $"{split.Training.Count} training images {string.Join(",", monitoredSizes)}", cores, "idle", monitoring,
            split.Training.Count / monitoring, null, null));

        double peakMb = Benchmark.PeakMemoryBytes() / (1024.0 * 1024.0);
        output.WriteLine($"Peak memory of this process (all of the above, MNIST loaded): {peakMb:F0} MB");
        rows.Add(new Row("memory", "peak resident MB", cores, "idle", null, null, null, null, peakMb));

        NetTrainer.Persistence.AtomicFile.Write(csvPath, stream =>
        {
            using var csv = new CsvWriter(new StreamWriter(stream, leaveOpen: true), CultureInfo.InvariantCulture);
            csv.WriteRecords(rows);
        });
        output.WriteLine($"Wrote {csvPath}.");
        return ExitCodes.Success;
    }

    private static void WriteProducts(TextWriter output, ProductTiming[] products, Peaks peaks, List<Row> rows)
    {
        foreach (ProductTiming p in products)
        {
            double? percent = peaks.Percent(p.Gflops, p.Threads);
            output.WriteLine($"  {p.Name,-24} {$"{p.M}x{p.N}x{p.K}",-15} {p.Threads,4} {1000 * p.Seconds,9:F3} {p.Gflops,10:F1} {Percent(percent),10}");
            rows.Add(new Row("kernel", $"{p.Name} ({p.M}x{p.N}x{p.K})", p.Threads, "idle", p.Seconds, 1 / p.Seconds, p.Gflops, percent));
        }
    }

    private static EpochTiming TimeEpochs(MnistSplit split, int[] sizes, int miniBatch, int epochs, int threads, CancellationToken cancellation) =>
        Benchmark.TimeEpochs(split.Training, sizes, miniBatch, epochs, threads, cancellation);

    private static EpochTiming[] TimeRuns(MnistSplit split, int[] sizes, int miniBatch, int epochs, int[] threads, CancellationToken cancellation) =>
        Benchmark.TimeEpochsInterleaved(split.Training, sizes, miniBatch, epochs, threads, cancellation);

    /// <summary>The FMA peak of the kernels' register width per thread count: what the percentages are of.</summary>
    private sealed record Peaks(Dictionary<int, double> ByThreads)
    {
        public double? Percent(double gflops, int threads) =>
            ByThreads.TryGetValue(threads, out double peak) ? 100 * gflops / peak : null;
    }

    private static Peaks MeasurePeaks(TextWriter output, int[] threadCounts, List<Row> rows, CancellationToken cancellation)
    {
        IReadOnlyList<VectorWidth> widths = FmaPeak.AvailableWidths();
        VectorWidth? kernelWidth = Kernels.Float32Width is { } k && widths.Contains(k) ? k : null;
        var byThreads = new Dictionary<int, double>();
        if (widths.Count == 0)
        {
            output.WriteLine("FMA peak: not measured (this CPU has no fused multiply-add); no percentages of peak below.");
            return new Peaks(byThreads);
        }
        output.WriteLine("FMA peak, float32, measured now (best of short runs)   threads    GFLOP/s   per core");
        foreach (VectorWidth width in widths)
            foreach (int threads in threadCounts)
            {
                cancellation.ThrowIfCancellationRequested();
                PeakTiming peak = FmaPeak.Measure(width, threads);
                output.WriteLine($"  {width,-52} {threads,7} {peak.Gflops,10:F1} {peak.GflopsPerThread,10:F1}");
                rows.Add(new Row("peak", $"{width} FMA", threads, "idle", null, null, peak.Gflops, null));
                if (width == kernelWidth)
                    byThreads[threads] = peak.Gflops;
            }
        output.WriteLine(kernelWidth is { } w
            ? $"  percentages below are of the {w} peak (the kernels' width) at the same thread count"
            : $"  the kernels run {Kernels.Float32Path}: no percentages of peak below");
        return new Peaks(byThreads);
    }

    private static void WriteTraining(TextWriter output, int examples, int epochs, int[] threads, EpochTiming[] idle,
        EpochTiming[]? loaded, Peaks peaks, List<Row> rows)
    {
        string title = $"Training, {examples:N0} examples, median of {epochs} epochs";
        output.WriteLine(loaded is null
            ? $"{title,-46}  threads  s/epoch  examples/s  GFLOP/s  % of peak"
            : $"{title,-46}  threads   idle: s/epoch  GFLOP/s  % of peak   under load: s/epoch  GFLOP/s  % of peak");
        for (int i = 0; i < idle.Length; i++)
        {
            EpochTiming t = idle[i];
            string name = Name(t);
            double? percent = peaks.Percent(t.Gflops, threads[i]);
            rows.Add(new Row("training", name, threads[i], "idle", t.MedianSeconds, t.ExamplesPerSecond, t.Gflops, percent));
            if (loaded is null)
            {
                output.WriteLine($"  {name,-44} {threads[i],8} {t.MedianSeconds,8:F3} {t.ExamplesPerSecond,11:N0} {t.Gflops,8:F1} {Percent(percent),10}");
                continue;
            }
            EpochTiming u = loaded[i];
            double? loadedPercent = peaks.Percent(u.Gflops, threads[i]);
            rows.Add(new Row("training", name, threads[i], "one core busy", u.MedianSeconds, u.ExamplesPerSecond, u.Gflops, loadedPercent));
            output.WriteLine($"  {name,-44} {threads[i],8} {t.MedianSeconds,14:F3} {t.Gflops,8:F1} {Percent(percent),10} {u.MedianSeconds,21:F3} {u.Gflops,8:F1} {Percent(loadedPercent),10}");
        }
        output.WriteLine(EffectiveRates);
        if (loaded is null || threads.Length < 2)
            return;
        output.WriteLine();
        output.WriteLine($"Under load, {threads[^1]} threads against 1 thread (time per epoch; below 1.00x is faster):");
        for (int i = 0; i + 1 < loaded.Length; i += 2)
            output.WriteLine($"  {Name(loaded[i]),-44} {loaded[i + 1].MedianSeconds / loaded[i].MedianSeconds,8:F2}x");
    }

    // The record's width: almost all of its time is the two big products, so its epoch against the time its FLOPs
    // take at the measured peak says how close training comes to the hardware.
    private const int WideHidden = 800;

    private static void WriteWide(TextWriter output, EpochTiming wide, int threads, Peaks peaks, List<Row> rows)
    {
        double? percent = peaks.Percent(wide.Gflops, threads);
        rows.Add(new Row("training", Name(wide), threads, "idle", wide.MedianSeconds, wide.ExamplesPerSecond, wide.Gflops, percent));
        output.WriteLine();
        output.WriteLine($"{"The record's width, idle",-46}  threads  s/epoch  examples/s  GFLOP/s  % of peak");
        output.WriteLine($"  {Name(wide),-44} {threads,8} {wide.MedianSeconds,8:F3} {wide.ExamplesPerSecond,11:N0} {wide.Gflops,8:F1} {Percent(percent),10}");
        if (percent is { } p)
            output.WriteLine($"  {100 / p:F2}x the {wide.MedianSeconds * p / 100:F3} s its {Benchmark.FlopsPerExample(wide.Sizes) * (double)wide.Examples / 1e9:F0} GFLOP per epoch (dense) take at the measured peak");
    }

    // Training's GFLOP/s divide the dense products' FLOPs by the time, but the first layer's forward product skips
    // the pieces of the images that are zero in every row of a tile (LiveChunks): the rates say what the epoch is
    // worth, not what the cores computed.
    private const string EffectiveRates =
        "  (training GFLOP/s count the dense products; the first layer skips the images' all-zero 8-pixel pieces)";

    private static string Name(EpochTiming t) => $"{string.Join(",", t.Sizes)} mb {t.MiniBatchSize}";

    private static string Percent(double? percent) => percent is { } p ? $"{p:F1}%" : "-";

    private static string CpuName()
    {
        const string cpuInfo = "/proc/cpuinfo";
        string? line = File.Exists(cpuInfo) ? File.ReadLines(cpuInfo).FirstOrDefault(l => l.StartsWith("model name")) : null;
        return line?.Split(':', 2)[1].Trim() ?? RuntimeInformation.ProcessArchitecture.ToString();
    }

    private sealed record Row(
        [property: Name("section")] string Section,
        [property: Name("name")] string Name,
        [property: Name("threads")] int Threads,
        [property: Name("load")] string Load,
        [property: Name("seconds")] double? Seconds,
        [property: Name("per_second")] double? PerSecond,
        [property: Name("gflops")] double? Gflops,
        [property: Name("percent_of_peak")] double? PercentOfPeak,
        [property: Name("megabytes")] double? Megabytes = null);
}
