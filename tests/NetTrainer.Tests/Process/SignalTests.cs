using System.Diagnostics;
using System.Globalization;
using NetTrainer.Cli;
using NetTrainer.Persistence;

namespace NetTrainer.Tests.Process;

/// <summary>
/// Signals and kills on the real process: what the in-process tests cannot see. A long run on the fixture (each
/// epoch takes milliseconds) is stopped once its metrics file shows it is under way.
/// </summary>
public sealed class SignalTests : CliProcess
{
    private Stopwatch clock = new();

    [TestCase("INT", ExitCodes.Interrupted, "SIGINT")]
    [TestCase("TERM", ExitCodes.Terminated, "SIGTERM")]
    public void A_signal_mid_training_saves_the_network_and_the_metrics_and_exits_with_128_plus_the_signal(string signal, int exitCode, string name)
    {
        string save = InDir("net.json"), metrics = InDir("m.csv"), report = InDir("r.html");
        using System.Diagnostics.Process child = Start(["train", "--data-dir", DataDir, "--sizes", FixtureSizes, "--epochs", "100000",
            "--seed", "1", "--save", save, "--metrics", metrics, "--report", report]);
        WaitForRows(child, metrics, rows: 3);

        ProcessResult result = Signal(child, signal);

        Assert.That(result.ExitCode, Is.EqualTo(exitCode), result.ToString());
        Assert.That(result.ErrorLines, Has.Length.EqualTo(1), result.ToString());
        Assert.That(result.ErrorLines[0], Does.StartWith($"nettrainer: interrupted by {name}; kept the network so far in {save}, the report in {report}, the finished epochs' metrics in {metrics}"));
        Assert.That(NetworkFile.Load<float>(save).Sizes, Is.EqualTo(new[] { 16, 8, 3 }), "the saved network loads");
        string[] rows = File.ReadAllLines(metrics)[1..];
        Assert.That(rows, Is.Not.Empty);
        Assert.That(rows.Select((row, i) => row.Split(',')[0]), Is.EqualTo(rows.Select((_, i) => $"{i + 1}")), "one row per finished epoch, in order");
        Assert.That(File.ReadAllText(report), Does.Contain("Interrupted after"), "the report says it is interrupted");
    }

    [Test]
    public void Compare_interrupted_keeps_the_runs_that_finished()
    {
        string csv = InDir("c.csv"), html = InDir("c.html");
        // Six runs, the last ones long: the first finish quickly, the signal comes while the others train.
        using System.Diagnostics.Process child = Start(["compare", "--data-dir", DataDir, "--sizes", FixtureSizes, "--epochs", "20000",
            "--seed", "1", "--csv", csv, "--report", html, "--runs", "quadratic:sigmoid,nll:softmax"]);
        Thread.Sleep(TimeSpan.FromSeconds(3));

        ProcessResult result = Signal(child, "INT");

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Interrupted), result.ToString());
        Assert.That(result.ErrorLines, Has.Length.EqualTo(1), result.ToString());
    }

    /// <summary>
    /// kill -9 at a random moment of a checkpointed run, at several seeds; each time the resumed run must end with the
    /// same network file and the same metrics (times aside), byte for byte, as the run that was never stopped.
    /// </summary>
    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    public void A_run_killed_with_kill_9_and_resumed_ends_byte_for_byte_as_the_uninterrupted_run(int seed)
    {
        string[] run = ["--sizes", FixtureSizes, "--epochs", "200", "--seed", $"{seed}", "--momentum", "0.5", "--mini-batch-size", "7"];
        ProcessResult whole = Train([.. run, "--save", InDir("whole.json"), "--metrics", InDir("whole.csv")]);
        Assert.That(whole.ExitCode, Is.EqualTo(0), whole.ToString());

        string checkpoint = InDir("ck.json");
        using (System.Diagnostics.Process child = Start(["train", "--data-dir", DataDir, .. run, "--checkpoint", checkpoint,
                   "--save", InDir("resumed.json"), "--metrics", InDir("killed.csv")]))
        {
            WaitFor(child, () => File.Exists(checkpoint));
            Thread.Sleep(new Random(seed).Next(0, 150)); // somewhere inside a later epoch (or after the run)
            child.Kill();
            child.WaitForExit();
        }
        Assert.That(File.ReadAllLines(InDir("killed.csv")).Length - 1, Is.LessThan(200), "the kill came before the last epoch");
        // The resume names no setting: they come from the checkpoint.
        ProcessResult resumed = Run("train", "--data-dir", DataDir, "--resume", checkpoint, "--save", InDir("resumed.json"), "--metrics", InDir("resumed.csv"));

        Assert.That(resumed.ExitCode, Is.EqualTo(0), resumed.ToString());
        Assert.That(File.ReadAllBytes(InDir("resumed.json")), Is.EqualTo(File.ReadAllBytes(InDir("whole.json"))), "the final network file");
        Assert.That(WithoutTimes(InDir("resumed.csv")), Is.EqualTo(WithoutTimes(InDir("whole.csv"))), "the metrics, times aside");
        Assert.That(Directory.GetFiles(Dir, "*.tmp-*"), Is.Empty, "no temporary files left behind");
    }

    // Every column but training_seconds and seconds.
    private static string[] WithoutTimes(string csv)
    {
        string[] lines = File.ReadAllLines(csv);
        string[] header = lines[0].Split(',');
        int[] keep = Enumerable.Range(0, header.Length).Where(i => header[i] is not ("training_seconds" or "seconds")).ToArray();
        return lines.Select(line => string.Join(",", keep.Select(i => line.Split(',')[i]))).ToArray();
    }

    private System.Diagnostics.Process Start(string[] args)
    {
        clock = Stopwatch.StartNew();
        System.Diagnostics.Process child = StartChild(args);
        outputs[child] = (child.StandardOutput.ReadToEndAsync(), child.StandardError.ReadToEndAsync());
        return child;
    }

    private readonly Dictionary<System.Diagnostics.Process, (Task<string> Output, Task<string> Error)> outputs = [];

    private ProcessResult Signal(System.Diagnostics.Process child, string signal)
    {
        Assert.That(child.HasExited, Is.False, "the run ended before the signal: make it longer");
        Assert.That(Tool("kill", out string why, $"-{signal}", child.Id.ToString(CultureInfo.InvariantCulture)), Is.True, why);
        if (!child.WaitForExit(StuckAfter))
        {
            child.Kill(entireProcessTree: true);
            Assert.Fail($"the run did not stop within {StuckAfter.TotalSeconds} s of SIG{signal}.");
        }
        (Task<string> output, Task<string> error) = outputs[child];
        return new ProcessResult(child.ExitCode, output.Result, error.Result, clock.Elapsed);
    }

    private static void WaitForRows(System.Diagnostics.Process child, string csv, int rows) =>
        WaitFor(child, () => File.Exists(csv) && File.ReadAllLines(csv).Length > rows);

    private static void WaitFor(System.Diagnostics.Process child, Func<bool> ready)
    {
        var waited = Stopwatch.StartNew();
        while (!ready())
        {
            if (child.HasExited || waited.Elapsed > StuckAfter)
                Assert.Fail($"the run {(child.HasExited ? "ended" : "was stuck")} before it was under way.");
            Thread.Sleep(20);
        }
    }
}
