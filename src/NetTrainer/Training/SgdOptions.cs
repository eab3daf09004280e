namespace NetTrainer.Training;

/// <summary>Mini-batch stochastic gradient descent settings (the book's epochs, mini_batch_size, eta, lmbda).</summary>
public sealed record SgdOptions(int Epochs, int MiniBatchSize, double Eta, double Lambda = 0, bool Shuffle = true)
{
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
    }
}
