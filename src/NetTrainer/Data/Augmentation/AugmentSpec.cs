// Glossary
//   spec   comma-separated transforms, each NAME:VALUE, elastic taking two values: "rotate:15,elastic:34,4"
//          (a word without ':' continues the transform before it)
using System.Globalization;

namespace NetTrainer.Data.Augmentation;

/// <summary>Parses an augmentation spec into the transforms it names, applied in the order written.</summary>
public static class AugmentSpec
{
    /// <summary>How a spec is written, for error messages and help.</summary>
    public const string Grammar = "rotate:DEG, shift:PX, scale:F or elastic:ALPHA,SIGMA, combined with commas";

    /// <exception cref="ArgumentException">The spec names an unknown transform or a value out of range.</exception>
    public static IReadOnlyList<IImageTransform> Parse(string spec)
    {
        var groups = new List<(string Name, List<string> Values)>();
        foreach (string word in spec.Split(',', StringSplitOptions.TrimEntries))
        {
            int colon = word.IndexOf(':');
            if (colon >= 0)
                groups.Add((word[..colon].ToLowerInvariant(), [word[(colon + 1)..]]));
            else if (groups.Count > 0 && word.Length > 0)
                groups[^1].Values.Add(word);
            else
                throw Bad(spec, $"'{word}' is not NAME:VALUE");
        }
        if (groups.Count == 0)
            throw Bad(spec, "it names no transform");
        return groups.Select(g => Transform(spec, g.Name, g.Values)).ToList();
    }

    private static IImageTransform Transform(string spec, string name, List<string> values)
    {
        int expected = name == "elastic" ? 2 : 1;
        if (name is not ("rotate" or "shift" or "scale" or "elastic"))
            throw Bad(spec, $"'{name}' is not a transform");
        if (values.Count != expected)
            throw Bad(spec, $"{name} takes {expected} value{(expected == 1 ? "" : "s")}, got {values.Count}");
        double[] v = values.Select(text => Number(spec, name, text)).ToArray();
        return name switch
        {
            "rotate" when v[0] <= 180 => new Rotation(v[0]),
            "rotate" => throw Bad(spec, "rotate takes at most 180 degrees"),
            "shift" when v[0] == Math.Floor(v[0]) && v[0] <= 100 => new Translation((int)v[0]),
            "shift" => throw Bad(spec, "shift takes a whole number of pixels, at most 100"),
            "scale" when v[0] < 1 => new Scaling(v[0]),
            "scale" => throw Bad(spec, "scale F draws factors in [1 − F, 1 + F], so F must be below 1"),
            _ when v[1] > 0 => new ElasticDistortion(alpha: v[0], sigma: v[1]),
            _ => throw Bad(spec, "elastic's SIGMA must be positive"),
        };
    }

    private static double Number(string spec, string name, string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && double.IsFinite(value) && value >= 0
            ? value
            : throw Bad(spec, $"{name}'s value '{text}' is not a number zero or above");

    private static ArgumentException Bad(string spec, string why) =>
        new($"The augmentation '{spec}' cannot be read: {why}. Expected {Grammar}.", nameof(spec));
}
