using System.CommandLine;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using CsvHelper;
using CsvHelper.Configuration.Attributes;
using NetTrainer.Data;
using NetTrainer.Diagnostics;

namespace NetTrainer.Cli.Commands;

/// <summary>
/// `nettrainer bench`: this machine's kernel peak, training seconds per epoch for the three reference
/// configurations, evaluation time and peak memory; printed and written as CSV. The figures are this machine's; the kernels' are given as a share of its measured peak.
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

    private sealed record Config(int[] Sizes, int MiniBatch);

    private static readonly Config[] Configs =
    [
        new([784, 30, 10], 10),
        new([784, 100, 10], 10),
        new([784, 100, 10], 100),
    ];

    public static Command Create()
    {
        var command = new Command("bench", "Measure kernel GFLOP/s, training seconds per epoch, evaluation time and peak memory on this machine.")
        {
            DataDirOption, EpochsOption, CsvOption,
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
        using Serilog.Core.Logger log = Logging.To(output);
        MnistSplit split = await DataLoading.LoadAsync(parse.GetValue(DataDirOption), log, output, cancellation);
        int cores = Environment.ProcessorCount;
        output.WriteLine($"Machine: {CpuName()}, {cores} cores, AVX2 {Avx2.IsSupported}, FMA {Fma.IsSupported}, " +
                         $"256-bit vectors {Vector256.IsHardwareAccelerated}, {RuntimeInformation.FrameworkDescription}");
        var rows = new List<Row>();

        output.WriteLine();
        output.WriteLine("Kernel: C = A·Bᵀ (float32)              threads   ms/call    GFLOP/s");
        ProductTiming[] products =
        [
            Benchmark.TimeProduct("square 1024", 1024, 1024, 1024, 1),
            Benchmark.TimeProduct("square 1024", 1024, 1024, 1024, cores),
            Benchmark.TimeProduct("forward 784,30 mb 10", 10, 30, 784, 1),
            Benchmark.TimeProduct("forward 784,100 mb 10", 10, 100, 784, 1),
            Benchmark.TimeProduct("forward 784,100 mb 100", 100, 100, 784, cores),
        ];
        // The peak is the best any product reached on this machine (a cache-resident one can beat the square).
        ProductTiming peak = products.MaxBy(p => p.Gflops)!;
        foreach (ProductTiming p in products)
        {
            output.WriteLine($"  {p.Name,-24} {p.M,5}x{p.N}x{p.K,-6} {p.Threads,4} {1000 * p.Seconds,9:F3} {p.Gflops,10:F1}");
            rows.Add(new Row("kernel", $"{p.Name} ({p.M}x{p.N}x{p.K})", p.Threads, p.Seconds, 1 / p.Seconds, p.Gflops, 100 * p.Gflops / peak.Gflops));
        }

        output.WriteLine($"  peak: {peak.Gflops:F1} GFLOP/s ({peak.Name}, {peak.Threads} threads); percentages below are of it");
        output.WriteLine();
        output.WriteLine($"Training, {split.Training.Count} examples, median of {epochs} epochs   threads  s/epoch  examples/s  GFLOP/s  % of peak");
        foreach (Config config in Configs)
            foreach (int threads in cores > 1 ? new[] { 1, cores } : [1])
            {
                cancellation.ThrowIfCancellationRequested();
                EpochTiming t = Benchmark.TimeEpochs(split.Training, config.Sizes, config.MiniBatch, epochs, threads);
                string name = $"{string.Join(",", config.Sizes)} mb {config.MiniBatch}";
                output.WriteLine($"  {name,-46} {threads,7} {t.MedianSeconds,8:F3} {t.ExamplesPerSecond,11:N0} {t.Gflops,8:F1} {100 * t.Gflops / peak.Gflops,9:F1}%");
                rows.Add(new Row("training", name, threads, t.MedianSeconds, t.ExamplesPerSecond, t.Gflops, 100 * t.Gflops / peak.Gflops));
            }

        output.WriteLine();
        double evaluation = Benchmark.TimeEvaluation(split.Test, [784, 100, 10], repetitions: 21, cores);
        output.WriteLine($"Evaluation of {split.Test.Count} test images, 784,100,10: {1000 * evaluation:F1} ms");
        rows.Add(new Row("evaluation", $"{split.Test.Count} images 784,100,10", cores, evaluation, split.Test.Count / evaluation, null, null));

        double peakMb = Benchmark.PeakMemoryBytes() / (1024.0 * 1024.0);
        output.WriteLine($"Peak memory of this process (all of the above, MNIST loaded): {peakMb:F0} MB");
        rows.Add(new Row("memory", "peak resident MB", cores, null, null, null, null, peakMb));

        NetTrainer.Persistence.AtomicFile.Write(csvPath, stream =>
        {
            using var csv = new CsvWriter(new StreamWriter(stream, leaveOpen: true), CultureInfo.InvariantCulture);
            csv.WriteRecords(rows);
        });
        output.WriteLine($"Wrote {csvPath}.");
        return ExitCodes.Success;
    }

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
        [property: Name("seconds")] double? Seconds,
        [property: Name("per_second")] double? PerSecond,
        [property: Name("gflops")] double? Gflops,
        [property: Name("percent_of_peak")] double? PercentOfPeak,
        [property: Name("megabytes")] double? Megabytes = null);
}
