using NetTrainer.Comparison;
using NetTrainer.Inspection;
using NetTrainer.Training;

namespace NetTrainer.Reports;

/// <summary>
/// A compared run's status: diverged, stuck at chance, flat cost, or ok. Judged from the epochs and the pairing
/// alone (a comparison takes no layer statistics), so the cause named is the pairing's when it is NLL with sigmoid.
/// </summary>
public static class RunStatus
{
    /// <summary>The status of a run that neither diverged nor got stuck.</summary>
    public const string Ok = "ok";

    /// <summary>The diagnosis of the run's first <paramref name="epochs"/> epochs (all when null).</summary>
    public static StuckDiagnosis? Diagnose(RunRecord record, int classes, int? epochs = null)
    {
        IReadOnlyList<EpochReport> seen = epochs is { } n ? record.Epochs.Take(n).ToList() : record.Epochs;
        return StuckDiagnosis.Of(seen, classes, record.Run.Cost.Name, record.Run.Output.Name, record.Run.Eta, lambda: 0, trainingSize: 1);
    }

    /// <summary>"stuck at chance", "flat cost", or null when the run is not stuck.</summary>
    public static string? Stuck(RunRecord record, int classes, int? epochs = null) =>
        Diagnose(record, classes, epochs)?.Kind switch
        {
            StuckKind.AtChance => "stuck at chance",
            StuckKind.FlatCost => "flat cost",
            _ => null,
        };
}
