using NetTrainer.Comparison;

namespace NetTrainer.Reports;

/// <summary>How one run is drawn in every chart of a report: a colour per pairing, a dash pattern per learning rate.</summary>
public sealed record SeriesStyle(string Colour, string? Dash)
{
    /// <summary>The shape drawn on each point (and in the legend): runs differ by more than colour.</summary>
    public Marker Marker { get; init; } = Marker.Circle;

    // Distinct on white and for the common kinds of colour blindness as far as ten colours allow (d3's category 10,
    // reordered so that the six default pairings come out red, orange, blue, cyan, purple, green).
    private static readonly string[] Colours =
        ["#d62728", "#ff7f0e", "#1f77b4", "#17becf", "#9467bd", "#2ca02c", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22"];

    // Solid for the smallest learning rate of a pairing, then longer to shorter dashes.
    private static readonly string?[] Dashes = [null, "9 4", "3 3", "12 3 2 3", "1 3"];

    /// <summary>
    /// The style of each run, in order: runs of the same pairing share a colour (pairings in order of first
    /// appearance) and, when a pairing runs with several learning rates, differ by dash (by rank of η).
    /// </summary>
    public static IReadOnlyList<SeriesStyle> For(IReadOnlyList<RunSpec> runs)
    {
        List<string> pairings = runs.Select(r => r.Pairing).Distinct().ToList();
        return runs.Select(run =>
        {
            double[] etas = runs.Where(r => r.Pairing == run.Pairing).Select(r => r.Eta).Distinct().Order().ToArray();
            int colour = pairings.IndexOf(run.Pairing), dash = Array.IndexOf(etas, run.Eta);
            // Past ten pairings the colours come round again, with the next dash patterns.
            return new SeriesStyle(Colours[colour % Colours.Length],
                Dashes[(dash + colour / Colours.Length) % Dashes.Length]) { Marker = (Marker)(colour % MarkerCount) };
        }).ToList();
    }

    private static readonly int MarkerCount = Enum.GetValues<Marker>().Length;
}

/// <summary>Point shapes, one per pairing in turn.</summary>
public enum Marker
{
    /// <summary>A filled circle.</summary>
    Circle,
    /// <summary>A filled square.</summary>
    Square,
    /// <summary>A filled triangle, point up.</summary>
    Triangle,
    /// <summary>A filled diamond.</summary>
    Diamond,
    /// <summary>A diagonal cross.</summary>
    Cross,
    /// <summary>An upright cross.</summary>
    Plus,
}
