using System.Numerics;

namespace NetTrainer.Training;

/// <summary>What each epoch measures after training (the book's four monitor_* flags, as one value).</summary>
[Flags]
public enum Monitoring
{
    /// <summary>Nothing is measured after an epoch.</summary>
    None = 0,

    /// <summary>Cost and accuracy on the training data.</summary>
    Training = 1,

    /// <summary>Cost and accuracy on the evaluation data.</summary>
    Evaluation = 2,
}

/// <summary>
/// Mini-batch stochastic gradient descent settings: the book's epochs, mini_batch_size, eta and lmbda, and
/// chapter 3's extensions (momentum, L1, early stopping, a learning-rate schedule), all off by default.
/// </summary>
public sealed record SgdOptions(int Epochs, int MiniBatchSize, double Eta, double Lambda = 0, bool Shuffle = true)
{
    /// <summary>Momentum coefficient μ: v ← μ v − η ∇C, w ← w + v. 0 is plain SGD, bit for bit.</summary>
    public double Momentum { get; init; }

    /// <summary>L1 regularisation λ₁: the cost gains (λ₁/n) Σ |w| and the step − (ηλ₁/n) sgn(w).</summary>
    public double L1 { get; init; }

    /// <summary>Stop after this many epochs without a better evaluation accuracy, and restore the best weights.</summary>
    public int? EarlyStopPatience { get; init; }

    /// <summary>Halve η after this many epochs without a better evaluation accuracy; stop when η reaches η₀/128 (7 halvings).</summary>
    public int? HalveEtaPatience { get; init; }

    /// <summary>Threads the products may use, at least 1 (the results do not depend on it).</summary>
    public int Threads { get; init; } = LinearAlgebra.Parallelism.AllCores;

    /// <summary>Dropout's probability of dropping each hidden neuron, per example and step (see <see cref="Dropout{T}"/>). 0: off.</summary>
    public double Dropout { get; init; }

    /// <summary>Dropout's probability of dropping each input, per example and step. 0: off.</summary>
    public double InputDropout { get; init; }

    /// <summary>After each step, rescale each hidden neuron's incoming weights to norm at most this (see <see cref="Training.MaxNorm"/>).</summary>
    public double? MaxNorm { get; init; }

    /// <summary>What is measured after each epoch.</summary>
    public Monitoring Monitor { get; init; } = Monitoring.Training | Monitoring.Evaluation;

    /// <summary>Also average |δ^L| and |∂C/∂w| per layer over each epoch's mini-batches (see LearningSignal).</summary>
    public bool MeasureLearningSignal { get; init; }

    /// <summary>Throws an ArgumentException naming the parameter when a value is impossible.</summary>
    public void Validate()
    {
        if (Epochs < 1)
            throw new ArgumentOutOfRangeException(nameof(Epochs), Epochs, "must be at least 1");
        if (MiniBatchSize < 1)
            throw new ArgumentOutOfRangeException(nameof(MiniBatchSize), MiniBatchSize, "must be at least 1");
        if (!(Eta > 0) || double.IsInfinity(Eta))
            throw new ArgumentOutOfRangeException(nameof(Eta), Eta, "must be a positive number");
        if (!(Lambda >= 0) || double.IsInfinity(Lambda))
            throw new ArgumentOutOfRangeException(nameof(Lambda), Lambda, "must be zero or positive");
        if (!(L1 >= 0) || double.IsInfinity(L1))
            throw new ArgumentOutOfRangeException(nameof(L1), L1, "must be zero or positive");
        if (!(Momentum >= 0 && Momentum < 1))
            throw new ArgumentOutOfRangeException(nameof(Momentum), Momentum, "must be at least 0 and below 1");
        if (!(Dropout >= 0 && Dropout < 1))
            throw new ArgumentOutOfRangeException(nameof(Dropout), Dropout, "must be at least 0 and below 1");
        if (!(InputDropout >= 0 && InputDropout < 1))
            throw new ArgumentOutOfRangeException(nameof(InputDropout), InputDropout, "must be at least 0 and below 1");
        if (MaxNorm is { } c && !(c > 0 && double.IsFinite(c)))
            throw new ArgumentOutOfRangeException(nameof(MaxNorm), MaxNorm, "must be a positive number");
        if (EarlyStopPatience < 1)
            throw new ArgumentOutOfRangeException(nameof(EarlyStopPatience), EarlyStopPatience, "must be at least 1 epoch");
        if (Threads < 1)
            throw new ArgumentOutOfRangeException(nameof(Threads), Threads, "must be at least 1");
        if (HalveEtaPatience < 1)
            throw new ArgumentOutOfRangeException(nameof(HalveEtaPatience), HalveEtaPatience, "must be at least 1 epoch");
    }

    /// <summary>
    /// The update rule these options ask for, for a training set of <paramref name="n"/> examples: the book's
    /// weight-decay step, or the momentum step whenever momentum or L1 is on.
    /// </summary>
    public IUpdateRule<T> UpdateRuleFor<T>(IReadOnlyList<int> sizes, int n) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T eta = T.CreateChecked(Eta), lambda = T.CreateChecked(Lambda);
        if (Momentum == 0 && L1 == 0)
            return new WeightDecaySgd<T>(eta, lambda, n);
        return new MomentumSgd<T>(sizes, eta, lambda, T.CreateChecked(L1), T.CreateChecked(Momentum), n);
    }

    /// <summary>True when accuracy must be watched for early stopping or the schedule.</summary>
    public bool WatchesAccuracy => EarlyStopPatience is not null || HalveEtaPatience is not null;
}
