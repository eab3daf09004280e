using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using NetTrainer.Cli;

namespace NetTrainer.Tests.Process;

/// <summary>
/// `bench --under-load` on the real process: the busy child it starts is gone once bench has exited, whether bench
/// finished, was interrupted by Ctrl+C, or was killed with kill -9 (then the child notices and ends by itself).
/// </summary>
public sealed partial class BenchUnderLoadTests : CliProcess
{
    [GeneratedRegex(@"^Under load: busy process (\d+) spins")]
    private static partial Regex BusyLine();

    // A training row with both sets of figures: name, threads, then s/epoch, GFLOP/s and % of peak idle and under load.
    [GeneratedRegex(@"^\s+\S+ mb \d+\s+\d+(\s+\d+[.,]\d{3}\s+\d+[.,]\d\s+(-|\d+[.,]\d%)){2}$")]
    private static partial Regex LoadedRow();

    private const int ReferenceConfigurations = 3; // 784,30,10 mb 10, 784,100,10 mb 10 and mb 100, on the fixture's sizes

    private sealed record Bench(System.Diagnostics.Process Child, int BusyId, List<string> OutputSoFar, Task<string> Error);

    // Starts bench on the fixture and reads its output until it names its busy child.
    private Bench StartBench(int epochs)
    {
        System.Diagnostics.Process child = StartChild("bench", "--under-load", "--epochs", $"{epochs}", "--data-dir", DataDir, "--csv", InDir("b.csv"));
        Task<string> error = child.StandardError.ReadToEndAsync();
        var lines = new List<string>();
        var waited = Stopwatch.StartNew();
        while (child.StandardOutput.ReadLine() is { } line)
        {
            lines.Add(line);
            if (BusyLine().Match(line) is { Success: true } match)
                return new Bench(child, int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), lines, error);
            if (waited.Elapsed > StuckAfter)
                break;
        }
        child.Kill(entireProcessTree: true);
        Assert.Fail($"bench never named its busy process:\n{string.Join("\n", lines)}\n{error.Result}");
        throw new UnreachableException();
    }

    private static ProcessResult Finish(Bench bench)
    {
        string rest = bench.Child.StandardOutput.ReadToEnd();
        if (!bench.Child.WaitForExit(StuckAfter))
        {
            bench.Child.Kill(entireProcessTree: true);
            Assert.Fail($"bench did not exit within {StuckAfter.TotalSeconds} s.");
        }
        return new ProcessResult(bench.Child.ExitCode, string.Join("\n", bench.OutputSoFar) + "\n" + rest, bench.Error.Result, TimeSpan.Zero);
    }

    // The busy command of this CLI runs as that id (a zombie or a reused id has another or no command line).
    private static bool BusyRunning(int id)
    {
        string cmdline = $"/proc/{id}/cmdline";
        if (Directory.Exists("/proc"))
            return File.Exists(cmdline) && File.ReadAllText(cmdline).Split('\0').Contains("busy");
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(id);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    [Test]
    public void A_finished_bench_prints_idle_and_loaded_figures_and_leaves_no_busy_process()
    {
        Bench bench = StartBench(epochs: 1);
        Assert.That(BusyRunning(bench.BusyId), Is.True, "the busy process runs while the loaded figures are timed");

        ProcessResult result = Finish(bench);

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Success), result.ToString());
        Assert.That(BusyRunning(bench.BusyId), Is.False, "the busy process is gone when bench has exited");
        Assert.That(result.Output, Does.Contain("FMA peak").And.Contain("Kernels run: "));
        Assert.That(result.Output, Does.Match(@"idle: s/epoch .* under load: s/epoch"));
        if (Environment.ProcessorCount > 1)
            Assert.That(result.Output, Does.Contain($"Under load, {Environment.ProcessorCount} threads against 1 thread"));
        // Every reference configuration at every thread count has its row of idle and loaded figures.
        Assert.That(result.Output.Split('\n').Count(line => LoadedRow().IsMatch(line)),
            Is.EqualTo(ReferenceConfigurations * (Environment.ProcessorCount > 1 ? 2 : 1)), result.ToString());
        // The record's width, idle on all cores, against the time its FLOPs take at the measured peak.
        Assert.That(result.Output, Does.Match($@"The record's width, idle.*\n\s+\d+,800,\d+ mb 100\s+{Environment.ProcessorCount}\s+\d+[.,]\d{{3}}"));
        if (System.Runtime.Intrinsics.X86.Fma.IsSupported)
            Assert.That(result.Output, Does.Match(@"\d+[.,]\d\dx the \d+[.,]\d{3} s its \d+ GFLOP per epoch \(dense\) take at the measured peak"));
    }

    [Test]
    public void Ctrl_C_while_under_load_stops_the_busy_process_before_bench_exits()
    {
        Bench bench = StartBench(epochs: BenchMaxEpochs);
        Assert.That(bench.Child.HasExited, Is.False, "bench ended before the signal: make it longer");
        Assert.That(Tool("kill", out string why, "-INT", bench.Child.Id.ToString(CultureInfo.InvariantCulture)), Is.True, why);

        ProcessResult result = Finish(bench);

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Interrupted), result.ToString());
        Assert.That(result.ErrorLines, Has.Length.EqualTo(1), result.ToString());
        Assert.That(BusyRunning(bench.BusyId), Is.False, "the busy process is gone when bench has exited");
    }

    [Test]
    public void A_bench_killed_with_kill_9_leaves_a_busy_process_that_ends_by_itself()
    {
        Bench bench = StartBench(epochs: BenchMaxEpochs);
        Assert.That(bench.Child.HasExited, Is.False, "bench ended before the kill: make it longer");
        bench.Child.Kill();
        bench.Child.WaitForExit();

        var waited = Stopwatch.StartNew();
        while (BusyRunning(bench.BusyId) && waited.Elapsed < TimeSpan.FromSeconds(10))
            Thread.Sleep(20);
        Assert.That(BusyRunning(bench.BusyId), Is.False, "the busy process ends once its parent has gone");
    }

    // The most epochs bench takes: long enough on the fixture for a signal to find it still training under load.
    private const int BenchMaxEpochs = NetTrainer.Cli.Commands.BenchCommand.MaxEpochs;
}
