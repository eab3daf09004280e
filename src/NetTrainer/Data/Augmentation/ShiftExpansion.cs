// Glossary
//   n        images before expansion; the expanded set holds 5n (MNIST: 50,000 -> 250,000)
//   shifts   one pixel down, up, right, left, in that order (Nielsen's expand_mnist.py); the vacated row or column is 0
namespace NetTrainer.Data.Augmentation;

/// <summary>
/// Nielsen's expand_mnist (chapter 3, "Artificially expanding the training data"): every training image and its
/// four one-pixel shifts, computed once, shuffled with the run's generator (as expand_mnist shuffles).
/// </summary>
public static class ShiftExpansion
{
    /// <summary>The one-pixel shifts (dy, dx) each image is copied with, after the image itself.</summary>
    public static IReadOnlyList<(int Dy, int Dx)> Shifts { get; } = [(1, 0), (-1, 0), (0, 1), (0, -1)];

    /// <summary>The 5n images of <paramref name="data"/> (each image, then its four shifts), in an order shuffled by <paramref name="rng"/>.</summary>
    public static Dataset Expand(Dataset data, Random rng)
    {
        ImageShape shape = ImageShape.Of(data);
        int copies = Shifts.Count + 1, n = data.Count;
        long total = (long)n * copies;
        if (total * shape.Pixels > Array.MaxLength)
            throw new ArgumentException($"{n} images of {shape.Rows}x{shape.Cols} expand to {total} images, more than one array holds.", nameof(data));
        var pixels = new byte[total * shape.Pixels];
        var labels = new byte[total];
        for (int i = 0; i < n; i++)
        {
            ReadOnlySpan<byte> image = data.Image(i);
            for (int copy = 0; copy < copies; copy++)
            {
                long at = (long)i * copies + copy;
                Span<byte> destination = pixels.AsSpan((int)(at * shape.Pixels), shape.Pixels);
                if (copy == 0)
                    image.CopyTo(destination);
                else
                    Translation.Shift(image, destination, shape, Shifts[copy - 1].Dy, Shifts[copy - 1].Dx);
                labels[at] = data.Label(i);
            }
        }
        return Reorder(pixels, labels, shape, data.ClassCount, rng);
    }

    // One shuffle of the whole expanded set, so that an unshuffled epoch does not meet an image five times in a row.
    private static Dataset Reorder(byte[] pixels, byte[] labels, ImageShape shape, int classCount, Random rng)
    {
        int[] order = Enumerable.Range(0, labels.Length).ToArray();
        rng.Shuffle(order);
        var shuffledPixels = new byte[pixels.Length];
        var shuffledLabels = new byte[labels.Length];
        for (int i = 0; i < order.Length; i++)
        {
            pixels.AsSpan(order[i] * shape.Pixels, shape.Pixels).CopyTo(shuffledPixels.AsSpan(i * shape.Pixels));
            shuffledLabels[i] = labels[order[i]];
        }
        return new Dataset(shuffledPixels, shuffledLabels, shape.Rows, shape.Cols, classCount);
    }
}
