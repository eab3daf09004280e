using System.Diagnostics;
using System.Reflection;
using NetTrainer.Cli;
using static NetTrainer.Tests.Data.IdxFixture;

namespace NetTrainer.Tests.Tool;

/// <summary>
/// The packed tool as a user gets it: `dotnet pack` of the CLI, `dotnet tool install --tool-path` from that folder,
/// then `nettrainer` run from a folder outside the clone (real child processes: only they show what was packed).
/// </summary>
[NonParallelizable]
public class PackagedToolTests
{
    /// <summary>Pack and install, each well under this on two shared cores.</summary>
    private static readonly TimeSpan StepTimeout = TimeSpan.FromMinutes(5);

#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    private string temp = "";

    [SetUp]
    public void CreateTemp() => temp = Directory.CreateTempSubdirectory("nettrainer-tool-").FullName;

    [TearDown]
    public void DeleteTemp() => Directory.Delete(temp, recursive: true);

    [Test]
    public void Packed_tool_installs_and_runs_version_and_a_tiny_train_from_a_folder_outside_the_clone()
    {
        string root = RepositoryRoot();
        string packages = Sub("packages"), tools = Sub("tools"), elsewhere = Sub("elsewhere"), data = Sub("data");
        // A private NuGet cache and a config with only the local folder: the install reads what was just packed,
        // never an older copy cached under the same version, and needs no network.
        var isolated = new Dictionary<string, string> { ["NUGET_PACKAGES"] = Sub("nuget-cache"), ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1" };
        string config = Path.Combine(temp, "nuget.config");
        File.WriteAllText(config, $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration><packageSources><clear /><add key="local" value="{packages}" /></packageSources></configuration>
            """);

        // --no-build packs the build this test run already made (the same configuration).
        Step pack = Dotnet(root, isolated, "pack", Path.Combine(root, "src", "NetTrainer.Cli"), "-c", Configuration, "--no-build", "-o", packages, "--nologo");
        if (pack.ExitCode != 0 && pack.Output.Contains("NU1301", StringComparison.Ordinal))
            Assert.Ignore($"packing needs a NuGet source this machine cannot reach offline:\n{pack}");
        Assert.That(pack.ExitCode, Is.EqualTo(0), pack.ToString);
        string version = typeof(Program).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion.Split('+')[0];
        Assert.That(Path.Combine(packages, $"NetTrainer.Tool.{version}.nupkg"), Does.Exist, "the package named by PackageId and the repository's version");

        Step install = Dotnet(elsewhere, isolated, "tool", "install", "--tool-path", tools, "--configfile", config, "NetTrainer.Tool", "--version", version);
        Assert.That(install.ExitCode, Is.EqualTo(0), install.ToString);
        string nettrainer = Path.Combine(tools, OperatingSystem.IsWindows() ? "nettrainer.exe" : "nettrainer");
        Assert.That(nettrainer, Does.Exist, "the command is called nettrainer (ToolCommandName)");

        Step versionRun = Run(nettrainer, elsewhere, isolated, "--version");
        Assert.That(versionRun.ExitCode, Is.EqualTo(0), versionRun.ToString);
        Assert.That(versionRun.Output.Trim(), Does.StartWith(version));

        WriteTinyMnist(data, trainCount: 120, testCount: 20, rows: 4, cols: 4, classCount: 3);
        Step train = Run(nettrainer, elsewhere, isolated, "train", "--data-dir", data, "--sizes", "16,8,3", "--epochs", "1", "--seed", "1");
        Assert.That(train.ExitCode, Is.EqualTo(ExitCodes.Success), train.ToString);
        Assert.That(train.Output, Does.StartWith($"Data folder {data} (given by --data-dir)."));
        Assert.That(train.Output, Does.Contain("Epoch 1/1  train "));
        Assert.That(Directory.EnumerateFileSystemEntries(elsewhere), Is.Empty, "the run leaves nothing in the folder it ran from");
    }

    private string Sub(string name) => Directory.CreateDirectory(Path.Combine(temp, name)).FullName;

    internal static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "NetTrainer.sln")))
                return dir.FullName;
        throw new InvalidOperationException($"No NetTrainer.sln above {TestContext.CurrentContext.TestDirectory}.");
    }

    private sealed record Step(string Command, int ExitCode, string Output, string Error)
    {
        public override string ToString() => $"$ {Command}\nexit {ExitCode}\n--- output\n{Output}--- error\n{Error}";
    }

    private static Step Dotnet(string workingDirectory, Dictionary<string, string> environment, params string[] args) =>
        Run("dotnet", workingDirectory, environment, args);

    private static Step Run(string file, string workingDirectory, Dictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo(file) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string arg in args)
            start.ArgumentList.Add(arg);
        foreach ((string name, string value) in environment)
            start.Environment[name] = value;
        using System.Diagnostics.Process process = System.Diagnostics.Process.Start(start)!;
        Task<string> output = process.StandardOutput.ReadToEndAsync(), error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(StepTimeout))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{file} {string.Join(' ', args)} took over {StepTimeout.TotalMinutes} minutes.");
        }
        return new Step($"{file} {string.Join(' ', args)}", process.ExitCode, output.Result, error.Result);
    }
}
