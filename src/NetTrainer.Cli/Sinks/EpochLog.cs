using NetTrainer.Training;
using Serilog;

namespace NetTrainer.Cli.Sinks;

/// <summary>Logs one line per epoch: training cost, evaluation cost and accuracy, seconds.</summary>
public sealed class EpochLog(ILogger log, int epochs, string evaluationName) : IEpochSink
{
    public void Report(EpochReport r)
    {
        if (r.Evaluation is { } e)
            log.Information(
                "Epoch {Epoch,3}/{Epochs}: training cost {TrainingCost:F4}, {Set} cost {EvaluationCost:F4}, accuracy {Correct}/{Total} ({Percent:F2}%), {Seconds:F1} s",
                r.Epoch, epochs, r.Training.Cost, evaluationName, e.Cost, e.Correct, e.Total, 100 * e.Accuracy, r.Seconds);
        else
            log.Information(
                "Epoch {Epoch,3}/{Epochs}: training cost {TrainingCost:F4}, training accuracy {Correct}/{Total} ({Percent:F2}%), {Seconds:F1} s",
                r.Epoch, epochs, r.Training.Cost, r.Training.Correct, r.Training.Total, 100 * r.Training.Accuracy, r.Seconds);
    }
}
