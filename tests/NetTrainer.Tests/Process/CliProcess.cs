// Glossary
//   child      the built CLI (NetTrainer.Cli.dll beside this test assembly) run by the dotnet host as a real process
//   fixture    a tiny IDX data set written per test: 120 train images (20 become validation) and 20 test images of
//              4x4 pixels in 3 classes, so a network is 16,...,3 and an epoch takes milliseconds
using System.Diagnostics;
using NetTrainer.Data;
using static NetTrainer.Tests.Data.IdxFixture;

namespace NetTrainer.Tests.Process;

/// <summary>What a child process returned and wrote, and how long it took.</summary>
public sealed record ProcessResult(int ExitCode, string Output, string Error, TimeSpan Elapsed)
{
    public string[] ErrorLines => Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public override string ToString() => $"exit {ExitCode} after {Elapsed.TotalSeconds:F1} s\n--- output\n{Output}--- error\n{Error}";
}

/// <summary>
/// Starts the built CLI as a child process, for what only a real process shows: exit codes, files left behind,
/// a replaced device, (later) signals. Each test gets a fresh folder with a generated data set in it.
/// </summary>
public abstract class CliProcess
{
    /// <summary>A child that runs longer than this is stuck: it is killed and the test fails.</summary>
    protected static readonly TimeSpan StuckAfter = TimeSpan.FromMinutes(2);

    /// <summary>Layer sizes that fit the fixture: 4x4 = 16 pixels, 3 classes.</summary>
    protected const string FixtureSizes = "16,8,3";

    protected string Dir { get; private set; } = "";

    protected string DataDir => Path.Combine(Dir, "data");

    protected string InDir(string name) => Path.Combine(Dir, name);

    [SetUp]
    public void CreateFixture()
    {
        Dir = CreateTempDirectory();
        Directory.CreateDirectory(DataDir);
        WriteTinyMnist(DataDir, trainCount: 120, testCount: 20, rows: 4, cols: 4, classCount: 3);
    }

    [TearDown]
    public void DeleteFixture()
    {
        OnTearDown();
        Directory.Delete(Dir, recursive: true);
    }

    /// <summary>Undo what a test set up outside its folder's files (a mount) before the folder is removed.</summary>
    protected virtual void OnTearDown()
    {
    }

    /// <summary>`train` on the fixture with <paramref name="args"/>, and a tiny network and quick defaults for the options they leave out.</summary>
    protected ProcessResult Train(params string[] args)
    {
        var defaults = new List<string>();
        foreach ((string option, string value) in new[] { ("--data-dir", DataDir), ("--sizes", FixtureSizes), ("--epochs", "2"), ("--seed", "1") })
            if (!args.Contains(option))
                defaults.AddRange([option, value]);
        return Run(["train", .. defaults, .. args]);
    }

    /// <summary>Runs the CLI with <paramref name="args"/> and waits for it to exit.</summary>
    protected static ProcessResult Run(params string[] args)
    {
        var clock = Stopwatch.StartNew();
        using System.Diagnostics.Process child = StartChild(args);
        Task<string> output = child.StandardOutput.ReadToEndAsync();
        Task<string> error = child.StandardError.ReadToEndAsync();
        if (!child.WaitForExit(StuckAfter))
        {
            child.Kill(entireProcessTree: true);
            Assert.Fail($"nettrainer {string.Join(" ", args)} did not exit within {StuckAfter.TotalSeconds} s.");
        }
        return new ProcessResult(child.ExitCode, output.Result, error.Result, clock.Elapsed);
    }

    /// <summary>Starts the CLI with <paramref name="args"/>, its output and error redirected, without waiting for it.</summary>
    protected static System.Diagnostics.Process StartChild(params string[] args)
    {
        var start = new ProcessStartInfo(DotnetHost)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(CliDll);
        foreach (string arg in args)
            start.ArgumentList.Add(arg);
        return System.Diagnostics.Process.Start(start)!;
    }

    /// <summary>Runs a system tool (mkfifo, mknod, mount); false when it fails, with its error in <paramref name="why"/>.</summary>
    protected static bool Tool(string name, out string why, params string[] args)
    {
        var start = new ProcessStartInfo(name) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (string arg in args)
            start.ArgumentList.Add(arg);
        try
        {
            using var tool = System.Diagnostics.Process.Start(start)!;
            why = tool.StandardError.ReadToEnd().Trim();
            tool.WaitForExit();
            return tool.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            why = $"{name}: {e.Message}";
            return false;
        }
    }

    /// <summary>The CLI built with the tests (the test project references it, so it sits beside this assembly).</summary>
    protected static string CliDll => Path.Combine(AppContext.BaseDirectory, "NetTrainer.Cli.dll");

    // `dotnet test` tells its children where the host is; elsewhere the one on PATH.
    private static string DotnetHost => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";

    /// <summary>The files of the fixture's data folder, to assert a failing run left nothing there.</summary>
    protected IEnumerable<string> DataFiles => Mnist.FileNames.Select(name => Path.Combine(DataDir, name));
}
