using NetTrainer.Cli;

namespace NetTrainer.Tests.Process;

/// <summary>Sizes and counts that cannot fit are refused from the option values, before anything is allocated.</summary>
public sealed class LimitTests : CliProcess
{
    /// <summary>
    /// The issue asks for "within a second"; a shared 2-core machine under parallel builds can take that long just to
    /// start the dotnet host, so the test allows more and the README quotes the measured time.
    /// </summary>
    private static readonly TimeSpan Quickly = TimeSpan.FromSeconds(10);

    [TestCase("train")]
    [TestCase("gradcheck")]
    [TestCase("explain")]
    [TestCase("compare")]
    public void Oversized_sizes_exit_2_in_one_line_naming_the_parameter_count_and_the_limit(string command)
    {
        string[] data = command is "train" or "compare" ? ["--data-dir", DataDir] : [];
        string[] outputs = command == "compare" ? ["--csv", InDir("c.csv"), "--report", InDir("c.html")] : [];

        ProcessResult result = Run([command, "--sizes", "784,100000000,10", .. data, .. outputs]);

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Usage), result.ToString());
        Assert.That(result.ErrorLines, Has.Length.EqualTo(1));
        Assert.That(result.Error, Does.Contain("--sizes 784,100000000,10: 79,500,000,010 weights and biases").And.Contain("over the limit of 2 GiB"));
        Assert.That(result.Elapsed, Is.LessThan(Quickly));
    }

    [Test]
    public void Gradcheck_with_a_billion_examples_exits_2_naming_examples()
    {
        ProcessResult result = Run("gradcheck", "--examples", "1000000000");

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Usage), result.ToString());
        Assert.That(result.Error, Does.StartWith("nettrainer: --examples 1,000,000,000 with --sizes 5,4,3 needs about"));
    }

    [Test]
    public void A_mini_batch_of_two_billion_exits_2_naming_the_mini_batch_size()
    {
        ProcessResult result = Train("--mini-batch-size", "2000000000");

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Usage), result.ToString());
        Assert.That(result.Error, Does.Contain("--mini-batch-size 2,000,000,000 with --sizes 16,8,3"));
    }

    [Test]
    public void A_network_that_does_not_fit_the_images_is_refused_from_the_header_before_it_is_allocated()
    {
        // 3,000,000 hidden neurons would be 4.8 million weights per input pixel; the header says 16 pixels, not 100.
        ProcessResult result = Train("--sizes", "100,300000,3");

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Usage), result.ToString());
        Assert.That(result.Error, Does.Contain("the network's input layer has 100 neurons but the images have 16 pixels (4x4)"));
        Assert.That(result.Output, Does.Not.Contain("Data "));
    }

    [Test]
    public void A_test_label_outside_the_training_classes_exits_1_naming_the_file_the_index_and_the_value()
    {
        string labels = Path.Combine(DataDir, NetTrainer.Data.Mnist.TestLabelsFile);
        byte[] bytes = File.ReadAllBytes(labels);
        bytes[8 + 5] = 255; // header: magic and count, 4 bytes each; then one byte per label
        File.WriteAllBytes(labels, bytes);

        ProcessResult result = Train();

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Failure), result.ToString());
        Assert.That(result.Error, Does.Contain($"{labels}: label 255 at index 5 is outside 0..2"));
    }
}
