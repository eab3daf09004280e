// Glossary
//   n_l          neurons in layer l (sizes[l]); layer 0 is the input
//   parameters   Σ_l n_{l+1} (n_l + 1): every weight and bias
//   m            mini-batch size: examples that go through the network together
namespace NetTrainer;

/// <summary>
/// What a network of given layer sizes costs, computed from the sizes alone before anything is allocated, in
/// 64-bit arithmetic that no int sizes can overflow, and the documented limit a run must stay within.
/// </summary>
public static class NetworkSize
{
    /// <summary>
    /// The most memory a network and its training buffers may need: 2 GiB. The book's largest network (784,100,10)
    /// needs under 2 MB, so a run over this is a typo in the sizes, and it still fits a laptop's memory.
    /// </summary>
    public const long MaxBytes = 2L << 30;

    /// <summary>
    /// Copies of the parameters that training keeps: the weights and biases, their gradients, momentum's velocities
    /// and early stopping's best network.
    /// </summary>
    public const int ParameterCopies = 4;

    /// <summary>Per example of a mini-batch, each layer keeps z, a and δ.</summary>
    public const int ActivationCopies = 3;

    /// <summary>Σ_l n_{l+1} (n_l + 1): the weights and biases.</summary>
    public static long Parameters(IReadOnlyList<int> sizes)
    {
        long total = 0;
        for (int l = 0; l + 1 < sizes.Count; l++)
            total += (long)sizes[l + 1] * ((long)sizes[l] + 1);
        return total;
    }

    /// <summary>The largest weight matrix, n_{l+1} × n_l entries: one array must hold it.</summary>
    public static long LargestMatrix(IReadOnlyList<int> sizes)
    {
        long largest = 0;
        for (int l = 0; l + 1 < sizes.Count; l++)
            largest = Math.Max(largest, (long)sizes[l + 1] * sizes[l]);
        return largest;
    }

    /// <summary>
    /// The bytes training needs for the network and a mini-batch of <paramref name="miniBatch"/> examples, with
    /// numbers of <paramref name="bytesPerNumber"/> bytes: the parameter copies and z, a, δ for every example.
    /// Saturates at long.MaxValue instead of overflowing.
    /// </summary>
    public static long TrainingBytes(IReadOnlyList<int> sizes, long miniBatch, int bytesPerNumber)
    {
        Int128 neurons = 0;
        foreach (int n in sizes)
            neurons += n;
        Int128 bytes = (Int128)Parameters(sizes) * ParameterCopies * bytesPerNumber
                       + neurons * miniBatch * ActivationCopies * bytesPerNumber;
        return bytes > long.MaxValue ? long.MaxValue : (long)bytes;
    }

    /// <summary>Whether the network and its buffers fit <see cref="MaxBytes"/> and each weight matrix fits one array.</summary>
    public static bool Fits(IReadOnlyList<int> sizes, long miniBatch, int bytesPerNumber) =>
        TrainingBytes(sizes, miniBatch, bytesPerNumber) <= MaxBytes && LargestMatrix(sizes) <= Array.MaxLength
        && miniBatch * (long)sizes.Max() <= Array.MaxLength;
}
