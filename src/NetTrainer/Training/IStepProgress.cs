namespace NetTrainer.Training;

/// <summary>
/// Told after each mini-batch how far the epoch has got, for a live progress line (an epoch of a big network can
/// take a minute). An <see cref="IEpochSink"/> that also implements this is told by <see cref="Sgd"/>.Train.
/// </summary>
public interface IStepProgress
{
    /// <param name="examplesDone">Examples of this epoch trained on so far, 1..examplesTotal.</param>
    /// <param name="epoch">The epoch under way, from 1.</param>
    /// <param name="examplesTotal">Examples in the epoch.</param>
    void ReportStep(int epoch, int examplesDone, int examplesTotal);
}
