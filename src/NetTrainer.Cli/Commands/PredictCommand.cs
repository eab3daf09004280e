using System.CommandLine;
using System.Globalization;
using NetTrainer.Cli.Inspection;
using NetTrainer.Data;
using NetTrainer.Inspection;
using NetTrainer.Persistence;

namespace NetTrainer.Cli.Commands;

/// <summary>
/// `nettrainer predict --model FILE IMAGE...`: classifies images of one's own digits, prepared as MNIST's were, or
/// with --index N a test image; prints the three likeliest classes of each.
/// </summary>
public static class PredictCommand
{
    private static readonly Option<string> ModelOption = new("--model")
    {
        Description = "The saved network (JSON, from `train --save`); its input layer must be 28x28 = 784 pixels.",
        Required = true,
    };
    private static readonly Argument<string[]> ImagesArgument = new("IMAGE")
    {
        Description = "Image files of one digit each: PNG, JPEG, BMP or PGM, any size; dark on light or light on dark.",
        Arity = ArgumentArity.ZeroOrMore,
    };
    private static readonly Option<bool> ShowOption = new("--show")
    {
        Description = "Print each preprocessed 28x28 image as text shades: what the network saw.",
    };
    private static readonly Option<int?> IndexOption = Options.OptionalWhole("--index",
        "Classify test image N (0-based) of --data-dir instead of image files.", minimum: 0);
    private static readonly Option<string?> DataDirOption = Options.DataDir();

    public static Command Create()
    {
        var command = new Command("predict", "Classify images of digits (your own, or --index N of the test set) with a saved network.")
        {
            ModelOption, ImagesArgument, ShowOption, IndexOption, DataDirOption,
        };
        command.SetAction((parse, cancellation) => Guarded.RunAsync(parse, (output, ct) => RunAsync(parse, output, ct), cancellation));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, TextWriter output, CancellationToken cancellation)
    {
        string[] images = parse.GetValue(ImagesArgument) ?? [];
        int? index = parse.GetValue(IndexOption);
        if (images.Length == 0 && index is null)
            throw new UsageException("give IMAGE files to classify, or --index N for a test image.");
        if (images.Length > 0 && index is not null)
            throw new UsageException("give IMAGE files or --index N, not both.");
        Network<float> network = NetworkFile.Load<float>(parse.GetValue(ModelOption)!);
        bool show = parse.GetValue(ShowOption);
        if (index is { } n)
        {
            using Serilog.Core.Logger log = Logging.To(TextWriter.Null);
            MnistSplit split = await DataLoading.LoadAsync(parse.GetValue(DataDirOption), log, output, cancellation);
            if (n >= split.Test.Count)
                throw new UsageException($"--index {n}: the test set has {split.Test.Count} images (0..{split.Test.Count - 1}).");
            Checks.RequireNetworkFitsData(network, split.Test);
            Dataset one = split.Test.Slice(n, 1);
            Report(output, $"test image {n} (label {one.Label(0)})", network, one, show);
            return ExitCodes.Success;
        }
        int side = DigitPreprocessing.Side;
        if (network.InputSize != side * side)
            throw new UsageException(
                $"the network's input layer has {network.InputSize} neurons; predict feeds MNIST-style {side}x{side} = {side * side} pixel images.");
        foreach (string path in images)
        {
            (byte[] grey, int width, int height) = DigitImage.Read(path);
            byte[] pixels;
            try
            {
                pixels = DigitPreprocessing.ToMnist(grey, width, height);
            }
            catch (InvalidDataException e)
            {
                throw new InvalidDataException($"{path}: {e.Message}");
            }
            // The label is unknown; 0 only fills the data set's label slot, and no cost is computed from it.
            var data = new Dataset(pixels, [0], side, side, classCount: network.OutputSize);
            Report(output, path, network, data, show);
        }
        return ExitCodes.Success;
    }

    private static void Report(TextWriter output, string name, Network<float> network, Dataset one, bool show)
    {
        Classification classification = Classification.Of(network, one);
        string top = string.Join(", ", classification.Top(0, Mistakes.TopClasses)
            .Select(t => string.Create(CultureInfo.InvariantCulture, $"{t.Class} ({100 * t.Share:F1}%)")));
        output.WriteLine($"{name}: {top}");
        if (show)
            output.Write(TextShades.Of(one.Image(0), one.ImageCols));
    }
}
