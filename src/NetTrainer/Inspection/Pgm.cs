// Glossary
//   netpbm   the PGM format: "P5" (binary) or "P2" (text), width, height and the largest value, '#' comments between
//            them, then the pixels row by row (two bytes each, big-endian, when the largest value is above 255)
using System.Globalization;
using System.Text;

namespace NetTrainer.Inspection;

/// <summary>Reads greyscale PGM images (StbImageSharp, which reads the other formats, leaves PNM out).</summary>
public static class Pgm
{
    /// <summary>Whether <paramref name="bytes"/> start as a PGM file does.</summary>
    public static bool IsPgm(ReadOnlySpan<byte> bytes) =>
        bytes.Length >= 2 && bytes[0] == (byte)'P' && (bytes[1] == (byte)'5' || bytes[1] == (byte)'2');

    /// <summary>The header's width and height, without reading the pixels (to refuse a huge image first).</summary>
    public static (int Width, int Height) Size(byte[] bytes)
    {
        int position = 2;
        return (Number(bytes, ref position), Number(bytes, ref position));
    }

    /// <summary>The pixels as bytes 0..255 (scaled from the file's largest value), row-major.</summary>
    public static (byte[] Grey, int Width, int Height) Read(byte[] bytes)
    {
        int position = 2;
        int width = Number(bytes, ref position), height = Number(bytes, ref position), max = Number(bytes, ref position);
        if (width < 1 || height < 1 || max is < 1 or > ushort.MaxValue)
            throw new InvalidDataException($"the PGM header says {width}x{height} pixels up to {max}; expected positive sizes and a largest value 1..65535.");
        var grey = new byte[width * height];
        bool binary = bytes[1] == (byte)'5';
        int bytesPerPixel = max > byte.MaxValue ? 2 : 1;
        position++; // the one whitespace byte after the largest value
        for (int i = 0; i < grey.Length; i++)
        {
            int value;
            if (!binary)
                value = Number(bytes, ref position);
            else if (position + bytesPerPixel > bytes.Length)
                throw new InvalidDataException($"the PGM file ends after {i} of its {grey.Length} pixels.");
            else
            {
                value = bytesPerPixel == 1 ? bytes[position] : bytes[position] << 8 | bytes[position + 1];
                position += bytesPerPixel;
            }
            grey[i] = (byte)((Math.Min(value, max) * byte.MaxValue + max / 2) / max);
        }
        return (grey, width, height);
    }

    // The next decimal number, skipping whitespace and '#' comments.
    private static int Number(byte[] bytes, ref int position)
    {
        while (position < bytes.Length && (char.IsWhiteSpace((char)bytes[position]) || bytes[position] == (byte)'#'))
        {
            if (bytes[position] == (byte)'#')
                while (position < bytes.Length && bytes[position] != (byte)'\n')
                    position++;
            else
                position++;
        }
        int start = position;
        while (position < bytes.Length && char.IsAsciiDigit((char)bytes[position]))
            position++;
        if (position == start || !int.TryParse(Encoding.ASCII.GetString(bytes, start, position - start), NumberStyles.None, CultureInfo.InvariantCulture, out int value))
            throw new InvalidDataException("the PGM header or pixels are not numbers where numbers belong.");
        return value;
    }
}
