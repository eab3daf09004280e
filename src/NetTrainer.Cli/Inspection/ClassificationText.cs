using System.Globalization;
using System.Text;
using NetTrainer.Inspection;

namespace NetTrainer.Cli.Inspection;

/// <summary>The per-class view of an evaluation as plain text: confusion matrix, precision and recall, top confusions.</summary>
public static class ClassificationText
{
    /// <summary>How many confusions the console names: five cover most of a trained MNIST network's mistakes' patterns.</summary>
    public const int TopConfusions = 5;

    public static string Of(ConfusionMatrix matrix)
    {
        var text = new StringBuilder();
        int width = Math.Max(4, matrix.Total.ToString(CultureInfo.InvariantCulture).Length + 1);
        text.AppendLine("Confusion matrix (rows: true class, columns: predicted):");
        text.Append("true\\pred".PadLeft(9));
        for (int p = 0; p < matrix.Classes; p++)
            text.Append(Invariant(p).PadLeft(width));
        text.AppendLine();
        for (int t = 0; t < matrix.Classes; t++)
        {
            text.Append(Invariant(t).PadLeft(9));
            for (int p = 0; p < matrix.Classes; p++)
                text.Append(Invariant(matrix[t, p]).PadLeft(width));
            text.AppendLine();
        }
        text.AppendLine("class  precision  recall  examples");
        for (int c = 0; c < matrix.Classes; c++)
            text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"{c,5}  {Percent(matrix.Precision(c)),9}  {Percent(matrix.Recall(c)),6}  {matrix.Actual(c),8}"));
        IReadOnlyList<Confusion> top = matrix.TopConfusions(TopConfusions);
        text.AppendLine(top.Count == 0 ? "No confusions: every example is classified correctly." : "Top confusions:");
        foreach (Confusion c in top)
            text.AppendLine(Sentence(c));
        return text.ToString();
    }

    /// <summary>"4 taken for 9: 23 times".</summary>
    public static string Sentence(Confusion c) =>
        string.Create(CultureInfo.InvariantCulture, $"  {c.True} taken for {c.Predicted}: {c.Count} {(c.Count == 1 ? "time" : "times")}");

    /// <summary>"97.5%", or "-" where the share has no examples to be taken of.</summary>
    public static string Percent(double share) =>
        double.IsNaN(share) ? "-" : (100 * share).ToString("F1", CultureInfo.InvariantCulture) + "%";

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
