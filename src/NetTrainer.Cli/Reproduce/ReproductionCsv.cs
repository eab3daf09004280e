using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration.Attributes;
using NetTrainer.Reproduction;

namespace NetTrainer.Cli.Reproduce;

/// <summary>
/// One experiment's curves as a long CSV: a row per (run, source, seed, epoch, measure). Source is "ours" (seed
/// set) or "book" (seed empty); accuracies are fractions; more-data's final accuracies have the epoch of the run's end.
/// </summary>
public static class ReproductionCsv
{
    public static void Write(ExperimentResult result, string path)
    {
        var rows = new List<Row>();
        Experiment experiment = result.Experiment;
        for (int r = 0; r < experiment.Runs.Count; r++)
        {
            ExperimentRun run = experiment.Runs[r];
            foreach (Measure measure in Enum.GetValues<Measure>())
            {
                if (run.Book?.Of(measure) is { } book)
                    rows.AddRange(book.Select((v, i) => new Row(experiment.Name, run.Label, "book", null, i + 1, Name(measure), v)));
                foreach (IReadOnlyList<RunResult> seed in result.Seeds)
                    rows.AddRange(seed[r].Curve(measure).Select((v, i) => (v, i)).Where(p => double.IsFinite(p.v))
                        .Select(p => new Row(experiment.Name, run.Label, "ours", seed[r].Seed, p.i + 1, Name(measure), p.v)));
            }
            if (run.GradientNorms)
            {
                // Measure gradient_norm_layer_l; epoch 0 is the initialisation.
                double[][] book = VanishingGradient.BookNorms(run.Hidden.Length);
                for (int l = 0; l < run.Hidden.Length; l++)
                {
                    int layer = l;
                    rows.AddRange(book.Select((v, e) => new Row(experiment.Name, run.Label, "book", null, e, NormName(layer), v[layer])));
                    foreach (IReadOnlyList<RunResult> seed in result.Seeds)
                        rows.AddRange(seed[r].Norms!.Select((v, e) => new Row(experiment.Name, run.Label, "ours", seed[r].Seed, e, NormName(layer), v[layer])));
                }
            }
            if (experiment.BookBySize is { } bySize)
                rows.Add(new Row(experiment.Name, run.Label, "book", null, run.Sgd.Epochs, Name(Measure.EvaluationAccuracy), bySize[r]));
            foreach (IReadOnlyList<RunResult> seed in result.Seeds)
                if (seed[r].Final is { } final)
                    rows.Add(new Row(experiment.Name, run.Label, "ours", seed[r].Seed, run.Sgd.Epochs, Name(Measure.EvaluationAccuracy), final.Accuracy));
        }
        NetTrainer.Persistence.AtomicFile.Write(path, stream =>
        {
            using var csv = new CsvWriter(new StreamWriter(stream, leaveOpen: true), CultureInfo.InvariantCulture);
            csv.WriteRecords(rows);
        });
    }

    private static string NormName(int layer) => $"gradient_norm_layer_{layer + 1}";

    public static string Name(Measure measure) => measure switch
    {
        Measure.EvaluationCost => "evaluation_cost",
        Measure.EvaluationAccuracy => "evaluation_accuracy",
        Measure.TrainingCost => "training_cost",
        _ => "training_accuracy",
    };

    private sealed record Row(
        [property: Name("experiment")] string Experiment,
        [property: Name("run")] string Run,
        [property: Name("source")] string Source,
        [property: Name("seed")] int? Seed,
        [property: Name("epoch")] int Epoch,
        [property: Name("measure")] string Measure,
        [property: Name("value")] double Value);
}
