using NetTrainer.Training;

namespace NetTrainer.Cli.Sinks;

/// <summary>Passes each epoch's report to several sinks (the log, and the CSV when asked for).</summary>
public sealed class EpochSinks(params IEpochSink[] sinks) : IEpochSink
{
    public void Report(EpochReport report)
    {
        foreach (IEpochSink sink in sinks)
            sink.Report(report);
    }
}
