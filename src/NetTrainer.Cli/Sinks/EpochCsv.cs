using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration.Attributes;
using NetTrainer.Cli.Commands;
using NetTrainer.Training;

namespace NetTrainer.Cli.Sinks;

/// <summary>
/// Writes each epoch as a CSV row as soon as it completes (flushed, so an interrupted run keeps its rows).
/// Accuracies are fractions in [0, 1].
/// </summary>
public sealed class EpochCsv : IEpochSink, IDisposable
{
    private readonly CsvWriter csv;
    private readonly string path;
    private bool failed;

    public EpochCsv(string path)
    {
        this.path = path;
        csv = new CsvWriter(new StreamWriter(path), CultureInfo.InvariantCulture);
        Guard(() =>
        {
            csv.WriteHeader<Row>();
            csv.NextRecord();
            csv.Flush();
        });
    }

    /// <exception cref="IOException">The row could not be written (a full disk): the run stops, naming the file.</exception>
    public void Report(EpochReport r) => Guard(() =>
    {
        csv.WriteRecord(new Row(r.Epoch, r.Training?.Cost, r.Training?.Accuracy,
            r.Evaluation?.Cost, r.Evaluation?.Correct, r.Evaluation?.Total, r.Evaluation?.Accuracy,
            r.TrainingSeconds, r.Seconds, r.Eta));
        csv.NextRecord();
        csv.Flush();
    });

    // After a failed write the buffered row would fail again on disposal and hide the first error.
    public void Dispose()
    {
        try
        {
            csv.Dispose();
        }
        catch (Exception e) when (failed && IsWriteFailure(e))
        {
        }
    }

    private void Guard(Action write)
    {
        try
        {
            write();
        }
        catch (Exception e) when (IsWriteFailure(e))
        {
            failed = true;
            IOException cause = e as IOException ?? (IOException)e.InnerException!;
            throw new IOException($"--metrics {path}: cannot be written ({OutputPaths.Reason(cause)})", cause);
        }
    }

    // CsvHelper wraps the stream's IOException in its own WriterException.
    private static bool IsWriteFailure(Exception e) => e is IOException || e.InnerException is IOException;

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
