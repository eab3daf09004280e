using NetTrainer.Data;
using Serilog;

namespace NetTrainer.Cli.Commands;

/// <summary>Finds the data a command asked for, fetching MNIST into the default folder on first use.</summary>
public static class DataLoading
{
    public static async Task<MnistSplit> LoadAsync(string dataDir, ILogger log, CancellationToken cancellation)
    {
        if (!Mnist.FilesPresent(dataDir))
        {
            if (!IsDefaultDataDir(dataDir) && !Directory.Exists(dataDir))
                throw new UsageException($"--data-dir {dataDir}: no such folder.");
            if (!IsDefaultDataDir(dataDir))
                throw new UsageException(
                    $"--data-dir {dataDir}: missing {string.Join(", ", Mnist.FileNames.Where(name => Mnist.FindFile(dataDir, name) is null))} " +
                    $"(expected {string.Join(", ", Mnist.FileNames)}, raw or .gz).");
            log.Information("MNIST is not in {Dir} yet; fetching it (about 55 MB).", dataDir);
            await FetchAsync(dataDir, log, cancellation);
        }
        MnistSplit split = Mnist.Load(dataDir);
        log.Information("Data {Dir}: {Train} training, {Validation} validation, {Test} test images of {Rows}x{Cols}, {Classes} classes.",
            dataDir, split.Training.Count, split.Validation.Count, split.Test.Count,
            split.Training.ImageRows, split.Training.ImageCols, split.Training.ClassCount);
        return split;
    }

    public static Task FetchAsync(string dataDir, ILogger log, CancellationToken cancellation) =>
        new MnistFetcher().FetchAsync(dataDir, new Progress(log), cancellation);

    private static bool IsDefaultDataDir(string dataDir) =>
        Path.GetFullPath(dataDir) == Path.GetFullPath(Options.DefaultDataDir);

    // Synchronous progress (System.Progress<T> would post to the thread pool and reorder lines).
    private sealed class Progress(ILogger log) : IProgress<FetchProgress>
    {
        public void Report(FetchProgress value) => log.Information("{Message}", value.Message);
    }
}
