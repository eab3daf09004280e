namespace NetTrainer.Training;

/// <summary>What each epoch measures after training (the book's four monitor_* flags, as one value).</summary>
[Flags]
public enum Monitoring
{
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

    /// <summary>What is measured after each epoch.</summary>
    public Monitoring Monitor { get; init; } = Monitoring.Training | Monitoring.Evaluation;

    /// <summary>Also average |δ^L| and |∂C/∂w| per layer over each epoch's mini-batches (see LearningSignal).</summary>
    public bool MeasureLearningSignal { get; init; }

    /// <summary>The schedule stops when η has been halved this often, η₀/2⁷ = η₀/128 (the book's rule); η₀/128 is not trained with.</summary>
    public const int MaxEtaHalvings = 7;

    /// <summary>Throws with a message naming the option when a value is impossible.</summary>
    public void Validate()
    {
        if (Epochs < 1)
            throw new ArgumentException($"--epochs must be at least 1; got {Epochs}.");
        if (MiniBatchSize < 1)
            throw new ArgumentException($"--mini-batch-size must be at least 1; got {MiniBatchSize}.");
        if (!(Eta > 0) || double.IsInfinity(Eta))
            throw new ArgumentException($"--eta must be a positive number; got {Eta}.");
        if (!(Lambda >= 0) || double.IsInfinity(Lambda))
            throw new ArgumentException($"--lambda must be zero or positive; got {Lambda}.");
        if (!(L1 >= 0) || double.IsInfinity(L1))
            throw new ArgumentException($"--l1 must be zero or positive; got {L1}.");
        if (!(Momentum >= 0 && Momentum < 1))
            throw new ArgumentException($"--momentum must be at least 0 and below 1; got {Momentum}.");
        if (EarlyStopPatience < 1 || HalveEtaPatience < 1)
            throw new ArgumentException("--early-stop and --eta-schedule need at least 1 epoch of patience.");
    }

    /// <summary>True when the update needs more than the book's fused step w ← (1 − ηλ/n) w − (η/m) ∇.</summary>
    internal bool NeedsGeneralUpdate => Momentum != 0 || L1 != 0;

    /// <summary>True when accuracy must be watched for early stopping or the schedule.</summary>
    public bool WatchesAccuracy => EarlyStopPatience is not null || HalveEtaPatience is not null;
}
