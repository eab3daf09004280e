// Glossary
//   train set    train-images-idx3-ubyte / train-labels-idx1-ubyte: 60,000 examples in MNIST
//   test set     t10k-images-idx3-ubyte / t10k-labels-idx1-ubyte: 10,000 examples in MNIST
//   validation   the last 1/6 of the train set (MNIST: the last 10,000, as in Nielsen's book); training is the rest
namespace NetTrainer.Data;

/// <summary>The three splits of an MNIST-layout directory; all declare the same class count and image size.</summary>
public sealed record MnistSplit(Dataset Training, Dataset Validation, Dataset Test);

/// <summary>The MNIST directory layout: four IDX files, each raw or with a <c>.gz</c> suffix.</summary>
public static class Mnist
{
    /// <summary>The training images, 60,000 of 28 × 28 in MNIST.</summary>
    public const string TrainImagesFile = "train-images-idx3-ubyte";
    /// <summary>The training labels, one per training image.</summary>
    public const string TrainLabelsFile = "train-labels-idx1-ubyte";
    /// <summary>The test images, 10,000 of 28 × 28 in MNIST.</summary>
    public const string TestImagesFile = "t10k-images-idx3-ubyte";
    /// <summary>The test labels, one per test image.</summary>
    public const string TestLabelsFile = "t10k-labels-idx1-ubyte";
    /// <summary>The suffix of a gzip-compressed file, read in place of a missing raw one.</summary>
    public const string GzipSuffix = ".gz";

    /// <summary>The validation set is the last Count / ValidationDivisor train examples: 60,000 / 6 = the book's 10,000.</summary>
    public const int ValidationDivisor = 6;

    /// <summary>How to get the files again; ends every hint about a missing or damaged MNIST file.</summary>
    public const string FetchHint = "run `nettrainer fetch-mnist`, or place the four files there by hand (see data/README.md)";

    private const string RedownloadHint = "delete it and run `nettrainer fetch-mnist` again";

    /// <summary>The four raw file names: training images and labels, test images and labels.</summary>
    public static IReadOnlyList<string> FileNames { get; } = [TrainImagesFile, TrainLabelsFile, TestImagesFile, TestLabelsFile];

    /// <summary>Whether all four files are in <paramref name="dir"/>, each raw or gzipped. Says nothing of their contents.</summary>
    public static bool FilesPresent(string dir) => FileNames.All(name => FindFile(dir, name) is not null);

    /// <summary>The path of <paramref name="name"/> in <paramref name="dir"/>, raw preferred over <c>.gz</c>; null if neither exists.</summary>
    public static string? FindFile(string dir, string name)
    {
        string raw = Path.Combine(dir, name);
        if (File.Exists(raw))
            return raw;
        string gzipped = raw + GzipSuffix;
        return File.Exists(gzipped) ? gzipped : null;
    }

    /// <summary>
    /// Loads the train and test files of <paramref name="dir"/> and splits the train set into training and
    /// validation. The class count is the largest training label + 1; a test label outside it is an error.
    /// </summary>
    public static MnistSplit Load(string dir)
    {
        Dataset train = IdxReader.Load(RequireFile(dir, TrainImagesFile), RequireFile(dir, TrainLabelsFile), redownloadHint: RedownloadHint);

        int validationCount = train.Count / ValidationDivisor;
        if (validationCount == 0)
            throw new InvalidDataException(
                $"{dir}: {TrainImagesFile} holds {train.Count} images, expected at least {ValidationDivisor} to split off " +
                $"the last 1/{ValidationDivisor} as a validation set. Hint: {FetchHint}.");

        // The training labels define the classes: a test label outside them is damage, named with its file and index.
        Dataset test = IdxReader.Load(RequireFile(dir, TestImagesFile), RequireFile(dir, TestLabelsFile),
            classCount: train.ClassCount, redownloadHint: RedownloadHint);
        if (train.ImageRows != test.ImageRows || train.ImageCols != test.ImageCols)
            throw new InvalidDataException(
                $"{dir}: {TrainImagesFile} holds images of {train.ImageRows}x{train.ImageCols} but {TestImagesFile} holds " +
                $"{test.ImageRows}x{test.ImageCols}, expected one image size. Hint: the files come from different data sets; {FetchHint}.");

        int trainingCount = train.Count - validationCount;
        return new MnistSplit(
            Training: train.Slice(0, trainingCount),
            Validation: train.Slice(trainingCount, validationCount),
            Test: test);
    }

    private static string RequireFile(string dir, string name) =>
        FindFile(dir, name) ?? throw new FileNotFoundException(
            $"{Path.Combine(dir, name)}: not found (nor {name}{GzipSuffix}), expected the MNIST file {name} in {dir}. " +
            $"Hint: {FetchHint}.",
            Path.Combine(dir, name));
}
