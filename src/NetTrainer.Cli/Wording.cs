using System.Globalization;
using NetTrainer.Activations;

namespace NetTrainer.Cli;

/// <summary>Small phrases the reports and messages share, so that a count or a layer list reads right in every case.</summary>
public static class Wording
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

    /// <summary>The divergence line: where, what, and the cure for its likely cause (the library's "eta", "lambda" or "l1").</summary>
    public static string Diverged(int epoch, string what, string likelyCause) =>
        $"Training diverged in epoch {epoch}: {what}. Try a smaller --{likelyCause}" +
        (likelyCause == NetTrainer.Training.DivergenceCause.Eta ? "." : $" ({likelyCause}/n is over 1, n the training images: its step outweighs the gradient's).");

    /// <summary>The words of <paramref name="text"/> in lines of at most <paramref name="width"/> characters (a longer word stands alone).</summary>
    public static IEnumerable<string> Wrap(string text, int width)
    {
        var line = new System.Text.StringBuilder();
        foreach (string word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > width)
            {
                yield return line.ToString();
                line.Clear();
            }
            line.Append(line.Length > 0 ? " " : "").Append(word);
        }
        if (line.Length > 0)
            yield return line.ToString();
    }
}
