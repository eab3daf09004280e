// Glossary
//   long format   one row per run per epoch, the run's settings repeated on each row (pandas' "tidy" data):
//                 pd.read_csv(path).pivot(index="epoch", columns="run", values="evaluation_accuracy")
using System.Globalization;
using CsvHelper;
using NetTrainer.Reports;
using NetTrainer.Comparison;
using NetTrainer.Training;

namespace NetTrainer.Cli.Reports;

/// <summary>
/// The comparison as a long-format CSV: runs in order, epochs in order. A run that diverged has one last row with
/// status "diverged", its epoch, and no figures; a run stuck at chance (or with a flat cost) has that status from the
/// epoch where it is named so. Accuracies are fractions; the learning signal has one
/// mean_abs_weight_gradient_wK column per weight layer K = 1 .. L (w1 feeds the first hidden layer).
/// </summary>
public static class ComparisonCsv
{
    public static readonly string[] Columns =
    [
        "run", "cost", "output", "hidden", "eta", "lambda", "mini_batch_size", "epoch", "status",
        "training_cost", "training_accuracy", "evaluation_cost", "evaluation_accuracy", "seconds", "mean_abs_output_delta",
    ];

    public const string Trained = "trained", Diverged = "diverged";

    /// <summary>The whole header: <see cref="Columns"/> and one gradient column per weight layer.</summary>
    public static IReadOnlyList<string> Header(int weightLayers) =>
        [.. Columns, .. Enumerable.Range(1, weightLayers).Select(k => $"mean_abs_weight_gradient_w{k}")];

    public static void Write(string path, ComparisonSettings settings, IReadOnlyList<RunRecord> records)
    {
        int layers = settings.Sizes.Count - 1;
        NetTrainer.Persistence.AtomicFile.Write(path, stream =>
        {
            using var csv = new CsvWriter(new StreamWriter(stream, leaveOpen: true), CultureInfo.InvariantCulture);
            foreach (string column in Header(layers))
                csv.WriteField(column);
            csv.NextRecord();
            foreach (RunRecord record in records)
            {
                for (int i = 0; i < record.Epochs.Count; i++)
                {
                    EpochReport e = record.Epochs[i];
                    // From the epoch where the run has been stuck long enough to be called so, the status says it.
                    WriteRun(csv, record.Run, settings, e.Epoch, RunStatus.Stuck(record, settings.Sizes[^1], epochs: i + 1) ?? Trained);
                    foreach (double? figure in new[]
                             {
                                 e.Training?.Cost, e.Training?.Accuracy, e.Evaluation?.Cost, e.Evaluation?.Accuracy, e.Seconds,
                                 e.Signal?.MeanAbsOutputDelta,
                             })
                        csv.WriteField(figure);
                    for (int l = 0; l < layers; l++)
                        csv.WriteField(e.Signal is { } s && l < s.MeanAbsWeightGradient.Count ? s.MeanAbsWeightGradient[l] : (double?)null);
                    csv.NextRecord();
                }
                if (record.Diverged is { } diverged)
                {
                    WriteRun(csv, record.Run, settings, diverged.Epoch, Diverged);
                    for (int c = 0; c < 6 + layers; c++)
                        csv.WriteField("");
                    csv.NextRecord();
                }
            }
        });
    }

    private static void WriteRun(CsvWriter csv, RunSpec run, ComparisonSettings settings, int epoch, string status)
    {
        csv.WriteField(run.Id);
        csv.WriteField(run.Cost.Name);
        csv.WriteField(run.Output.Name);
        csv.WriteField(settings.Hidden.Name);
        csv.WriteField(run.Eta);
        csv.WriteField(settings.Lambda);
        csv.WriteField(settings.MiniBatchSize);
        csv.WriteField(epoch);
        csv.WriteField(status);
    }
}
