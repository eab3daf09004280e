using NetTrainer.Data;

namespace NetTrainer.Cli.Commands;

/// <summary>Checks made before any work starts, each failing with a usage error that names the option.</summary>
public static class Checks
{
    /// <summary>
    /// The network's input and output layers against the data; <paramref name="model"/> names the saved network the
    /// sizes came from (then --sizes is no fix).
    /// </summary>
    public static void RequireNetworkFitsData(Network<float> network, Dataset data, string? model = null)
    {
        if (network.InputSize != data.InputSize)
            throw new UsageException(
                $"the network's input layer has {network.InputSize} neurons but the images have {data.InputSize} pixels ({data.ImageRows}x{data.ImageCols}); " +
                (model is null ? $"use --sizes {data.InputSize},..." : $"{model} was trained for other data."));
        if (network.OutputSize != data.ClassCount)
            throw new UsageException(
                $"the network's output layer has {network.OutputSize} neurons but the data has {data.ClassCount} classes; " +
                (model is null ? $"use --sizes ...,{data.ClassCount}" : $"{model} was trained for other data."));
    }

    /// <summary>
    /// The input layer against the training images' header, read before any pixels are (and before the network is
    /// allocated); nothing is checked when the file is missing or damaged, which loading then reports.
    /// </summary>
    public static void RequireInputFitsImages(IReadOnlyList<int> sizes, string? dataDir)
    {
        if (Mnist.FindFile(DataFolder.Resolve(dataDir).Path, Mnist.TrainImagesFile) is not { } images)
            return;
        (int Rows, int Cols)? size;
        try
        {
            size = IdxReader.ReadImageSize(images);
        }
        catch (InvalidDataException)
        {
            return;
        }
        if (size is { } s && s.Rows * s.Cols != sizes[0])
            throw new UsageException(
                $"the network's input layer has {sizes[0]} neurons but the images have {s.Rows * s.Cols} pixels ({s.Rows}x{s.Cols}); use --sizes {s.Rows * s.Cols},...");
    }

    /// <summary>The split named by <paramref name="set"/>.</summary>
    public static Dataset Pick(this MnistSplit split, EvaluationSet set) => set switch
    {
        EvaluationSet.Test => split.Test,
        EvaluationSet.Training => split.Training,
        _ => split.Validation,
    };
}
