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
        if (Directory.Exists(path))
            throw new UsageException($"{option} {path}: is a folder; give a file name.");
        string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null && !Directory.Exists(folder))
            throw new UsageException($"{option} {path}: the folder {folder} does not exist.");
    }

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
