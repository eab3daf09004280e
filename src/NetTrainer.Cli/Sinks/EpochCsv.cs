using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration.Attributes;
using NetTrainer.Training;

namespace NetTrainer.Cli.Sinks;

/// <summary>
/// Writes each epoch as a CSV row as soon as it completes (flushed, so an interrupted run keeps its rows).
/// Accuracies are fractions in [0, 1].
/// </summary>
public sealed class EpochCsv : IEpochSink, IDisposable
{
    private readonly CsvWriter csv;

    public EpochCsv(string path)
    {
        csv = new CsvWriter(new StreamWriter(path), CultureInfo.InvariantCulture);
        csv.WriteHeader<Row>();
        csv.NextRecord();
        csv.Flush();
    }

    public void Report(EpochReport r)
    {
        csv.WriteRecord(new Row(r.Epoch, r.Training?.Cost, r.Training?.Accuracy,
            r.Evaluation?.Cost, r.Evaluation?.Correct, r.Evaluation?.Total, r.Evaluation?.Accuracy,
            r.TrainingSeconds, r.Seconds, r.Eta));
        csv.NextRecord();
        csv.Flush();
    }

    public void Dispose() => csv.Dispose();

    private sealed record Row(
        [property: Name("epoch")] int Epoch,
        [property: Name("training_cost")] double? TrainingCost,
        [property: Name("training_accuracy")] double? TrainingAccuracy,
        [property: Name("evaluation_cost")] double? EvaluationCost,
        [property: Name("evaluation_correct")] int? EvaluationCorrect,
        [property: Name("evaluation_total")] int? EvaluationTotal,
        [property: Name("evaluation_accuracy")] double? EvaluationAccuracy,
        [property: Name("training_seconds")] double TrainingSeconds,
        [property: Name("seconds")] double Seconds,
        [property: Name("eta")] double Eta);
}
