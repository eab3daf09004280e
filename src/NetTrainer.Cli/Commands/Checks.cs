using NetTrainer.Data;

namespace NetTrainer.Cli.Commands;

/// <summary>Checks made before any work starts, each failing with a usage error that names the option.</summary>
public static class Checks
{
    /// <summary>The folder an output file goes into must exist, so a long run never fails at its end.</summary>
    public static void RequireOutputFolder(string option, string? path)
    {
        if (path is null)
            return;
        RequireNotEmpty(option, path);
        if (Directory.Exists(path))
            throw new UsageException($"{option} {path}: is a folder; give a file name.");
        string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null && !Directory.Exists(folder))
            throw new UsageException($"{option} {path}: the folder {folder} does not exist.");
    }

    /// <summary>An output path given as '' names no file (Path.GetFullPath would throw).</summary>
    public static void RequireNotEmpty(string option, string path)
    {
        if (path.Length == 0)
            throw new UsageException($"{option}: the path is empty; give a file name.");
    }

    /// <summary>
    /// Each output file its own path: two options naming the same file would silently overwrite one with the other.
    /// Options left out (null) are skipped.
    /// </summary>
    public static void RequireDistinctOutputs(params (string Option, string? Path)[] outputs)
    {
        var given = new List<(string Option, string Path, string Full)>();
        foreach ((string option, string? path) in outputs)
        {
            if (path is null)
                continue;
            RequireNotEmpty(option, path);
            string full = Path.GetFullPath(path);
            if (given.FirstOrDefault(g => string.Equals(g.Full, full, PathComparison)) is { Option: not null } earlier)
                throw new UsageException($"{earlier.Option} and {option} both name {path}; give each its own file.");
            given.Add((option, path, full));
        }
    }

    // Linux file names are case-sensitive; Windows' and macOS's (by default) are not.
    private static StringComparison PathComparison =>
        OperatingSystem.IsLinux() ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;

    public static void RequireNetworkFitsData(Network<float> network, Dataset data)
    {
        if (network.InputSize != data.InputSize)
            throw new UsageException(
                $"the network's input layer has {network.InputSize} neurons but the images have {data.InputSize} pixels ({data.ImageRows}x{data.ImageCols}); use --sizes {data.InputSize},...");
        if (network.OutputSize != data.ClassCount)
            throw new UsageException(
                $"the network's output layer has {network.OutputSize} neurons but the data has {data.ClassCount} classes; use --sizes ...,{data.ClassCount}");
    }

    /// <summary>The split named by <paramref name="set"/>.</summary>
    public static Dataset Pick(this MnistSplit split, EvaluationSet set) => set switch
    {
        EvaluationSet.Test => split.Test,
        EvaluationSet.Training => split.Training,
        _ => split.Validation,
    };
}
