using System.Text.Json;
using NetTrainer.Activations;
using NetTrainer.Costs;
using NetTrainer.Persistence;

namespace NetTrainer.Tests.Persistence;

/// <summary>NetworkFile.Save and Load: bit-exact round trips, the documented layout, whole-file replacement.</summary>
public class NetworkFileTests : NetworkFileFixture
{
    // ---- Round trip ----

    [Test]
    public void A_float_network_round_trips_bit_for_bit_with_its_sizes_and_names()
    {
        Network<float> network = RandomNetwork<float>();
        // Values whose shortest text is awkward: a subnormal, the extremes, negative zero, a repeating fraction.
        network.Weights[0].AsSpan()[0] = float.Epsilon;
        network.Weights[0].AsSpan()[1] = float.MaxValue;
        network.Weights[0].AsSpan()[2] = -float.MaxValue;
        network.Weights[0].AsSpan()[3] = -0.0f;
        network.Biases[1][0] = 1f / 3f;

        NetworkFile.Save(network, ModelPath);

        AssertSameBits(network, NetworkFile.Load<float>(ModelPath));
    }

    [Test]
    public void A_double_network_round_trips_bit_for_bit_with_its_sizes_and_names()
    {
        Network<double> network = RandomNetwork<double>();
        network.Weights[0].AsSpan()[0] = double.Epsilon;
        network.Weights[0].AsSpan()[1] = double.MaxValue;
        network.Weights[0].AsSpan()[2] = -0.0;
        network.Weights[1].AsSpan()[0] = 0.1;
        network.Biases[1][0] = 1.0 / 3.0;

        NetworkFile.Save(network, ModelPath);

        AssertSameBits(network, NetworkFile.Load<double>(ModelPath));
    }

    [Test]
    public void Every_float_bit_pattern_round_trips_even_though_it_is_read_back_through_a_double()
    {
        // The loader parses each number as a double and then rounds it to float; shortest float text must
        // survive that double rounding. 100,000 random finite bit patterns cover every exponent.
        const int inputs = 400, outputs = 250;
        var network = Network<float>.CreateRandom([inputs, outputs], Sigmoid.Instance, Sigmoid.Instance,
            QuadraticCost.Instance, WeightInit.Default, new Random(2));
        var rng = new Random(3);
        Span<float> w = network.Weights[0].AsSpan();
        for (int i = 0; i < w.Length; i++)
        {
            float v;
            do v = BitConverter.Int32BitsToSingle(rng.Next() ^ (rng.Next(2) << 31));
            while (!float.IsFinite(v));
            w[i] = v;
        }

        NetworkFile.Save(network, ModelPath);

        AssertSameBits(network, NetworkFile.Load<float>(ModelPath));
    }

    // ---- The documented layout ----

    [Test]
    public void A_saved_file_is_json_with_the_documented_fields_and_weights_indexed_layer_row_column()
    {
        Network<float> network = RandomNetwork<float>();
        NetworkFile.Save(network, ModelPath);

        using JsonDocument document = JsonDocument.Parse(File.ReadAllBytes(ModelPath));
        JsonElement root = document.RootElement;

        Assert.That(root.EnumerateObject().Select(p => p.Name),
            Is.EqualTo(new[] { "format", "version", "sizes", "hidden", "output", "cost", "weights", "biases" }),
            "top-level fields (a change here is a format change: update the format comment and the version)");
        Assert.Multiple(() =>
        {
            Assert.That(root.GetProperty("format").GetString(), Is.EqualTo("nettrainer-network"));
            Assert.That(root.GetProperty("version").GetInt32(), Is.EqualTo(1));
            Assert.That(root.GetProperty("sizes").EnumerateArray().Select(e => e.GetInt32()), Is.EqualTo(Sizes));
            Assert.That(root.GetProperty("hidden").GetString(), Is.EqualTo("tanh"));
            Assert.That(root.GetProperty("output").GetString(), Is.EqualTo("softmax"));
            Assert.That(root.GetProperty("cost").GetString(), Is.EqualTo("nll"));
        });

        JsonElement weights = root.GetProperty("weights"), biases = root.GetProperty("biases");
        Assert.That((weights.GetArrayLength(), biases.GetArrayLength()), Is.EqualTo((Sizes.Length - 1, Sizes.Length - 1)),
            "one weight matrix and one bias vector per layer after the input");
        for (int l = 0; l < Sizes.Length - 1; l++)
        {
            Assert.That(weights[l].GetArrayLength(), Is.EqualTo(Sizes[l + 1]), $"weights[{l}]: one row per neuron in layer {l + 1}");
            Assert.That(biases[l].GetArrayLength(), Is.EqualTo(Sizes[l + 1]), $"biases[{l}]: one per neuron in layer {l + 1}");
            for (int row = 0; row < Sizes[l + 1]; row++)
            {
                Assert.That(weights[l][row].GetArrayLength(), Is.EqualTo(Sizes[l]), $"weights[{l}][{row}]: one column per neuron in layer {l}");
                for (int col = 0; col < Sizes[l]; col++)
                    Assert.That(weights[l][row][col].GetSingle(), Is.EqualTo(network.Weights[l][row, col]), $"weights[{l}][{row}][{col}]");
                Assert.That(biases[l][row].GetSingle(), Is.EqualTo(network.Biases[l][row]), $"biases[{l}][{row}]");
            }
        }
    }

    // ---- Saving replaces whole files ----

    private string[] FilesInDir() => Directory.GetFiles(Dir).Select(Path.GetFileName).Order().ToArray()!;

    [Test]
    public void Saving_over_an_existing_file_replaces_it_and_leaves_no_temporary_file()
    {
        NetworkFile.Save(RandomNetwork<float>(seed: 1), ModelPath);
        Network<float> second = RandomNetwork<float>(seed: 2);

        NetworkFile.Save(second, ModelPath);

        AssertSameBits(second, NetworkFile.Load<float>(ModelPath));
        Assert.That(FilesInDir(), Is.EqualTo(new[] { "net.json" }));
    }

    [Test]
    public void Saving_over_an_existing_file_renames_a_new_file_into_place_so_an_open_reader_keeps_the_old_one_whole()
    {
        // Rewriting in place would truncate the file under the reader; a rename swaps in a new file instead.
        NetworkFile.Save(RandomNetwork<float>(seed: 1), ModelPath);
        byte[] before = File.ReadAllBytes(ModelPath);
        using var reader = new FileStream(ModelPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);

        NetworkFile.Save(RandomNetwork<float>(seed: 2), ModelPath);

        using var seen = new MemoryStream();
        reader.CopyTo(seen);
        Assert.That(seen.ToArray(), Is.EqualTo(before), "the reader's file");
        Assert.That(File.ReadAllBytes(ModelPath), Is.Not.EqualTo(before), "the file now at the path");
    }

    [Test]
    public void Saving_into_a_missing_folder_fails_and_leaves_an_earlier_file_elsewhere_untouched()
    {
        NetworkFile.Save(RandomNetwork<float>(seed: 1), ModelPath);
        byte[] before = File.ReadAllBytes(ModelPath);
        string intoMissingFolder = Path.Combine(Dir, "no-such-folder", "net.json");

        Assert.Throws<DirectoryNotFoundException>(() => NetworkFile.Save(RandomNetwork<float>(seed: 2), intoMissingFolder));

        Assert.That(File.ReadAllBytes(ModelPath), Is.EqualTo(before));
        Assert.That(FilesInDir(), Is.EqualTo(new[] { "net.json" }));
        Assert.That(Directory.GetDirectories(Dir), Is.Empty);
    }

    [Test]
    public void A_save_that_fails_midway_leaves_the_earlier_file_at_that_path_byte_identical_and_no_temporary_file()
    {
        // JSON has no NaN, so the writer throws part-way through the weights: the temporary file is half written.
        NetworkFile.Save(RandomNetwork<float>(seed: 1), ModelPath);
        byte[] before = File.ReadAllBytes(ModelPath);
        Network<float> broken = RandomNetwork<float>(seed: 2);
        broken.Weights[1].AsSpan()[^1] = float.NaN;

        Assert.Catch(() => NetworkFile.Save(broken, ModelPath));

        Assert.That(File.ReadAllBytes(ModelPath), Is.EqualTo(before));
        Assert.That(FilesInDir(), Is.EqualTo(new[] { "net.json" }));
    }
}
