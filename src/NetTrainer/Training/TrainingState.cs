// Glossary
//   epoch    epochs completed when the state was taken; training goes on with epoch + 1
//   draws    samples taken from the run's seeded generator (see ResumableRandom)
//   order    the example order the last epoch walked; the next epoch shuffles it again
using System.Numerics;
using NetTrainer.LinearAlgebra;

namespace NetTrainer.Training;

/// <summary>
/// Everything a run needs, besides the network's weights and biases, to go on from the end of an epoch exactly as if
/// it had never stopped: the generator's position, the example order, η, the momentum velocities, early stopping's
/// and the schedule's counters, and the reports of the epochs done. Every array is a copy.
/// </summary>
public sealed record TrainingState<T>(
    int Epoch,
    long RandomDraws,
    int[] Order,
    double Eta,
    Matrix<T>[]? WeightVelocity,
    T[][]? BiasVelocity,
    EarlyStoppingState<T> EarlyStopping,
    EtaScheduleState? Schedule,
    IReadOnlyList<EpochReport> Reports)
    where T : unmanaged, IFloatingPointIeee754<T>;

/// <summary>Early stopping's record: the best epoch so far, its accuracy, the epochs since, and the best network when kept.</summary>
public sealed record EarlyStoppingState<T>(int BestEpoch, double BestAccuracy, int SinceBest, Network<T>? Best)
    where T : unmanaged, IFloatingPointIeee754<T>;

/// <summary>The learning-rate schedule's record: its best accuracy, the epochs since, and the halvings so far.</summary>
public sealed record EtaScheduleState(double BestAccuracy, int SinceBest, int Halvings);
