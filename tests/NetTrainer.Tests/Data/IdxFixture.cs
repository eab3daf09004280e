// Glossary
//   IDX      big-endian header (magic, then one int32 per dimension) followed by the items as bytes
//   tiny     a generated data set small enough to write per test: e.g. 60 train + 10 test images of 4x4
using System.Buffers.Binary;
using System.IO.Compression;
using NetTrainer.Data;

namespace NetTrainer.Tests.Data;

/// <summary>What <see cref="IdxFixture.WriteTinyMnist"/> wrote, to compare a loaded data set against.</summary>
public sealed record TinyMnist(
    string Directory, byte[] TrainPixels, byte[] TrainLabels, byte[] TestPixels, byte[] TestLabels, int Rows, int Cols)
{
    public int InputSize => Rows * Cols;
}

/// <summary>Writes small IDX files and MNIST-named directories from arrays, raw or gzipped, for tests.</summary>
public static class IdxFixture
{
    /// <summary>An IDX file's bytes: the magic, each dimension, then the data, as on disk.</summary>
    public static byte[] IdxBytes(int magic, IReadOnlyList<int> dims, ReadOnlySpan<byte> data)
    {
        int headerBytes = sizeof(int) * (1 + dims.Count);
        var bytes = new byte[headerBytes + data.Length];
        BinaryPrimitives.WriteInt32BigEndian(bytes, magic);
        for (int i = 0; i < dims.Count; i++)
            BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(sizeof(int) * (i + 1)), dims[i]);
        data.CopyTo(bytes.AsSpan(headerBytes));
        return bytes;
    }

    public static byte[] ImageFileBytes(byte[] pixels, int count, int rows, int cols) =>
        IdxBytes(IdxReader.ImageMagic, [count, rows, cols], pixels);

    public static byte[] LabelFileBytes(byte[] labels) => IdxBytes(IdxReader.LabelMagic, [labels.Length], labels);

    public static byte[] Gzip(byte[] bytes)
    {
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest))
            gzip.Write(bytes);
        return compressed.ToArray();
    }

    public static void WriteFile(string path, byte[] bytes, bool gzip = false) =>
        File.WriteAllBytes(path, gzip ? Gzip(bytes) : bytes);

    public static void WriteImages(string path, byte[] pixels, int count, int rows, int cols, bool gzip = false) =>
        WriteFile(path, ImageFileBytes(pixels, count, rows, cols), gzip);

    public static void WriteLabels(string path, byte[] labels, bool gzip = false) =>
        WriteFile(path, LabelFileBytes(labels), gzip);

    /// <summary>A deterministic pattern covering all byte values: image i, pixel k = (seed + 31 i + 7 k) mod 256.</summary>
    public static byte[] Pixels(int count, int rows, int cols, int seed = 0)
    {
        var pixels = new byte[count * rows * cols];
        for (int i = 0; i < count; i++)
            for (int k = 0; k < rows * cols; k++)
                pixels[i * rows * cols + k] = (byte)(seed + 31 * i + 7 * k);
        return pixels;
    }

    /// <summary>Labels (seed + i) mod classCount, so every class appears once count reaches classCount.</summary>
    public static byte[] Labels(int count, int classCount, int seed = 0) =>
        Enumerable.Range(0, count).Select(i => (byte)((seed + i) % classCount)).ToArray();

    /// <summary>
    /// Writes the four MNIST-named files to <paramref name="dir"/> (with a <c>.gz</c> suffix when
    /// <paramref name="gzip"/>): <paramref name="trainCount"/> train and <paramref name="testCount"/> test images.
    /// </summary>
    public static TinyMnist WriteTinyMnist(
        string dir, int trainCount = 60, int testCount = 10, int rows = 4, int cols = 4, int classCount = 10, bool gzip = false)
    {
        Directory.CreateDirectory(dir);
        string suffix = gzip ? Mnist.GzipSuffix : "";
        var tiny = new TinyMnist(
            dir,
            TrainPixels: Pixels(trainCount, rows, cols, seed: 1),
            TrainLabels: Labels(trainCount, classCount, seed: 3),
            TestPixels: Pixels(testCount, rows, cols, seed: 2),
            TestLabels: Labels(testCount, classCount, seed: 5),
            rows,
            cols);
        WriteImages(Path.Combine(dir, Mnist.TrainImagesFile + suffix), tiny.TrainPixels, trainCount, rows, cols, gzip);
        WriteLabels(Path.Combine(dir, Mnist.TrainLabelsFile + suffix), tiny.TrainLabels, gzip);
        WriteImages(Path.Combine(dir, Mnist.TestImagesFile + suffix), tiny.TestPixels, testCount, rows, cols, gzip);
        WriteLabels(Path.Combine(dir, Mnist.TestLabelsFile + suffix), tiny.TestLabels, gzip);
        return tiny;
    }

    /// <summary>A new empty directory under the system temp directory; the caller deletes it.</summary>
    public static string CreateTempDirectory() => Directory.CreateTempSubdirectory("nettrainer-tests-").FullName;
}

/// <summary>A fresh temporary folder for each test, <see cref="Dir"/>, removed with everything in it afterwards.</summary>
public abstract class TempFolderTest
{
    protected string Dir { get; private set; } = "";

    [SetUp]
    public void CreateTempFolder() => Dir = IdxFixture.CreateTempDirectory();

    [TearDown]
    public void DeleteTempFolder() => Directory.Delete(Dir, recursive: true);
}
