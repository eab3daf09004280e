// Glossary
//   Count       number of examples
//   InputSize   pixels per example (rows * cols from the IDX header), the input layer n_0
//   ClassCount  number of label values (largest label + 1), the output layer n_L
//   Pixels      (Count, InputSize) bytes, one example per row, 0..255 as stored in the IDX file
//   Labels      (Count) bytes, one class index per example
namespace NetTrainer.Data;

/// <summary>
/// A labelled image data set kept as it is on disk: pixels and labels as bytes. Mini-batch matrices are
/// gathered from it (see <see cref="Batches"/>), so train, validation and test share one representation.
/// </summary>
public sealed class Dataset
{
    private readonly byte[] pixels;
    private readonly byte[] labels;
    private readonly int offset;

    /// <summary>A data set of labels.Length images of <paramref name="imageRows"/> × <paramref name="imageCols"/> bytes, one after another in <paramref name="pixels"/>; every label must be below <paramref name="classCount"/>.</summary>
    public Dataset(byte[] pixels, byte[] labels, int imageRows, int imageCols, int classCount)
        : this(pixels, labels, imageRows, imageCols, classCount, offset: 0, count: labels.Length)
    {
        if (pixels.Length != (long)labels.Length * imageRows * imageCols)
            throw new ArgumentException(
                $"{pixels.Length} pixel bytes do not make {labels.Length} images of {imageRows}x{imageCols}.");
        foreach (byte label in labels)
            if (label >= classCount)
                throw new ArgumentException($"Label {label} is outside 0..{classCount - 1}.");
    }

    private Dataset(byte[] pixels, byte[] labels, int imageRows, int imageCols, int classCount, int offset, int count)
    {
        this.pixels = pixels;
        this.labels = labels;
        this.offset = offset;
        ImageRows = imageRows;
        ImageCols = imageCols;
        ClassCount = classCount;
        Count = count;
    }

    /// <summary>The number of examples.</summary>
    public int Count { get; }
    /// <summary>Pixel rows per image, from the IDX header (MNIST: 28).</summary>
    public int ImageRows { get; }
    /// <summary>Pixel columns per image, from the IDX header (MNIST: 28).</summary>
    public int ImageCols { get; }
    /// <summary>Pixels per example, rows × cols: the input layer's n_0.</summary>
    public int InputSize => ImageRows * ImageCols;
    /// <summary>The number of label values, largest label + 1: the output layer's n_L.</summary>
    public int ClassCount { get; }

    /// <summary>The pixels of example <paramref name="index"/>, 0..255.</summary>
    public ReadOnlySpan<byte> Image(int index) =>
        pixels.AsSpan((offset + index) * InputSize, InputSize);

    /// <summary>The class of example <paramref name="index"/>, 0..ClassCount − 1.</summary>
    public byte Label(int index) => labels[offset + index];

    /// <summary>Examples <paramref name="start"/> .. start + count - 1, sharing this data set's memory.</summary>
    public Dataset Slice(int start, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (start + count > Count)
            throw new ArgumentOutOfRangeException(nameof(count), $"Slice {start}+{count} exceeds {Count} examples.");
        return new Dataset(pixels, labels, ImageRows, ImageCols, ClassCount, offset + start, count);
    }

    /// <summary>The same examples, declaring <paramref name="classCount"/> classes (so that splits agree).</summary>
    public Dataset WithClassCount(int classCount)
    {
        if (classCount < ClassCount)
            throw new ArgumentOutOfRangeException(nameof(classCount), "Cannot declare fewer classes than the labels use.");
        return new Dataset(pixels, labels, ImageRows, ImageCols, classCount, offset, Count);
    }
}
