using System.Globalization;

namespace NetTrainer.Cli.Commands;

/// <summary>
/// The size a command line asks for, checked against <see cref="NetworkSize.MaxBytes"/> from the option values
/// alone, before anything is allocated: a typo in --sizes is one line, not minutes of allocation or an overflow.
/// </summary>
public static class Limits
{
    /// <summary>
    /// <paramref name="networks"/> networks of <paramref name="sizes"/> numbers of <paramref name="bytesPerNumber"/>
    /// bytes, each with <paramref name="examples"/> examples in flight (the option <paramref name="examplesOption"/>).
    /// </summary>
    public static void Require(IReadOnlyList<int> sizes, string examplesOption, long examples, int bytesPerNumber, int networks = 1)
    {
        string sizesText = string.Join(",", sizes);
        long parameters = NetworkSize.Parameters(sizes);
        Int128 networkBytes = (Int128)NetworkSize.TrainingBytes(sizes, 0, bytesPerNumber) * networks;
        Int128 bytes = (Int128)NetworkSize.TrainingBytes(sizes, examples, bytesPerNumber) * networks;
        string limit = Bytes(NetworkSize.MaxBytes);
        if (networkBytes > NetworkSize.MaxBytes || NetworkSize.LargestMatrix(sizes) > Array.MaxLength)
            throw new UsageException(Invariant(
                $"--sizes {sizesText}: {parameters:N0} weights and biases{(networks > 1 ? $" in each of {networks} runs" : "")} need about {Bytes(networkBytes)}, over the limit of {limit}; use smaller layers."));
        if (bytes > NetworkSize.MaxBytes || examples * (long)sizes.Max() > Array.MaxLength)
            throw new UsageException(Invariant(
                $"{examplesOption} {examples:N0} with --sizes {sizesText} needs about {Bytes(bytes)} for z, a and δ of every example, over the limit of {limit}; give a smaller {examplesOption}."));
    }

    /// <summary>"2 GiB", "1.2 TiB": binary units, as memory is counted.</summary>
    public static string Bytes(Int128 bytes)
    {
        string[] units = ["bytes", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB", "ZiB", "YiB"];
        double value = (double)bytes;
        int unit = 0;
        while (value >= 1024 && unit + 1 < units.Length)
        {
            value /= 1024;
            unit++;
        }
        return value.ToString(value < 10 && unit > 0 ? "0.#" : "0", CultureInfo.InvariantCulture) + " " + units[unit];
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
