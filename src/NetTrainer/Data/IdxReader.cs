// Glossary
//   IDX     LeCun's file format for MNIST: a big-endian header, then the items as bytes, row-major
//   magic   the header's first int32: 0x00 0x00, element type (0x08 = unsigned byte), dimension count;
//           so 2051 = 0x0803 (byte images, 3 dimensions), 2049 = 0x0801 (byte labels, 1 dimension)
//   dims    the header's int32 sizes after the magic: (count, rows, cols) for images, (count) for labels
//   gzip    detected by its magic bytes 1f 8b at the start of the file, whatever the file's name
using System.Buffers.Binary;
using System.IO.Compression;

namespace NetTrainer.Data;

/// <summary>Images read from an IDX file: (Count, Rows * Cols) pixel bytes, one image per row, in one array.</summary>
public sealed record IdxImages(byte[] Pixels, int Count, int Rows, int Cols);

/// <summary>
/// Reads IDX image and label files, raw or gzip-compressed, checking every header field against the file's length.
/// Each problem is an <see cref="InvalidDataException"/> whose one-line message names the file, what was expected,
/// what was found, and a hint.
/// </summary>
public static class IdxReader
{
    /// <summary>The magic number of an IDX image file: unsigned bytes, three dimensions (0x00000803).</summary>
    public const int ImageMagic = 2051;
    /// <summary>The magic number of an IDX label file: unsigned bytes, one dimension (0x00000801).</summary>
    public const int LabelMagic = 2049;

    /// <summary>The hint for a damaged file when the caller knows no better way to get it again.</summary>
    public const string DefaultRedownloadHint = "delete it and download it again";

    private const byte UnsignedByteType = 0x08;
    private const int HeaderFieldBytes = sizeof(int);
    private static ReadOnlySpan<byte> GzipMagic => [0x1f, 0x8b];

    private sealed record IdxKind(int Magic, string Name, string[] DimensionNames)
    {
        public int HeaderBytes => HeaderFieldBytes * (1 + DimensionNames.Length);
    }

    private static readonly IdxKind Images = new(ImageMagic, "an image file", ["count", "rows", "cols"]);
    private static readonly IdxKind Labels = new(LabelMagic, "a label file", ["count"]);

    /// <summary>
    /// Reads an image file and its label file into one <see cref="Dataset"/>. The class count is the largest
    /// label + 1 unless <paramref name="classCount"/> is given.
    /// </summary>
    /// <param name="redownloadHint">What to tell the user to do about a damaged file, e.g. how to fetch it again.</param>
    /// <param name="imagesPath">The IDX image file, raw or gzip-compressed.</param>
    /// <param name="labelsPath">The IDX label file with one label per image, raw or gzip-compressed.</param>
    /// <param name="classCount">The number of classes, when the data may not show every one.</param>
    public static Dataset Load(
        string imagesPath, string labelsPath, int? classCount = null, string redownloadHint = DefaultRedownloadHint)
    {
        if (classCount is < 1)
            throw new ArgumentOutOfRangeException(nameof(classCount), classCount, "A data set needs at least one class.");
        IdxImages images = ReadImages(imagesPath, redownloadHint);
        byte[] labels = ReadLabels(labelsPath, redownloadHint);
        if (images.Count != labels.Length)
            throw new InvalidDataException(
                $"{imagesPath} holds {images.Count} images but {labelsPath} holds {labels.Length} labels. " +
                "Hint: the image and label files must come from the same set (both train or both t10k).");

        int maxLabel = labels.Max();
        int classes = classCount ?? maxLabel + 1;
        if (maxLabel >= classes)
            throw new InvalidDataException(
                $"{labelsPath}: label {maxLabel} at index {Array.IndexOf(labels, (byte)maxLabel)} is outside " +
                $"0..{classes - 1}, expected labels of {classes} classes. Hint: the label file is damaged or from another data set; {redownloadHint}.");
        return new Dataset(images.Pixels, labels, images.Rows, images.Cols, classes);
    }

    /// <summary>Reads an image file (magic 2051): all pixels into one array, read once.</summary>
    public static IdxImages ReadImages(string path, string redownloadHint = DefaultRedownloadHint)
    {
        (int[] dims, byte[] data) = Read(path, Images, redownloadHint);
        return new IdxImages(data, Count: dims[0], Rows: dims[1], Cols: dims[2]);
    }

    /// <summary>
    /// The image size an image file's header declares, without reading its pixels (to check a network against the
    /// data before loading it); null when the header is short or not an image file's, which a full read reports.
    /// </summary>
    public static (int Rows, int Cols)? ReadImageSize(string path, string redownloadHint = DefaultRedownloadHint)
    {
        using FileStream file = File.OpenRead(path);
        using Stream stream = StartsWithGzipMagic(file) ? new GZipStream(file, CompressionMode.Decompress) : file;
        Span<byte> header = stackalloc byte[Images.HeaderBytes];
        if (ReadUpTo(stream, header, path, redownloadHint) < Images.HeaderBytes
            || BinaryPrimitives.ReadInt32BigEndian(header) != Images.Magic)
            return null;
        int[] dims = ReadDimensions(path, Images, header, redownloadHint);
        return (dims[1], dims[2]);
    }

    /// <summary>Reads a label file (magic 2049): one byte per example.</summary>
    public static byte[] ReadLabels(string path, string redownloadHint = DefaultRedownloadHint) =>
        Read(path, Labels, redownloadHint).Data;

    /// <summary>Deflate's largest expansion: 258 bytes from about 2 bits, about 1032 to 1 (RFC 1951).</summary>
    private const int MaxDeflateRatio = 1032;

    private static (int[] Dims, byte[] Data) Read(string path, IdxKind kind, string hint)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"{path}: not found, expected {kind.Name} (IDX, magic {kind.Magic}). Hint: check the path.", path);

        using FileStream file = File.OpenRead(path);
        bool gzip = StartsWithGzipMagic(file);
        using Stream stream = gzip ? new GZipStream(file, CompressionMode.Decompress) : file;
        string holds = gzip ? "decompresses to" : "holds";

        Span<byte> header = stackalloc byte[kind.HeaderBytes];
        int headerRead = ReadUpTo(stream, header, path, hint);
        if (headerRead < HeaderFieldBytes)
            throw new InvalidDataException(
                $"{path}: truncated: the file {holds} {headerRead} bytes, too few for the {HeaderFieldBytes}-byte magic number " +
                $"of {kind.Name} ({kind.Magic}). Hint: {hint}.");
        CheckMagic(path, kind, BinaryPrimitives.ReadInt32BigEndian(header), hint);
        if (headerRead < kind.HeaderBytes)
            throw new InvalidDataException(
                $"{path}: truncated: the header of {kind.Name} needs {kind.HeaderBytes} bytes but the file {holds} {headerRead}. " +
                $"Hint: {hint}.");

        int[] dims = ReadDimensions(path, kind, header, hint);
        // Int128: three int32 sizes multiply to at most 2^93, which a long cannot hold; the check below bounds it.
        Int128 promisedBytes = dims.Aggregate(Int128.One, (product, size) => product * size);
        string promise = $"the header promises {Describe(kind, dims)} ({kind.HeaderBytes + promisedBytes} bytes)";
        if (promisedBytes > Array.MaxLength)
            throw new InvalidDataException(
                $"{path}: {promise}, more than one array can hold. Hint: the header is damaged; {hint}.");
        int dataBytes = (int)promisedBytes;
        long fileBytes = kind.HeaderBytes + (long)dataBytes;

        if (!gzip && file.Length < fileBytes)
            throw new InvalidDataException($"{path}: truncated: {promise} but the file holds {file.Length} bytes. Hint: {hint}.");
        if (!gzip && file.Length > fileBytes)
            throw TrailingBytes(path, promise, "holds", fileBytes, file.Length - fileBytes, hint);
        // Deflate expands at most 1032 to 1, so a gzip file promising more cannot hold it: refused before allocating.
        if (gzip && promisedBytes > (Int128)file.Length * MaxDeflateRatio)
            throw new InvalidDataException(
                $"{path}: {promise}, more than its {file.Length} compressed bytes can decompress to. Hint: the header is damaged; {hint}.");

        byte[] data = GC.AllocateUninitializedArray<byte>(dataBytes);
        int dataRead = ReadUpTo(stream, data, path, hint);
        if (dataRead < dataBytes)
            throw new InvalidDataException(
                $"{path}: truncated: {promise} but the file {holds} {kind.HeaderBytes + dataRead} bytes. Hint: {hint}.");
        long trailing = gzip ? CountRemaining(stream, path, hint) : 0;
        if (trailing > 0)
            throw TrailingBytes(path, promise, holds, fileBytes, trailing, hint);
        return (dims, data);
    }

    private static void CheckMagic(string path, IdxKind kind, int magic, string hint)
    {
        if (magic == kind.Magic)
            return;
        IdxKind? other = magic == Images.Magic ? Images : magic == Labels.Magic ? Labels : null;
        if (other is not null)
            throw new InvalidDataException(
                $"{path}: is {other.Name} (magic {other.Magic}), expected {kind.Name} ({kind.Magic}). " +
                "Hint: the image and label paths look swapped.");

        string expected = $"expected {kind.Name} (magic {kind.Magic} = 0x{kind.Magic:X8})";
        if (magic >>> 16 != 0)
            throw new InvalidDataException(
                $"{path}: not an IDX file: magic number 0x{magic:X8}, {expected}. " +
                $"Hint: pass an IDX file, raw or gzip-compressed; if this one came from a download, {hint}.");
        int type = (magic >> 8) & 0xFF;
        int dimensionCount = magic & 0xFF;
        if (type != UnsignedByteType)
            throw new InvalidDataException(
                $"{path}: element type 0x{type:X2} (magic {magic}), {expected} of unsigned bytes (0x{UnsignedByteType:X2}). " +
                "Hint: only byte-valued IDX files are supported.");
        throw new InvalidDataException(
            $"{path}: wrong dimension count: the header declares {dimensionCount} (magic {magic}), {expected} with " +
            $"{kind.DimensionNames.Length} ({string.Join(", ", kind.DimensionNames)}). Hint: {hint}.");
    }

    private static int[] ReadDimensions(string path, IdxKind kind, ReadOnlySpan<byte> header, string hint)
    {
        var dims = new int[kind.DimensionNames.Length];
        for (int i = 0; i < dims.Length; i++)
        {
            dims[i] = BinaryPrimitives.ReadInt32BigEndian(header[(HeaderFieldBytes * (i + 1))..]);
            if (dims[i] <= 0)
                throw new InvalidDataException(
                    $"{path}: the header declares {kind.DimensionNames[i]} = {dims[i]}, expected a positive size. " +
                    $"Hint: the file is empty or damaged; {hint}.");
        }
        return dims;
    }

    private static string Describe(IdxKind kind, int[] dims) =>
        kind == Images ? $"{dims[0]} images of {dims[1]}x{dims[2]}" : $"{dims[0]} labels";

    private static bool StartsWithGzipMagic(FileStream file)
    {
        Span<byte> start = stackalloc byte[GzipMagic.Length];
        int read = file.ReadAtLeast(start, start.Length, throwOnEndOfStream: false);
        file.Position = 0;
        return read == start.Length && start.SequenceEqual(GzipMagic);
    }

    // Fills as much of buffer as the stream holds; GZipStream reports corrupt data as InvalidDataException,
    // re-thrown here with the file's name.
    private static int ReadUpTo(Stream stream, Span<byte> buffer, string path, string hint)
    {
        try
        {
            return stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        }
        catch (InvalidDataException e)
        {
            throw CorruptGzip(path, e, hint);
        }
    }

    private static long CountRemaining(Stream stream, string path, string hint)
    {
        Span<byte> scratch = stackalloc byte[4096];
        long total = 0;
        try
        {
            for (int read; (read = stream.Read(scratch)) > 0;)
                total += read;
        }
        catch (InvalidDataException e)
        {
            throw CorruptGzip(path, e, hint);
        }
        return total;
    }

    private static InvalidDataException TrailingBytes(
        string path, string promise, string holds, long fileBytes, long trailing, string hint) =>
        new($"{path}: {trailing} unexpected trailing bytes: {promise} but the file {holds} {fileBytes + trailing} bytes. " +
            $"Hint: the header or the file is damaged; {hint}.");

    private static InvalidDataException CorruptGzip(string path, InvalidDataException inner, string hint) =>
        new($"{path}: corrupt gzip data ({inner.Message.ReplaceLineEndings(" ").TrimEnd('.')}). Hint: {hint}.", inner);
}
