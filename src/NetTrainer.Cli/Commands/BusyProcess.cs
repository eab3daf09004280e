using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Reflection;

namespace NetTrainer.Cli.Commands;

/// <summary>
/// A child process that keeps one core busy, for `bench --under-load`: this CLI run with the hidden `busy` command.
/// Disposing stops it by its id. It also ends by itself when its standard input closes (bench died without
/// disposing it, even by kill -9) and after <see cref="MaxSeconds"/>.
/// </summary>
public sealed class BusyProcess : IDisposable
{
    /// <summary>The word the child prints once it spins: the loaded timings start after it.</summary>
    private const string SpinningLine = "spinning";

    private const int MaxSeconds = 3600; // longer than any bench run

    private readonly Process process;

    private BusyProcess(Process process) => this.process = process;

    /// <summary>The child's process id.</summary>
    public int Id => process.Id;

    /// <summary>Starts the child and returns once it spins.</summary>
    public static BusyProcess Start()
    {
        var start = new ProcessStartInfo { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardInput = true };
        string host = Environment.ProcessPath ?? throw new InvalidOperationException("The path of this process is unknown.");
        Assembly cli = typeof(BusyProcess).Assembly;
        if (Assembly.GetEntryAssembly() == cli && !IsDotnetHost(host))
            start.FileName = host; // the installed tool's own executable
        else
        {
            // `dotnet NetTrainer.Cli.dll` (scripts/nettrainer), or a test host running the CLI in process.
            start.FileName = IsDotnetHost(host) ? host : Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
            start.ArgumentList.Add(cli.Location);
        }
        start.ArgumentList.Add("busy");
        start.ArgumentList.Add("--seconds");
        start.ArgumentList.Add(MaxSeconds.ToString(CultureInfo.InvariantCulture));
        Process process = Process.Start(start) ?? throw new InvalidOperationException("The busy process did not start.");
        var busy = new BusyProcess(process);
        try
        {
            string? line = process.StandardOutput.ReadLine();
            if (line != SpinningLine)
                throw new InvalidOperationException($"The busy process ({start.FileName} {string.Join(" ", start.ArgumentList)}) did not start: it said '{line}'.");
            return busy;
        }
        catch
        {
            busy.Dispose();
            throw;
        }
    }

    private static bool IsDotnetHost(string path) =>
        Path.GetFileNameWithoutExtension(path).Equals("dotnet", StringComparison.OrdinalIgnoreCase);

    /// <summary>Stops the child by its id and waits until it has gone.</summary>
    public void Dispose()
    {
        try
        {
            if (!process.HasExited)
                process.Kill();
            process.WaitForExit();
        }
        catch (InvalidOperationException)
        {
            // it exited between the check and the kill
        }
        process.Dispose();
    }

    /// <summary>The hidden `busy` command: spins one core until its standard input closes, Ctrl+C, or --seconds.</summary>
    public static Command CreateCommand()
    {
        var seconds = new Option<int>("--seconds") { Description = "Stop after this many seconds.", DefaultValueFactory = _ => 60, HelpName = "N" };
        var command = new Command("busy", "Keep one core busy (bench --under-load starts it).") { seconds };
        command.Hidden = true;
        command.SetAction((parse, cancellation) =>
        {
            TextWriter output = parse.InvocationConfiguration.Output;
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
            stop.CancelAfter(TimeSpan.FromSeconds(parse.GetValue(seconds)));
            // The parent holds our standard input open: end of input means it has gone, however it went.
            var watch = new Thread(() =>
            {
                while (Console.In.Read() >= 0)
                {
                }
                stop.Cancel();
            }) { IsBackground = true };
            watch.Start();
            output.WriteLine(SpinningLine);
            output.Flush();
            double x = 1;
            while (!stop.IsCancellationRequested)
                for (int i = 0; i < 1_000_000; i++)
                    x = x * 0.999999 + 1e-6;
            GC.KeepAlive(x); // the arithmetic is the point; keep it from being optimised away
            return Task.FromResult(ExitCodes.Success);
        });
        return command;
    }
}
