// Glossary
//   counts[t, p]  examples of true class t that the network predicted as p: rows true, columns predicted
//   precision(c)  counts[c, c] / Σ_t counts[t, c]: of the examples called c, the share that are c
//   recall(c)     counts[c, c] / Σ_p counts[c, p]: of the examples that are c, the share called c
namespace NetTrainer.Inspection;

/// <summary>One confusion: <see cref="Count"/> examples of class <see cref="True"/> taken for <see cref="Predicted"/>.</summary>
public sealed record Confusion(int True, int Predicted, int Count);

/// <summary>The confusion matrix of a classification, with per-class precision and recall.</summary>
public sealed class ConfusionMatrix
{
    private readonly int[,] counts;

    /// <summary>Counts each example of <paramref name="classification"/> under its true and predicted class.</summary>
    public ConfusionMatrix(Classification classification)
    {
        Classes = classification.Classes;
        counts = new int[Classes, Classes];
        for (int i = 0; i < classification.Count; i++)
            counts[classification.Label(i), classification.Predicted(i)]++;
        Total = classification.Count;
    }

    /// <summary>The number of classes: the matrix is Classes × Classes.</summary>
    public int Classes { get; }
    /// <summary>The number of examples counted.</summary>
    public int Total { get; }

    /// <summary>counts[t, p]: the examples of true class <paramref name="trueClass"/> predicted as <paramref name="predicted"/>.</summary>
    public int this[int trueClass, int predicted] => counts[trueClass, predicted];

    /// <summary>The examples on the diagonal: predicted as their true class.</summary>
    public int Correct => Enumerable.Range(0, Classes).Sum(c => counts[c, c]);

    /// <summary>Examples of class <paramref name="c"/>: row c's sum.</summary>
    public int Actual(int c) => Enumerable.Range(0, Classes).Sum(p => counts[c, p]);

    /// <summary>Examples predicted as <paramref name="c"/>: column c's sum.</summary>
    public int PredictedAs(int c) => Enumerable.Range(0, Classes).Sum(t => counts[t, c]);

    /// <summary>Precision of class c; NaN when nothing was predicted as c (no share to take).</summary>
    public double Precision(int c) => PredictedAs(c) == 0 ? double.NaN : (double)counts[c, c] / PredictedAs(c);

    /// <summary>Recall of class c; NaN when the data holds no example of c.</summary>
    public double Recall(int c) => Actual(c) == 0 ? double.NaN : (double)counts[c, c] / Actual(c);

    /// <summary>The <paramref name="k"/> largest off-diagonal cells, most frequent first (ties by true, then predicted class).</summary>
    public IReadOnlyList<Confusion> TopConfusions(int k)
    {
        var all = new List<Confusion>();
        for (int t = 0; t < Classes; t++)
            for (int p = 0; p < Classes; p++)
                if (t != p && counts[t, p] > 0)
                    all.Add(new Confusion(t, p, counts[t, p]));
        return all.OrderByDescending(c => c.Count).ThenBy(c => c.True).ThenBy(c => c.Predicted).Take(k).ToList();
    }
}
