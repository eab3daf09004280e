using NetTrainer.Data;
using Serilog;

namespace NetTrainer.Cli.Commands;

/// <summary>Finds the data a command asked for (see <see cref="DataFolder"/>), fetching MNIST on first use.</summary>
public static class DataLoading
{
    /// <param name="dataDir">--data-dir, or null to resolve the folder from the environment.</param>
    public static async Task<MnistSplit> LoadAsync(string? dataDir, ILogger log, CancellationToken cancellation)
    {
        DataFolder folder = DataFolder.Resolve(dataDir);
        log.Information("Data folder {Dir} ({Why}).", folder.Path, folder.Why);
        if (!Mnist.FilesPresent(folder.Path))
        {
            if (!folder.MayFetch && !Directory.Exists(folder.Path))
                throw new UsageException($"--data-dir {folder.Path}: no such folder.");
            if (!folder.MayFetch)
                throw new UsageException(
                    $"--data-dir {folder.Path}: missing {string.Join(", ", Mnist.FileNames.Where(name => Mnist.FindFile(folder.Path, name) is null))} " +
                    $"(expected {string.Join(", ", Mnist.FileNames)}, raw or .gz).");
            log.Information("MNIST is not in {Dir} yet; fetching it (about 55 MB).", folder.Path);
            await FetchAsync(folder.Path, log, cancellation);
        }
        MnistSplit split = Mnist.Load(folder.Path);
        log.Information("Data: {Train} training, {Validation} validation, {Test} test images of {Rows}x{Cols}, {Classes} classes.",
            split.Training.Count, split.Validation.Count, split.Test.Count,
            split.Training.ImageRows, split.Training.ImageCols, split.Training.ClassCount);
        return split;
    }

    public static Task FetchAsync(string dataDir, ILogger log, CancellationToken cancellation) =>
        new MnistFetcher().FetchAsync(dataDir, new Progress(log), cancellation);

    // Synchronous progress (System.Progress<T> would post to the thread pool and reorder lines).
    private sealed class Progress(ILogger log) : IProgress<FetchProgress>
    {
        public void Report(FetchProgress value) => log.Information("{Message}", value.Message);
    }
}
