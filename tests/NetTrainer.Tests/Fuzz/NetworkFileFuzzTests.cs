using System.Text;
using System.Text.RegularExpressions;
using NetTrainer.Persistence;
using NetTrainer.Tests.Persistence;

namespace NetTrainer.Tests.Fuzz;

/// <summary>
/// Seeded mutation fuzzing of the model loader: every damaged model file either still loads or is refused with an
/// InvalidDataException in one line, quickly, allocating a small multiple of the file.
/// </summary>
public sealed partial class NetworkFileFuzzTests : NetworkFileFixture
{
    private const int Mutations = 1500;

    private static readonly TimeSpan Slowest = TimeSpan.FromSeconds(2);

    /// <summary>
    /// The token buffer (64 KiB) and names, plus arrays of the declared network, which the loader allows only as
    /// large as the file can describe (two bytes per number, eight bytes each as double), plus the message text.
    /// </summary>
    private static long AllocationBound(long fileBytes) => 512 * 1024 + 16 * fileBytes;

    [GeneratedRegex("\"sizes\":\\[[^\\]]*\\]")]
    private static partial Regex SizesField();

    // The "header size edit" of a text format: one layer size replaced by an edge value, or the list itself changed.
    private static byte[] EditSizes(byte[] json, Random rng)
    {
        string text = Encoding.UTF8.GetString(json);
        string[] candidates = ["0", "-1", "2147483647", "2147483648", "100000", "1e9", "4.5", "\"5\"", "null", "30000,100000", "5,4,3,2", ""];
        string edited = SizesField().Replace(text, m =>
        {
            string[] sizes = m.Value["\"sizes\":[".Length..^1].Split(',');
            sizes[rng.Next(sizes.Length)] = candidates[rng.Next(candidates.Length)];
            return $"\"sizes\":[{string.Join(",", sizes)}]";
        }, 1);
        return Encoding.UTF8.GetBytes(edited);
    }

    [TestCase(typeof(float))]
    [TestCase(typeof(double))]
    public void Mutated_model_files_load_or_are_refused_as_invalid_data_quickly_and_within_bounded_memory(Type number)
    {
        NetworkFile.Save(RandomNetwork<double>(), ModelPath);
        byte[] model = File.ReadAllBytes(ModelPath);
        Action<string> load = number == typeof(float) ? path => NetworkFile.Load<float>(path) : path => NetworkFile.Load<double>(path);

        Mutations.Report report = Fuzz.Mutations.Run(Path.Combine(Dir, "mutated.json"), Mutations,
            i => Fuzz.Mutations.Make(model, i, [], EditSizes), load, [typeof(InvalidDataException)], AllocationBound, Slowest);

        TestContext.Out.WriteLine($"model files ({number.Name}): {report}");
        Assert.That(report.Rejected, Is.GreaterThan(Mutations / 2), "most damage is caught");
    }

    [Test]
    public void A_100_MB_json_array_as_a_model_is_refused_at_its_first_token_allocating_under_a_megabyte()
    {
        string path = Path.Combine(Dir, "array.json");
        using (var writer = new StreamWriter(path))
        {
            writer.Write('[');
            for (int i = 0; i < 8_000_000; i++)
                writer.Write(i == 0 ? "0.123456789012" : ",0.123456789012");
            writer.Write(']');
        }
        long before = GC.GetAllocatedBytesForCurrentThread();

        var e = Assert.Throws<InvalidDataException>(() => NetworkFile.Load<float>(path));

        Assert.That(e!.Message, Does.Contain("not a NetTrainer network"));
        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.LessThan(1 << 20));
    }

    [Test]
    public void Sizes_declaring_more_numbers_than_the_file_holds_are_refused_before_the_arrays_are_allocated()
    {
        NetworkFile.Save(RandomNetwork<float>(), ModelPath);
        string text = File.ReadAllText(ModelPath).Replace("\"sizes\":[5,4,3]", "\"sizes\":[5,4000,3000]");
        File.WriteAllText(ModelPath, text);
        long before = GC.GetAllocatedBytesForCurrentThread();

        var e = Assert.Throws<InvalidDataException>(() => NetworkFile.Load<float>(ModelPath));

        Assert.That(e!.Message, Does.Contain("declare 12027000 weights and biases, more than the file's"));
        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.LessThan(1 << 20), "12 million floats were not allocated");
    }
}
