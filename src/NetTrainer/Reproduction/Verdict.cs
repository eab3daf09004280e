// Glossary
//   ours      the headline computed from each seed's runs; mean and sample standard deviation over the seeds
//   within    |mean − book| ≤ band: "within the book's seed-to-seed scatter"; for a target (AtLeast), mean ≥ target
namespace NetTrainer.Reproduction;

/// <summary>A headline's numbers side by side and whether ours is the book's result.</summary>
public sealed record Verdict(Headline Headline, double[] PerSeed, double Mean, double StandardDeviation, bool Within, bool Comparable)
{
    /// <summary>Ours minus the book's: the mean over the seeds less the book's number, in the headline's units.</summary>
    public double Difference => Mean - Headline.Book;

    /// <param name="comparable">False for a --quick run: scaled down, it is not the book's experiment.</param>
    /// <summary>The verdict on <paramref name="headline"/> given each seed's runs.</summary>
    /// <param name="headline">The book's number, its band, and how ours is computed from a seed's runs.</param>
    /// <param name="seeds">seeds[k][r]: run r of the experiment trained with seed k.</param>
    public static Verdict Of(Headline headline, IReadOnlyList<IReadOnlyList<RunResult>> seeds, bool comparable)
    {
        double[] perSeed = seeds.Select(runs => runs.Any(r => r.Diverged is not null) ? double.NaN : headline.Ours(runs)).ToArray();
        double mean = perSeed.Average();
        // Sample standard deviation (n − 1): with 3 seeds the population formula would understate the scatter.
        double sd = perSeed.Length < 2 ? double.NaN : Math.Sqrt(perSeed.Sum(v => (v - mean) * (v - mean)) / (perSeed.Length - 1));
        bool within = double.IsFinite(mean) &&
                      (headline.AtLeast is { } target ? mean >= target : Math.Abs(mean - headline.Book) <= headline.Band);
        return new Verdict(headline, perSeed, mean, sd, within, comparable);
    }

    /// <summary>One sentence: the verdict with the band stated.</summary>
    public string Sentence
    {
        get
        {
            string band = $"±{Format(Headline.Band)}{Headline.Unit} ({Headline.BandWhy})";
            if (!double.IsFinite(Mean))
                return "No number: a run diverged or measured nothing.";
            if (Headline.AtLeast is { } target)
                return (Comparable ? Within ? "Target reached" : "Target missed" : "Quick run (scaled down), not held to the target") +
                       $": {Format(Mean)} against at least {Format(target)}{Headline.Unit} (beside {Headline.BandWhy}: {Format(Headline.Book)}{Headline.Unit}).";
            if (!Comparable)
                return $"Quick run (scaled down), not compared: {Format(Mean)} vs the book's {Format(Headline.Book)} for the full run, band {band}.";
            return Within
                ? $"Within the book's seed-to-seed scatter: {Format(Mean)} vs {Format(Headline.Book)}, band {band}."
                : $"Outside the book's seed-to-seed scatter: {Format(Mean)} vs {Format(Headline.Book)} ({(Difference > 0 ? "+" : "")}{Format(Difference)}), band {band}.";
        }
    }

    /// <summary>Whole numbers as they are (epochs), percentages to 2 decimals as the book prints them, costs to 3 digits.</summary>
    public static string Format(double value) =>
        value == Math.Floor(value) && Math.Abs(value) < 1e6 ? value.ToString("F0", System.Globalization.CultureInfo.InvariantCulture)
        : Math.Abs(value) >= 10 ? value.ToString("F2", System.Globalization.CultureInfo.InvariantCulture)
        : value.ToString("G3", System.Globalization.CultureInfo.InvariantCulture);
}
