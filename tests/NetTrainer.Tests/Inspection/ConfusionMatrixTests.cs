using NetTrainer.Inspection;

namespace NetTrainer.Tests.Inspection;

public class ConfusionMatrixTests
{
    // Seven examples of three classes, the predictions chosen by hand:
    //   true 0 -> 0, 0        true 1 -> 1, 2        true 2 -> 2, 1, 1
    // counts (rows true, columns predicted)   precision (column)   recall (row)
    //   2 0 0                                  0: 2/2 = 1            0: 2/2 = 1
    //   0 1 1                                  1: 1/3                1: 1/2
    //   0 2 1                                  2: 1/2                2: 1/3
    private static readonly byte[] Labels = [0, 0, 1, 1, 2, 2, 2];
    private static readonly int[] Predicted = [0, 0, 1, 2, 2, 1, 1];

    private static Classification HandMade()
    {
        var scores = new float[Labels.Length * 3];
        for (int i = 0; i < Labels.Length; i++)
        {
            scores[i * 3 + Predicted[i]] = 0.8f;
            scores[i * 3 + (Predicted[i] + 1) % 3] = 0.15f;
            scores[i * 3 + (Predicted[i] + 2) % 3] = 0.05f;
        }
        return Classification.FromScores(scores, Labels, classes: 3);
    }

    [Test]
    public void Counts_are_rows_true_and_columns_predicted()
    {
        var matrix = new ConfusionMatrix(HandMade());
        int[,] expected = { { 2, 0, 0 }, { 0, 1, 1 }, { 0, 2, 1 } };
        for (int t = 0; t < 3; t++)
            for (int p = 0; p < 3; p++)
                Assert.That(matrix[t, p], Is.EqualTo(expected[t, p]), $"true {t}, predicted {p}");
        Assert.That(matrix.Correct, Is.EqualTo(4));
    }

    [Test]
    public void Precision_is_over_the_column_and_recall_over_the_row()
    {
        var matrix = new ConfusionMatrix(HandMade());
        Assert.Multiple(() =>
        {
            Assert.That(new[] { matrix.Precision(0), matrix.Precision(1), matrix.Precision(2) },
                Is.EqualTo(new[] { 1.0, 1.0 / 3, 1.0 / 2 }).Within(1e-12), "precision = diagonal / column sum");
            Assert.That(new[] { matrix.Recall(0), matrix.Recall(1), matrix.Recall(2) },
                Is.EqualTo(new[] { 1.0, 1.0 / 2, 1.0 / 3 }).Within(1e-12), "recall = diagonal / row sum");
        });
    }

    [Test]
    public void Precision_of_a_class_never_predicted_is_undefined_not_zero()
    {
        var matrix = new ConfusionMatrix(Classification.FromScores([0.9f, 0.1f, 0.8f, 0.2f], [0, 1], classes: 2));
        Assert.That(matrix.Precision(1), Is.NaN);
        Assert.That(matrix.Recall(1), Is.Zero);
    }

    [Test]
    public void Top_confusions_are_the_largest_off_diagonal_cells_first()
    {
        IReadOnlyList<Confusion> top = new ConfusionMatrix(HandMade()).TopConfusions(5);
        Assert.That(top, Is.EqualTo(new[] { new Confusion(2, 1, 2), new Confusion(1, 2, 1) }));
    }

    [Test]
    public void The_gallery_picks_the_most_confident_mistakes_in_order()
    {
        // Four mistakes with confidences 0.6, 0.9, 0.55 (shares of unnormalised outputs) and 0.9 again (tie: by index).
        float[] scores =
        [
            0.2f, 0.6f, 0.2f,   // true 0, says 1 at 0.6
            0.9f, 0.05f, 0.05f, // true 0, right
            0.05f, 0.05f, 0.9f, // true 1, says 2 at 0.9
            1.1f, 0.9f, 0.0f,   // true 1, says 0 at 1.1 / 2.0 = 0.55: a sigmoid output, shared out
            0.9f, 0.1f, 0.0f,   // true 2, says 0 at 0.9
        ];
        var classification = Classification.FromScores(scores, [0, 0, 1, 1, 2], classes: 3);
        IReadOnlyList<Mistake> mistakes = Mistakes.MostConfident(classification, limit: 3);
        Assert.That(mistakes.Select(m => m.Index), Is.EqualTo(new[] { 2, 4, 0 }), "most confident first, ties by index");
        Assert.That(mistakes[0].Confidence, Is.EqualTo(0.9f).Within(1e-6));
        Assert.That(mistakes[0].Top.Select(t => t.Class), Is.EqualTo(new[] { 2, 0, 1 }), "top three classes, ties by class");
        Assert.That(Mistakes.MostConfident(classification).Select(m => m.Index), Is.EqualTo(new[] { 2, 4, 0, 3 }), "all of them");
        Assert.That(Mistakes.MostConfident(classification)[^1].Confidence, Is.EqualTo(0.55f).Within(1e-6), "the share of a sum above 1");
    }
}
