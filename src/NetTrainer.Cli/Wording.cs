namespace NetTrainer.Cli;

/// <summary>Phrases only the command line says (they name its flags); the ones reports share are <see cref="NetTrainer.Reports.Phrases"/>.</summary>
public static class Wording
{
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
