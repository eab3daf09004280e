using NetTrainer.Training;

namespace NetTrainer.Cli.Sinks;

/// <summary>Passes each epoch's report to several sinks in order (the log, the CSV and the report when asked for; nulls are skipped).</summary>
public sealed class EpochSinks(params IEpochSink?[] given) : IEpochSink
{
    private readonly IEpochSink[] sinks = given.OfType<IEpochSink>().ToArray();

    public void Report(EpochReport report)
    {
        foreach (IEpochSink sink in sinks)
            sink.Report(report);
    }
}
