using NetTrainer.Training;

namespace NetTrainer.Cli.Sinks;

/// <summary>
/// Passes each epoch's report to several sinks in order (the live line, the log, the CSV and the report when asked
/// for; nulls are skipped), and each step's progress to those that follow it.
/// </summary>
public sealed class EpochSinks(params IEpochSink?[] given) : IEpochSink, IStepProgress
{
    private readonly IEpochSink[] sinks = given.OfType<IEpochSink>().ToArray();

    public void ReportStep(int epoch, int examplesDone, int examplesTotal)
    {
        foreach (IStepProgress sink in sinks.OfType<IStepProgress>())
            sink.ReportStep(epoch, examplesDone, examplesTotal);
    }

    public void Report(EpochReport report)
    {
        foreach (IEpochSink sink in sinks)
            sink.Report(report);
    }
}
