using System.Globalization;
using NetTrainer.Activations;

namespace NetTrainer.Reports;

/// <summary>Small phrases the reports and messages share, so that a count or a layer list reads right in every case.</summary>
public static class Phrases
{
    /// <summary>Text with numbers in the invariant culture (0.5, never 0,5), as every figure NetTrainer prints.</summary>
    public static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>"1 run", "6 runs".</summary>
    public static string Count(int n, string singular, string? plural = null) =>
        n.ToString(CultureInfo.InvariantCulture) + " " + (n == 1 ? singular : plural ?? singular + "s");

    /// <summary>"no hidden layer" for 784,10; "a sigmoid hidden layer" for 784,30,10; "sigmoid hidden layers" for more.</summary>
    public static string HiddenLayers(IReadOnlyList<int> sizes, IActivation hidden) => (sizes.Count - 2) switch
    {
        <= 0 => "no hidden layer",
        1 => $"a {hidden.Name} hidden layer",
        _ => $"{hidden.Name} hidden layers",
    };

    /// <summary>"sigmoid hidden" for 784,30,10; "no hidden layer" for 784,10.</summary>
    public static string HiddenShort(IReadOnlyList<int> sizes, IActivation hidden) =>
        sizes.Count > 2 ? hidden.Name + " hidden" : "no hidden layer";

    /// <summary>A report's "hidden activation" row: "sigmoid", or "none (no hidden layer)".</summary>
    public static string HiddenActivation(IReadOnlyList<int> sizes, IActivation hidden) =>
        sizes.Count > 2 ? hidden.Name : "none (no hidden layer)";

    /// <summary>"23,860 weights and biases" for 784,30,10: Σ_l n_{l+1} (n_l + 1), what training learns.</summary>
    public static string Parameters(IReadOnlyList<int> sizes)
    {
        long count = 0;
        for (int l = 0; l + 1 < sizes.Count; l++)
            count += (long)sizes[l + 1] * (sizes[l] + 1);
        return Invariant($"{count:N0} weights and biases");
    }
}
