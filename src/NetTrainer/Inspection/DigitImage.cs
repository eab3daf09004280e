// Glossary
//   grey   the decoded image as one byte per pixel, row-major, 0 = black, 255 = white
using StbImageSharp;

namespace NetTrainer.Inspection;

/// <summary>Reads an image file of a digit (PNG, JPEG, BMP with StbImageSharp; PGM with <see cref="Pgm"/>) as greyscale, checking it first.</summary>
public static class DigitImage
{
    /// <summary>Largest file read: a photo of a digit needs far less; more is a wrong file, not a digit.</summary>
    public const long MaxBytes = 32L << 20;

    /// <summary>Largest side in pixels: 8192 (a 64-megapixel image), to keep the decoded image's memory bounded.</summary>
    public const int MaxSide = 8192;

    /// <summary>The image in <paramref name="path"/> as greyscale; transparent pixels count as white paper.</summary>
    public static (byte[] Grey, int Width, int Height) Read(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
            throw new FileNotFoundException($"{path}: no such file.", path);
        if (info.Length == 0)
            throw new InvalidDataException($"{path}: the file is empty.");
        if (info.Length > MaxBytes)
            throw new InvalidDataException($"{path}: {info.Length} bytes is too large for an image of a digit (at most {MaxBytes >> 20} MB).");
        byte[] bytes = File.ReadAllBytes(path);
        if (Pgm.IsPgm(bytes))
            return ReadPgm(path, bytes);
        ImageInfo? header = ImageInfo.FromStream(new MemoryStream(bytes));
        if (header is not { } found)
            throw new InvalidDataException($"{path}: not an image NetTrainer can read (PNG, JPEG, BMP or PGM/PPM expected).");
        RequireSize(path, found.Width, found.Height);
        ImageResult image;
        try
        {
            image = ImageResult.FromMemory(bytes, ColorComponents.GreyAlpha);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or IndexOutOfRangeException or OverflowException)
        {
            throw new InvalidDataException($"{path}: the image is damaged ({e.Message.TrimEnd('.')}).");
        }
        var grey = new byte[image.Width * image.Height];
        for (int i = 0; i < grey.Length; i++)
        {
            // Composite on white: a drawing app's transparent background is often stored as transparent black.
            int g = image.Data[2 * i], alpha = image.Data[2 * i + 1];
            grey[i] = (byte)((g * alpha + byte.MaxValue * (byte.MaxValue - alpha) + byte.MaxValue / 2) / byte.MaxValue);
        }
        return (grey, image.Width, image.Height);
    }

    private static (byte[] Grey, int Width, int Height) ReadPgm(string path, byte[] bytes)
    {
        try
        {
            (int width, int height) = Pgm.Size(bytes);
            RequireSize(path, width, height);
            return Pgm.Read(bytes);
        }
        catch (InvalidDataException e) when (!e.Message.StartsWith(path, StringComparison.Ordinal))
        {
            throw new InvalidDataException($"{path}: {e.Message}");
        }
    }

    private static void RequireSize(string path, int width, int height)
    {
        if (width > MaxSide || height > MaxSide)
            throw new InvalidDataException($"{path}: {width}x{height} pixels is too large (at most {MaxSide} on a side).");
    }
}
