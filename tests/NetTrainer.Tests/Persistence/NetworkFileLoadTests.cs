// Glossary
//   damaged   a saved file edited through JsonNode so that exactly one thing is wrong with it
using System.Text.Json.Nodes;
using NetTrainer.Persistence;

namespace NetTrainer.Tests.Persistence;

/// <summary>NetworkFile.Load rejects what is not a network of ours with an InvalidDataException naming the file and the problem.</summary>
public class NetworkFileLoadTests : NetworkFileFixture
{
    private const string Hint = "Hint: model files are written by `nettrainer train --save FILE.json`.";

    private InvalidDataException LoadFails(string text)
    {
        File.WriteAllText(ModelPath, text);
        return Assert.Throws<InvalidDataException>(() => NetworkFile.Load<float>(ModelPath))!;
    }

    /// <summary>Saves a good network, applies <paramref name="damage"/> to its JSON, and expects loading to fail.</summary>
    private InvalidDataException LoadFailsAfter(Action<JsonObject> damage)
    {
        NetworkFile.Save(RandomNetwork<float>(), ModelPath);
        JsonObject root = JsonNode.Parse(File.ReadAllText(ModelPath))!.AsObject();
        damage(root);
        return LoadFails(root.ToJsonString());
    }

    private void AssertNamesFileAndProblem(InvalidDataException e, string problem)
    {
        Assert.That(e.Message, Does.StartWith(ModelPath + ": "), "the message starts with the file");
        Assert.That(e.Message, Does.Contain(problem));
        Assert.That(e.Message, Does.EndWith(Hint));
        Assert.That(e.Message, Does.Not.Contain('\n'), "one line");
    }

    [TestCase("", TestName = "Loading_an_empty_file_says_it_is_not_JSON")]
    [TestCase("weights: 1, 2, 3", TestName = "Loading_plain_text_says_it_is_not_JSON")]
    [TestCase("{\"format\": \"nettrainer-network\", \"version\": 1, \"sizes\": [5, 4",
        TestName = "Loading_a_truncated_file_says_it_is_not_JSON")]
    [TestCase("{\"format\": \"nettrainer-network\", \"weights\": [NaN]}",
        TestName = "Loading_a_file_with_a_bare_NaN_says_it_is_not_JSON")]
    public void Loading_text_that_is_not_json_says_so(string text) =>
        AssertNamesFileAndProblem(LoadFails(text), "not JSON");

    [TestCase("{}", TestName = "Loading_an_object_without_a_format_says_it_is_not_a_NetTrainer_network")]
    [TestCase("[1, 2, 3]", TestName = "Loading_a_json_array_says_it_is_not_a_NetTrainer_network")]
    [TestCase("{\"format\": \"keras-model\", \"version\": 1}", TestName = "Loading_another_format_says_it_is_not_a_NetTrainer_network")]
    [TestCase("{\"format\": 1}", TestName = "Loading_a_numeric_format_says_it_is_not_a_NetTrainer_network")]
    public void Loading_json_that_is_not_ours_says_it_is_not_a_NetTrainer_network(string text) =>
        AssertNamesFileAndProblem(LoadFails(text), "not a NetTrainer network (expected \"format\": \"nettrainer-network\")");

    [Test]
    public void Loading_a_newer_version_names_both_versions()
    {
        InvalidDataException e = LoadFailsAfter(root => root["version"] = 2);
        AssertNamesFileAndProblem(e, "format version 2; this NetTrainer reads version 1");
    }

    [Test]
    public void Loading_a_version_that_is_not_a_whole_number_is_invalid_data()
    {
        InvalidDataException e = LoadFailsAfter(root => root["version"] = 1.5);
        AssertNamesFileAndProblem(e, "version");
    }

    [Test]
    public void Loading_a_file_without_a_version_names_the_missing_field()
    {
        InvalidDataException e = LoadFailsAfter(root => root.Remove("version"));
        AssertNamesFileAndProblem(e, "missing or malformed \"version\"");
    }

    [Test]
    public void Loading_a_weight_matrix_with_a_missing_row_names_the_layer_and_the_row_count()
    {
        InvalidDataException e = LoadFailsAfter(root => root["weights"]![0]!.AsArray().RemoveAt(3));
        AssertNamesFileAndProblem(e, "weights[0] must have 4 rows (neurons in layer 1)");
    }

    [Test]
    public void Loading_a_weight_row_with_a_missing_column_names_the_row_and_the_column_count()
    {
        InvalidDataException e = LoadFailsAfter(root => root["weights"]![1]![2]!.AsArray().RemoveAt(0));
        AssertNamesFileAndProblem(e, "weights[1][2] must be an array of 4 numbers");
    }

    [Test]
    public void Loading_transposed_weights_is_rejected_by_their_shape()
    {
        InvalidDataException e = LoadFailsAfter(root =>
        {
            JsonArray w = root["weights"]![0]!.AsArray(); // (4, 5) -> (5, 4)
            var transposed = new JsonArray();
            for (int col = 0; col < 5; col++)
                transposed.Add(new JsonArray(Enumerable.Range(0, 4).Select(row => (JsonNode?)w[row]![col]!.DeepClone()).ToArray()));
            root["weights"]![0] = transposed;
        });
        AssertNamesFileAndProblem(e, "weights[0] must have 4 rows");
    }

    [Test]
    public void Loading_a_bias_vector_of_the_wrong_length_names_it()
    {
        InvalidDataException e = LoadFailsAfter(root => root["biases"]![1]!.AsArray().Add(0.5));
        AssertNamesFileAndProblem(e, "biases[1] must be an array of 3 numbers");
    }

    [Test]
    public void Loading_sizes_with_more_layers_than_weight_matrices_names_both_counts()
    {
        InvalidDataException e = LoadFailsAfter(root => root["sizes"]!.AsArray().Add(2));
        AssertNamesFileAndProblem(e, "4 sizes need 3 weight matrices and bias vectors; found 2 and 2");
    }

    [Test]
    public void Loading_a_missing_weight_matrix_names_both_counts()
    {
        InvalidDataException e = LoadFailsAfter(root => root["weights"]!.AsArray().RemoveAt(1));
        AssertNamesFileAndProblem(e, "3 sizes need 2 weight matrices and bias vectors; found 1 and 2");
    }

    [Test]
    public void Loading_a_single_layer_size_says_a_network_needs_two()
    {
        InvalidDataException e = LoadFailsAfter(root => root["sizes"] = new JsonArray(5));
        AssertNamesFileAndProblem(e, "\"sizes\" has 1 layers; a network needs at least 2");
    }

    [TestCase(0)]
    [TestCase(-4)]
    [TestCase(2.5)]
    public void Loading_a_size_that_is_not_a_positive_whole_number_says_so(double size)
    {
        InvalidDataException e = LoadFailsAfter(root => root["sizes"]![1] = size);
        AssertNamesFileAndProblem(e, "\"sizes\" must hold positive whole numbers");
    }

    [Test]
    public void Loading_huge_sizes_with_small_weights_is_rejected_as_invalid_data_without_allocating_them()
    {
        // 100,000 x 30,000 weights would be 12 GB; the file holds 4 x 5. The shapes disagree and that is all.
        InvalidDataException e = LoadFailsAfter(root =>
        {
            root["sizes"]![0] = 30_000;
            root["sizes"]![1] = 100_000;
        });
        AssertNamesFileAndProblem(e, "\"sizes\" 30000 x 100000 is more weights than one layer can hold");
    }

    [TestCase("cost", "hinge", "Unknown cost 'hinge'")]
    [TestCase("hidden", "softmax", "Unknown hidden activation 'softmax'")]
    [TestCase("output", "tanh", "Unknown output activation 'tanh'")]
    public void Loading_an_unknown_cost_or_activation_names_the_field_and_the_value(string field, string value, string problem)
    {
        InvalidDataException e = LoadFailsAfter(root => root[field] = value);
        AssertNamesFileAndProblem(e, problem);
    }

    [Test]
    public void Loading_a_file_without_a_cost_names_the_missing_field()
    {
        InvalidDataException e = LoadFailsAfter(root => root.Remove("cost"));
        AssertNamesFileAndProblem(e, "missing or malformed \"cost\"");
    }

    [Test]
    public void Loading_a_weight_written_as_the_string_NaN_names_the_entry()
    {
        InvalidDataException e = LoadFailsAfter(root => root["weights"]![1]![2]![3] = "NaN");
        AssertNamesFileAndProblem(e, "weights[1][2][3] is not a finite number");
    }

    [Test]
    public void Loading_a_null_bias_names_the_entry()
    {
        InvalidDataException e = LoadFailsAfter(root => root["biases"]![0]![1] = null);
        AssertNamesFileAndProblem(e, "biases[0][1] is not a finite number");
    }

    [Test]
    public void Loading_a_number_beyond_double_range_names_the_entry()
    {
        NetworkFile.Save(RandomNetwork<float>(), ModelPath);
        string text = File.ReadAllText(ModelPath);
        int firstBias = text.IndexOf("\"biases\":[[", StringComparison.Ordinal) + "\"biases\":[[".Length;
        int end = text.IndexOfAny([',', ']'], firstBias);
        InvalidDataException e = LoadFails(text[..firstBias] + "1e400" + text[end..]);
        AssertNamesFileAndProblem(e, "biases[0][0] is not a finite number");
    }

    [Test]
    public void Loading_a_number_beyond_float_range_into_a_float_network_names_the_entry()
    {
        // 1e39 is a finite double but rounds to infinity as a float: the float network would start non-finite.
        InvalidDataException e = LoadFailsAfter(root => root["weights"]![0]![0]![0] = 1e39);
        AssertNamesFileAndProblem(e, "weights[0][0][0]");
    }

    [Test]
    public void Loading_a_missing_file_throws_file_not_found_naming_it()
    {
        string missing = Path.Combine(Dir, "absent.json");
        var e = Assert.Throws<FileNotFoundException>(() => NetworkFile.Load<float>(missing))!;
        Assert.That(e.FileName, Is.EqualTo(missing));
        Assert.That(e.Message, Does.StartWith(missing + ": "));
    }
}
