using System.Text;

namespace NetTrainer.Cli.Inspection;

/// <summary>An image as lines of characters from light to dark ink, so a terminal shows what the network saw.</summary>
public static class TextShades
{
    /// <summary>Ten shades, blank for no ink to '@' for full ink; each pixel is printed twice to look square.</summary>
    public const string Shades = " .:-=+*#%@";

    public static string Of(ReadOnlySpan<byte> image, int width)
    {
        var text = new StringBuilder();
        for (int i = 0; i < image.Length; i++)
        {
            char shade = Shades[image[i] * (Shades.Length - 1) / byte.MaxValue];
            text.Append(shade).Append(shade);
            if (i % width == width - 1)
                text.Append('|').AppendLine();
        }
        return text.ToString();
    }
}
