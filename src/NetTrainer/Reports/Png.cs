// Glossary
//   channels  1 (greyscale) or 3 (RGB) bytes per pixel, row-major
//   chunk     PNG's length, type, data, CRC-32 record; IHDR (size and kind), IDAT (zlib-deflated rows), IEND
using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace NetTrainer.Reports;

/// <summary>
/// Writes small images as PNG, to inline into reports as data URIs (self-contained, no files beside the page).
/// The format's essentials only: 8-bit greyscale or RGB, no interlacing, filter "None" on every row.
/// </summary>
internal static class Png
{
    public static byte[] Encode(ReadOnlySpan<byte> pixels, int width, int height, int channels)
    {
        if (channels is not (1 or 3))
            throw new ArgumentOutOfRangeException(nameof(channels), "PNG here is greyscale (1) or RGB (3).");
        if (pixels.Length != width * height * channels)
            throw new ArgumentException($"{pixels.Length} bytes do not make a {width}x{height} image of {channels} channels.", nameof(pixels));
        using var png = new MemoryStream();
        png.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8;                              // bits per channel
        header[9] = channels == 1 ? (byte)0 : (byte)2; // colour type: greyscale or truecolour
        Chunk(png, "IHDR", header);
        using var deflated = new MemoryStream();
        using (var zlib = new ZLibStream(deflated, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            int stride = width * channels;
            for (int y = 0; y < height; y++)
            {
                zlib.WriteByte(0); // filter: None
                zlib.Write(pixels.Slice(y * stride, stride));
            }
        }
        Chunk(png, "IDAT", deflated.ToArray());
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    /// <summary>"data:image/png;base64,..." for an img element's src.</summary>
    public static string DataUri(ReadOnlySpan<byte> pixels, int width, int height, int channels) =>
        "data:image/png;base64," + Convert.ToBase64String(Encode(pixels, width, height, channels));

    private static void Chunk(Stream png, string type, byte[] data)
    {
        Span<byte> number = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(number, data.Length);
        png.Write(number);
        byte[] typeAndData = [.. Encoding.ASCII.GetBytes(type), .. data];
        png.Write(typeAndData);
        BinaryPrimitives.WriteUInt32BigEndian(number, Crc32(typeAndData));
        png.Write(number);
    }

    private static readonly uint[] CrcTable = Enumerable.Range(0, 256).Select(n =>
    {
        uint c = (uint)n;
        for (int k = 0; k < 8; k++)
            c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1; // the reflected polynomial of PNG's CRC-32
        return c;
    }).ToArray();

    private static uint Crc32(ReadOnlySpan<byte> bytes)
    {
        uint c = 0xFFFFFFFFu;
        foreach (byte b in bytes)
            c = CrcTable[(c ^ b) & 0xFF] ^ (c >> 8);
        return c ^ 0xFFFFFFFFu;
    }
}
