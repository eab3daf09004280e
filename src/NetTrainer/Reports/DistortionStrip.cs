// Glossary
//   original  one of the first Originals images of the training set, drawn ink-dark on white as the mistakes gallery
//   version   what training made of it: with --augment, its distortion in epoch 1, 2, ... (the run's spec and seed,
//             so the very images those epochs trained on); with --expand shift, its four one-pixel shifts
using System.Globalization;
using System.Xml.Linq;
using NetTrainer.Data;
using NetTrainer.Data.Augmentation;
using static NetTrainer.Reports.Html;

namespace NetTrainer.Reports;

/// <summary>The training report's strip of training images, each above the distorted or shifted versions it was trained as.</summary>
public static class DistortionStrip
{
    /// <summary>Training images shown, one column each.</summary>
    public const int Originals = 8;

    /// <summary>Distorted versions under each original with --augment: the first epochs', as many as the run has.</summary>
    public const int MaxVersions = 3;

    /// <summary>
    /// The section's elements for a run that distorts its images by <paramref name="augment"/> (seeded by
    /// <paramref name="augmentSeed"/>, over <paramref name="training"/>) or expands <paramref name="original"/> by
    /// <paramref name="expand"/>; none when it does neither or its examples are not images.
    /// </summary>
    public static IReadOnlyList<XElement> For(Dataset original, Dataset training, string? augment, int augmentSeed,
        string? expand, int epochs)
    {
        if (training.ImageRows < ImageShape.MinSide || training.ImageCols < ImageShape.MinSide)
            return [];
        if (augment is not null)
            return Distorted(training, augment, augmentSeed, Math.Clamp(epochs, 1, MaxVersions));
        return expand is null ? [] : Shifted(original);
    }

    // The first images of an epoch do not depend on how many follow (Distortions: chunk 0 takes the epoch's first
    // seed, and its images draw in order), so distorting the first few alone gives what training saw.
    private static IReadOnlyList<XElement> Distorted(Dataset training, string spec, int seed, int versions)
    {
        Dataset firsts = training.Slice(0, Math.Min(Originals, training.Count));
        var distortions = new Distortions(firsts, AugmentSpec.Parse(spec), seed);
        Dataset[] epochs = Enumerable.Range(1, versions).Select(e => distortions.ForEpoch(e)).ToArray();
        string which = versions == 1 ? "its distortion in epoch 1" : $"its distortions in epochs 1 to {versions}";
        return Section($"Training images and what --augment {spec} made of them",
            $"The first {firsts.Count} training images (top row) and, below each, {which}: fresh random distortions every epoch, " +
            "from the run's own spec and seed, so these are the very images training saw.",
            firsts, i => epochs.Select((e, k) => (e.Image(i).ToArray(), string.Create(CultureInfo.InvariantCulture, $"epoch {k + 1}"))));
    }

    private static IReadOnlyList<XElement> Shifted(Dataset original)
    {
        Dataset firsts = original.Slice(0, Math.Min(Originals, original.Count));
        var shape = ImageShape.Of(firsts);
        return Section("Training images and their one-pixel shifts (--expand shift)",
            $"The first {firsts.Count} training images (top row) and, below each, its copies shifted one pixel down, up, right " +
            "and left, all of them in the expanded training set (Nielsen's expand_mnist).",
            firsts, i => ShiftExpansion.Shifts.Select(s =>
            {
                var shifted = new byte[shape.Pixels];
                Translation.Shift(firsts.Image(i), shifted, shape, s.Dy, s.Dx);
                return (shifted, string.Create(CultureInfo.InvariantCulture, $"shifted ({s.Dy:+0;-0;0}, {s.Dx:+0;-0;0})"));
            }));
    }

    private static IReadOnlyList<XElement> Section(string title, string note, Dataset originals,
        Func<int, IEnumerable<(byte[] Pixels, string Name)>> versions) =>
    [
        E("h2", A("id", "distortions"), title),
        E("p", A("class", "note"), note),
        E("div", A("class", "neuron-grid distortions"), Enumerable.Range(0, originals.Count).Select(i =>
            E("figure", A("class", "neuron"),
                Image(originals.Image(i).ToArray(), originals, $"training image {i} (label {originals.Label(i)})"),
                versions(i).Select(v => Image(v.Pixels, originals, $"training image {i}, {v.Name}")),
                E("figcaption", string.Create(CultureInfo.InvariantCulture, $"{originals.Label(i)}"))))),
    ];

    private static XElement Image(byte[] pixels, Dataset data, string name)
    {
        byte[] paper = pixels.Select(v => (byte)(byte.MaxValue - v)).ToArray(); // ink dark on white
        return E("img", A("src", Png.DataUri(paper, data.ImageCols, data.ImageRows, channels: 1)),
            A("width", data.ImageCols * MistakeGallery.ImageZoom), A("height", data.ImageRows * MistakeGallery.ImageZoom),
            A("alt", name), A("title", name));
    }
}
