// Glossary
//   result file   one of the book's fig/*.json files (Nielsen's network2.SGD return value): four per-epoch lists,
//                 evaluation cost, evaluation accuracy (a count), training cost, training accuracy (a count); a list is
//                 empty when that quantity was not monitored
using System.Reflection;
using System.Text.Json;

namespace NetTrainer.Reproduction;

/// <summary>One run's per-epoch curves as the book published them; accuracies as fractions, null where not monitored.</summary>
public sealed record BookCurves(double[]? EvaluationCost, double[]? EvaluationAccuracy, double[]? TrainingCost, double[]? TrainingAccuracy)
{
    /// <summary>The curve of <paramref name="measure"/>, or null when the book did not record it.</summary>
    public double[]? Of(Measure measure) => measure switch
    {
        Measure.EvaluationCost => EvaluationCost,
        Measure.EvaluationAccuracy => EvaluationAccuracy,
        Measure.TrainingCost => TrainingCost,
        _ => TrainingAccuracy,
    };
}

/// <summary>The book's result files, embedded in this assembly (MIT, Michael Nielsen; see BookData/ATTRIBUTION.md).</summary>
public static class BookData
{
    /// <summary>The attribution and license text shipped with the data.</summary>
    public static string Attribution => Read("ATTRIBUTION.md");

    /// <summary>
    /// A network2.SGD result: <paramref name="file"/> holds the four lists (under <paramref name="key"/>, or at <paramref name="index"/> of a list of runs, when
    /// given). Accuracies are divided by the evaluation and training set sizes.
    /// </summary>
    public static BookCurves Curves(string file, int evaluationCount, int trainingCount, string? key = null, int? index = null)
    {
        using JsonDocument json = JsonDocument.Parse(Read(file));
        JsonElement lists = json.RootElement;
        if (key is not null)
            lists = lists.GetProperty(key);
        if (index is not null)
            lists = lists[index.Value];
        double[]? List(int i, int divisor)
        {
            double[] values = lists[i].EnumerateArray().Select(v => v.GetDouble() / divisor).ToArray();
            return values.Length == 0 ? null : values;
        }
        return new BookCurves(List(0, 1), List(1, evaluationCount), List(2, 1), List(3, trainingCount));
    }

    /// <summary>A flat list of numbers (more_data.json: validation accuracy in percent per training-set size).</summary>
    public static double[] Numbers(string file)
    {
        using JsonDocument json = JsonDocument.Parse(Read(file));
        return json.RootElement.EnumerateArray().Select(v => v.GetDouble()).ToArray();
    }

    /// <summary>A list of lists of numbers (chapter 5's norms_during_training files: per epoch, one per hidden layer).</summary>
    public static double[][] Table(string file)
    {
        using JsonDocument json = JsonDocument.Parse(Read(file));
        return json.RootElement.EnumerateArray().Select(row => row.EnumerateArray().Select(v => v.GetDouble()).ToArray()).ToArray();
    }

    private static string Read(string name)
    {
        using Stream stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("BookData/" + name)
            ?? throw new InvalidOperationException($"The book's result file {name} is not embedded in {Assembly.GetExecutingAssembly().GetName().Name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
