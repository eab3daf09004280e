using NetTrainer.Data;

namespace NetTrainer.Tests.Training;

/// <summary>
/// A tiny learnable data set: 4x4 images of 3 classes, class c lighting up row c (plus noise), so a small
/// network separates them within a few epochs.
/// </summary>
public static class SyntheticData
{
    public const int Side = 4, Classes = 3;

    public static Dataset Create(int count, int seed)
    {
        var rng = new Random(seed);
        var pixels = new byte[count * Side * Side];
        var labels = new byte[count];
        for (int i = 0; i < count; i++)
        {
            int label = rng.Next(Classes);
            labels[i] = (byte)label;
            for (int p = 0; p < Side * Side; p++)
            {
                bool lit = p / Side == label;
                pixels[i * Side * Side + p] = (byte)(lit ? 155 + rng.Next(100) : rng.Next(120));
            }
        }
        return new Dataset(pixels, labels, Side, Side, Classes);
    }
}
