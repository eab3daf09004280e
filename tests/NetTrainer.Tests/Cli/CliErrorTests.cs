using System.Buffers.Binary;
using NetTrainer.Cli;
using NetTrainer.Data;
using static NetTrainer.Tests.Data.IdxFixture;

namespace NetTrainer.Tests.Cli;

/// <summary>
/// Bad input: each run exits 1 (the run failed) or 2 (the command line asks for something impossible) with one
/// "nettrainer: " line that says what is wrong, and no stack trace.
/// </summary>
public class CliErrorTests : CliFixture
{
    private const string SizesExample = "(expected e.g. 784,30,10).";

    // ---- Option values (exit 2) ----

    [TestCase("16,0,3", "--sizes: '0' is not a positive whole number " + SizesExample,
        TestName = "Train_with_a_zero_layer_size_exits_2_naming_the_option")]
    [TestCase("16,-8,3", "--sizes: '-8' is not a positive whole number " + SizesExample,
        TestName = "Train_with_a_negative_layer_size_exits_2_naming_the_option")]
    [TestCase("a,b", "--sizes: 'a' is not a positive whole number " + SizesExample,
        TestName = "Train_with_non_numeric_sizes_exits_2_naming_the_option")]
    [TestCase("16", "--sizes needs at least an input and an output layer (e.g. 784,30,10); got '16'.",
        TestName = "Train_with_a_single_layer_size_exits_2_asking_for_an_input_and_an_output_layer")]
    public void Train_with_bad_sizes_exits_2(string sizes, string message) =>
        AssertFails(Train("--sizes", sizes), ExitCodes.Usage, message);

    [TestCase("--epochs", "0", "--epochs must be at least 1; got 0.", TestName = "Train_with_zero_epochs_exits_2_naming_the_option")]
    [TestCase("--mini-batch-size", "-1", "--mini-batch-size must be at least 1; got -1.",
        TestName = "Train_with_a_negative_mini_batch_size_exits_2_naming_the_option")]
    [TestCase("--eta", "0", "--eta must be positive; got 0.", TestName = "Train_with_a_zero_learning_rate_exits_2_naming_the_option")]
    [TestCase("--eta", "-1", "--eta must be positive; got -1.", TestName = "Train_with_a_negative_learning_rate_exits_2_naming_the_option")]
    [TestCase("--eta", "NaN", "--eta must be positive; got NaN.", TestName = "Train_with_a_NaN_learning_rate_exits_2_naming_the_option")]
    [TestCase("--lambda", "-1", "--lambda must be zero or positive; got -1.",
        TestName = "Train_with_a_negative_lambda_exits_2_naming_the_option")]
    public void Train_with_an_out_of_range_number_exits_2(string option, string value, string message) =>
        AssertFails(Train(option, value), ExitCodes.Usage, message);

    [TestCase("--epochs", "x", TestName = "Train_with_non_numeric_epochs_exits_2_naming_the_option")]
    [TestCase("--mini-batch-size", "ten", TestName = "Train_with_a_non_numeric_mini_batch_size_exits_2_naming_the_option")]
    [TestCase("--eta", "fast", TestName = "Train_with_a_non_numeric_learning_rate_exits_2_naming_the_option")]
    [TestCase("--eta", "inf", TestName = "Train_with_eta_inf_exits_2_naming_the_option")]
    [TestCase("--lambda", "some", TestName = "Train_with_a_non_numeric_lambda_exits_2_naming_the_option")]
    [TestCase("--seed", "x", TestName = "Train_with_a_non_numeric_seed_exits_2_naming_the_option")]
    [TestCase("--train-size", "all", TestName = "Train_with_a_non_numeric_train_size_exits_2_naming_the_option")]
    public void Train_with_a_value_that_is_not_a_number_exits_2(string option, string value) =>
        AssertFails(Train(option, value), ExitCodes.Usage,
            Does.StartWith("nettrainer: ").And.Contain(option).And.Contain($"'{value}'"));

    [TestCase("--cost", "foo", "'quadratic', 'cross-entropy', 'nll'", TestName = "Train_with_an_unknown_cost_exits_2_listing_the_costs")]
    [TestCase("--output", "tanh", "'sigmoid', 'softmax'", TestName = "Train_with_tanh_as_output_exits_2_listing_the_output_activations")]
    [TestCase("--hidden", "softmax", "'sigmoid', 'tanh', 'relu'",
        TestName = "Train_with_softmax_as_hidden_exits_2_listing_the_hidden_activations")]
    [TestCase("--init", "xavier", "'default', 'large'", TestName = "Train_with_an_unknown_init_exits_2_listing_the_initialisations")]
    [TestCase("--evaluate-on", "holdout", "'validation', 'test', 'training'",
        TestName = "Train_with_an_unknown_evaluation_set_exits_2_listing_the_sets")]
    public void Train_with_an_unknown_choice_exits_2_listing_the_choices(string option, string value, string choices) =>
        AssertFails(Train(option, value), ExitCodes.Usage,
            Is.EqualTo($"nettrainer: {option}: '{value}' is not one of {choices.Replace("'", "")}."));

    [Test]
    public void Train_with_an_unknown_option_exits_2_naming_it()
    {
        CliResult result = Train("--bogus");

        AssertFails(result, ExitCodes.Usage, "Unrecognized command or argument '--bogus'.");
        Assert.That(result.ErrorLines[^1], Is.EqualTo("Run 'nettrainer train --help' for the options."));
    }

    [Test]
    public void An_unknown_command_exits_2_naming_it() =>
        AssertFails(Run("fit", "--data-dir", Data), ExitCodes.Usage, Is.EqualTo("nettrainer: Unrecognized command or argument 'fit'."));

    [Test]
    public void Evaluate_without_a_model_exits_2_naming_the_option() =>
        AssertFails(Evaluate(), ExitCodes.Usage, "Option '--model' is required.");

    // ---- The network against the data (exit 2) ----

    [Test]
    public void Train_with_an_input_layer_that_does_not_match_the_image_size_exits_2_suggesting_sizes() =>
        AssertFails(Train("--sizes", "784,30,3"), ExitCodes.Usage,
            "the network's input layer has 784 neurons but the images have 16 pixels (4x4); use --sizes 16,...");

    [Test]
    public void Train_with_an_output_layer_that_does_not_match_the_class_count_exits_2_suggesting_sizes() =>
        AssertFails(Train("--sizes", "16,8,10"), ExitCodes.Usage,
            "the network's output layer has 10 neurons but the data has 3 classes; use --sizes ...,3");

    [Test]
    public void Train_with_sizes_that_disagree_with_init_from_exits_2_naming_both()
    {
        string model = InDir("net.json");
        Succeeds(Train("--epochs", "1", "--save", model));

        AssertFails(Train("--init-from", model, "--sizes", "16,9,3"), ExitCodes.Usage,
            $"--sizes 16,9,3 disagrees with {model}, which has 16,8,3.");
    }

    [Test]
    public void Train_with_init_from_and_an_explicit_cost_exits_2_saying_where_the_cost_comes_from()
    {
        string model = InDir("net-cost.json");
        Succeeds(Train("--epochs", "1", "--save", model));

        AssertFails(Train("--init-from", model, "--cost", "quadratic"), ExitCodes.Usage,
            $"--init-from takes the network's cost and activations from {model}; drop --cost.");
    }

    [Test]
    public void Train_size_beyond_the_training_set_exits_2_naming_the_limit_and_the_validation_images() =>
        AssertFails(Train("--train-size", $"{TrainingImages + 1}"), ExitCodes.Usage,
            $"--train-size must be at most {TrainingImages}, the training images (the last 20 of the training file are held out for validation); got {TrainingImages + 1}.");

    [Test]
    public void Train_size_zero_exits_2_naming_the_option() =>
        AssertFails(Train("--train-size", "0"), ExitCodes.Usage, "--train-size must be at least 1; got 0.");

    // ---- The data folder ----

    [Test]
    public void Train_with_a_missing_data_folder_exits_2_without_fetching_anything()
    {
        string missing = InDir("no-such-data");

        AssertFails(Train("--data-dir", missing), ExitCodes.Usage, $"--data-dir {missing}: no such folder.");
        Assert.That(Directory.Exists(missing), Is.False, "a custom --data-dir is never fetched into");
    }

    [Test]
    public void Train_with_an_empty_data_folder_exits_2_naming_the_files_it_needs()
    {
        string empty = InDir("empty-data");
        Directory.CreateDirectory(empty);

        AssertFails(Train("--data-dir", empty), ExitCodes.Usage,
            $"--data-dir {empty}: missing {string.Join(", ", Mnist.FileNames)} (expected {string.Join(", ", Mnist.FileNames)}, raw or .gz).");
        Assert.That(Directory.GetFiles(empty), Is.Empty, "a custom --data-dir is never fetched into");
    }

    [Test]
    public void Train_with_a_truncated_image_file_exits_1_naming_the_file()
    {
        string images = Path.Combine(Data, Mnist.TrainImagesFile);
        byte[] bytes = File.ReadAllBytes(images);
        File.WriteAllBytes(images, bytes[..^5]);

        AssertFails(Train(), ExitCodes.Failure, Does.StartWith($"nettrainer: {images}: truncated: ")
            .And.Contain($"{bytes.Length - 5} bytes"));
    }

    [Test]
    public void Train_with_a_wrong_magic_number_exits_1_naming_the_file()
    {
        string labels = Path.Combine(Data, Mnist.TestLabelsFile);
        byte[] bytes = File.ReadAllBytes(labels);
        BinaryPrimitives.WriteInt32BigEndian(bytes, 0x1F2E3D4C);
        File.WriteAllBytes(labels, bytes);

        AssertFails(Train(), ExitCodes.Failure, Does.StartWith($"nettrainer: {labels}: not an IDX file: magic number 0x1F2E3D4C"));
    }

    // ---- Output files: checked before any work (exit 2) ----

    [TestCase("--metrics")]
    [TestCase("--save")]
    public void Train_writing_into_a_missing_folder_exits_2_before_training(string option)
    {
        string folder = InDir("no-such-folder"), file = Path.Combine(folder, "out");

        CliResult result = Train(option, file);

        AssertFails(result, ExitCodes.Usage, $"{option} {file}: the folder {folder} does not exist.");
        Assert.That(result.Output, Is.Empty, "nothing done before the check");
    }

    [Test]
    public void Train_saving_onto_a_folder_exits_2_asking_for_a_file_name() =>
        AssertFails(Train("--save", Dir), ExitCodes.Usage, $"--save {Dir}: is a folder; give a file name.");

    // ---- Models (exit 1) ----

    [Test]
    public void Evaluate_with_a_missing_model_exits_1_naming_it()
    {
        string model = InDir("absent.json");
        AssertFails(Evaluate("--model", model), ExitCodes.Failure, $"{model}: no such model file.");
    }

    [Test]
    public void Evaluate_with_a_json_file_that_is_not_a_network_exits_1_naming_it()
    {
        string model = InDir("package.json");
        File.WriteAllText(model, """{ "name": "left-pad", "version": "1.3.0" }""");

        AssertFails(Evaluate("--model", model), ExitCodes.Failure,
            $"{model}: not a NetTrainer network (expected \"format\": \"nettrainer-network\"). " +
            "Hint: model files are written by `nettrainer train --save FILE.json`.");
    }

    [Test]
    public void Evaluate_with_a_model_that_does_not_fit_the_data_exits_2_saying_the_model_was_trained_for_other_data()
    {
        string model = InDir("net.json");
        Succeeds(Train("--epochs", "1", "--save", model));
        WriteTinyMnist(Data, TrainFileImages, TestImages, rows: 5, cols: 5, Classes); // now 25 pixels

        AssertFails(Evaluate("--model", model), ExitCodes.Usage,
            $"the network's input layer has 16 neurons but the images have 25 pixels (5x5); {model} was trained for other data.");
    }

    // ---- Divergence (exit 1) ----

    [Test]
    public void A_diverging_run_exits_1_naming_the_epoch_and_leaves_an_earlier_save_byte_identical()
    {
        string model = InDir("net.json");
        Succeeds(Train("--epochs", "1", "--save", model));
        byte[] before = File.ReadAllBytes(model);

        // Unscaled N(0, 1) weights, unbounded relu and eta 1e30: the first step overflows float.
        CliResult result = Train("--hidden", "relu", "--init", "large", "--eta", "1e30", "--epochs", "3", "--save", model);

        AssertFails(result, ExitCodes.Failure, "Training diverged in epoch 1: the training cost is NaN. Try a smaller --eta.");
        Assert.That(result.OutputLines, Has.None.StartWith("Saved"));
        Assert.That(File.ReadAllBytes(model), Is.EqualTo(before), "the earlier --save file");
        Assert.That(Directory.GetFiles(Dir).Select(Path.GetFileName), Is.EqualTo(new[] { "net.json" }), "files beside it");
    }
}
