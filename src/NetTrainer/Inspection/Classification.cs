// Glossary
//   scores      (Count, classes) the output activations a^L of every example, one example per row
//   predicted   the class of the largest output activation (ties: the lowest class, as IndexOfMax)
//   share       an output activation divided by the sum of its row: softmax outputs already sum to 1; sigmoid
//               outputs do not, and their shares are what the reports show as the network's "probabilities"
using System.Numerics;
using System.Numerics.Tensors;
using NetTrainer.Data;
using NetTrainer.Training;

namespace NetTrainer.Inspection;

/// <summary>A network's output for every example of a data set, kept so that mistakes and confusions can be looked at.</summary>
public sealed class Classification
{
    private readonly float[] scores;
    private readonly byte[] labels;
    private readonly byte[] predicted;

    private Classification(float[] scores, byte[] labels, byte[] predicted, int classes)
    {
        this.scores = scores;
        this.labels = labels;
        this.predicted = predicted;
        Classes = classes;
    }

    /// <summary>The number of examples classified.</summary>
    public int Count => labels.Length;
    /// <summary>The number of classes, n_L.</summary>
    public int Classes { get; }

    /// <summary>The true class of example <paramref name="index"/>.</summary>
    public byte Label(int index) => labels[index];
    /// <summary>The class the network predicted for example <paramref name="index"/>: its largest output activation.</summary>
    public byte Predicted(int index) => predicted[index];
    /// <summary>Whether the network predicted example <paramref name="index"/>'s true class.</summary>
    public bool IsCorrect(int index) => labels[index] == predicted[index];

    /// <summary>Example <paramref name="index"/>'s output activations a^L.</summary>
    public ReadOnlySpan<float> Scores(int index) => scores.AsSpan(index * Classes, Classes);

    /// <summary>Example <paramref name="index"/>'s activations as shares of their sum (softmax: the probabilities themselves).</summary>
    public float[] Shares(int index)
    {
        ReadOnlySpan<float> a = Scores(index);
        float sum = TensorPrimitives.Sum(a);
        float[] shares = new float[a.Length];
        // A row of zeros (a saturated sigmoid layer) has no shares; call them equal rather than divide by 0.
        if (sum > 0)
            TensorPrimitives.Divide(a, sum, shares);
        else
            shares.AsSpan().Fill(1f / a.Length);
        return shares;
    }

    /// <summary>The <paramref name="k"/> most likely classes of example <paramref name="index"/>, largest share first.</summary>
    public IReadOnlyList<(int Class, float Share)> Top(int index, int k)
    {
        float[] shares = Shares(index);
        return shares.Select((p, c) => (Class: c, Share: p)).OrderByDescending(t => t.Share).ThenBy(t => t.Class).Take(k).ToList();
    }

    /// <summary>
    /// Feeds every example of <paramref name="data"/> forward through <paramref name="network"/> with the evaluation's
    /// own passes (<see cref="Evaluator{T}.ForEachPass"/>), so that its counts agree with an evaluation's.
    /// </summary>
    public static Classification Of<T>(Network<T> network, Dataset data) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int classes = network.OutputSize;
        var scores = new float[data.Count * classes];
        var labels = new byte[data.Count];
        var predicted = new byte[data.Count];
        new Evaluator<T>(network).ForEachPass(data, (start, pass) =>
        {
            for (int row = 0; row < pass.BatchSize; row++)
            {
                Span<T> a = pass.Output.Row(row);
                int i = start + row;
                for (int c = 0; c < classes; c++)
                    scores[i * classes + c] = float.CreateSaturating(a[c]);
                labels[i] = data.Label(i);
                predicted[i] = (byte)TensorPrimitives.IndexOfMax<T>(a);
            }
        });
        return new Classification(scores, labels, predicted, classes);
    }

    /// <summary>A classification from given outputs (for tests and hand-made examples).</summary>
    public static Classification FromScores(float[] scores, byte[] labels, int classes)
    {
        if (scores.Length != labels.Length * classes)
            throw new ArgumentException($"{scores.Length} scores do not make {labels.Length} rows of {classes} classes.", nameof(scores));
        var predicted = new byte[labels.Length];
        for (int i = 0; i < labels.Length; i++)
            predicted[i] = (byte)TensorPrimitives.IndexOfMax<float>(scores.AsSpan(i * classes, classes));
        return new Classification(scores, labels, predicted, classes);
    }
}
