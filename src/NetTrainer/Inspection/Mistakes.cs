// Glossary
//   confidence  the share of the predicted class (see Classification): how sure the network was of its wrong answer
namespace NetTrainer.Inspection;

/// <summary>One misclassified example: its index in the data set, its label, what the network said and how sure it was.</summary>
public sealed record Mistake(int Index, int Label, int Predicted, float Confidence, IReadOnlyList<(int Class, float Share)> Top);

/// <summary>Picks the mistakes of a classification.</summary>
public static class Mistakes
{
    /// <summary>How many classes a mistake lists, most likely first (the reports draw them as bars).</summary>
    public const int TopClasses = 3;

    /// <summary>
    /// Every mistake, most confident first (ties by index, so the order is reproducible); at most
    /// <paramref name="limit"/> of them when given.
    /// </summary>
    public static IReadOnlyList<Mistake> MostConfident(Classification classification, int? limit = null)
    {
        var mistakes = new List<Mistake>();
        for (int i = 0; i < classification.Count; i++)
        {
            if (classification.IsCorrect(i))
                continue;
            IReadOnlyList<(int Class, float Share)> top = classification.Top(i, TopClasses);
            int predicted = classification.Predicted(i);
            mistakes.Add(new Mistake(i, classification.Label(i), predicted, classification.Shares(i)[predicted], top));
        }
        IEnumerable<Mistake> ordered = mistakes.OrderByDescending(m => m.Confidence).ThenBy(m => m.Index);
        return (limit is { } n ? ordered.Take(n) : ordered).ToList();
    }
}
