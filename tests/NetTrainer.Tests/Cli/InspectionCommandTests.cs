// Glossary
//   tiny data   see CliFixture: 4x4 images, 3 classes
using System.Xml.Linq;
using NetTrainer.Reports;
using NetTrainer.Activations;
using NetTrainer.Cli;
using NetTrainer.Cli.Reports;
using NetTrainer.Costs;
using NetTrainer.Data;
using NetTrainer.Inspection;
using NetTrainer.Persistence;

namespace NetTrainer.Tests.Cli;

public class InspectionCommandTests : CliFixture
{
    private string TrainedModel()
    {
        string model = InDir("net.json");
        Succeeds(Train("--save", model, "--epochs", "3"));
        return model;
    }

    [Test]
    public void Evaluate_prints_the_confusion_matrix_per_class_figures_and_top_confusions_that_agree_with_the_library()
    {
        string model = TrainedModel();
        CliResult result = Succeeds(Evaluate("--model", model, "--on", "test"));
        Classification expected = Classification.Of(NetworkFile.Load<float>(model), Mnist.Load(Data).Test);
        var matrix = new ConfusionMatrix(expected);
        string[] lines = result.OutputLines;
        int header = Array.FindIndex(lines, l => l.StartsWith("Confusion matrix (rows: true class, columns: predicted):", StringComparison.Ordinal));
        Assert.That(header, Is.GreaterThanOrEqualTo(0), result.ToString);
        for (int t = 0; t < Classes; t++)
            Assert.That(lines[header + 2 + t].Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse),
                Is.EqualTo(new[] { t }.Concat(Enumerable.Range(0, Classes).Select(p => matrix[t, p]))), $"row of true class {t}");
        Assert.That(result.Output, Does.Contain("class  precision  recall  examples"));
        foreach (Confusion c in matrix.TopConfusions(5))
            Assert.That(result.Output, Does.Contain($"  {c.True} taken for {c.Predicted}: {c.Count} time"));
    }

    [Test]
    public void Evaluate_report_has_the_heat_map_every_mistake_with_all_mistakes_and_the_footer()
    {
        string model = TrainedModel(), report = InDir("e.html");
        Succeeds(Evaluate("--model", model, "--on", "test", "--report", report, "--all-mistakes"));
        XElement html = XElement.Load(report);
        Classification expected = Classification.Of(NetworkFile.Load<float>(model), Mnist.Load(Data).Test);
        int wrong = Enumerable.Range(0, expected.Count).Count(i => !expected.IsCorrect(i));
        Assert.Multiple(() =>
        {
            Assert.That(html.Descendants("table").Count(t => (string?)t.Attribute("class") == "heatmap"), Is.EqualTo(1));
            Assert.That(html.Descendants("td").Count(t => ((string?)t.Attribute("class"))?.StartsWith("cell") == true), Is.EqualTo(Classes * Classes));
            Assert.That(html.Descendants("figure").Count(f => (string?)f.Attribute("class") == "mistake"), Is.EqualTo(wrong), "every mistake");
            Assert.That(html.Descendants("img").All(i => i.Attribute("src")!.Value.StartsWith("data:image/png;base64,", StringComparison.Ordinal)), "inline images");
            Assert.That(html.Descendants("footer").Single().Value, Does.Contain("nettrainer evaluate").And.Contain("SHA-256"));
        });
    }

    [Test]
    public void All_mistakes_without_a_report_is_a_usage_error()
    {
        AssertFails(Evaluate("--model", TrainedModel(), "--all-mistakes"), ExitCodes.Usage,
            "--all-mistakes chooses what --report shows; add --report FILE.");
    }

    [Test]
    public void Predict_index_gives_the_label_a_direct_evaluation_gives()
    {
        string model = TrainedModel();
        Classification direct = Classification.Of(NetworkFile.Load<float>(model), Mnist.Load(Data).Test.Slice(4, 1));
        CliResult result = Succeeds(Run("predict", "--model", model, "--index", "4", "--data-dir", Data, "--show"));
        (int top, float share) = direct.Top(0, 1)[0];
        Assert.That(result.OutputLines[0], Does.StartWith($"test image 4 (label {Mnist.Load(Data).Test.Label(4)}): {top} ({100 * share:F1}%)"));
        Assert.That(result.OutputLines.Skip(1).Count(l => l.EndsWith('|')), Is.EqualTo(Rows), "--show draws the image");
    }

    // A 784-input network (seeded, untrained: the test is about the plumbing, not the accuracy).
    private string MnistShapedModel()
    {
        string model = InDir("mnist-shaped.json");
        NetworkFile.Save(Network<float>.CreateRandom([784, 20, 10], Sigmoid.Instance, Softmax.Instance, NegativeLogLikelihoodCost.Instance,
            WeightInit.Default, new Random(3)), model);
        return model;
    }

    private static byte[] DigitSeven(int width, int height)
    {
        var grey = Enumerable.Repeat((byte)250, width * height).ToArray(); // white paper
        for (int x = width / 4; x < 3 * width / 4; x++)
            for (int t = 0; t < height / 12; t++)
                grey[(height / 5 + t) * width + x] = 20; // the bar
        for (int y = height / 5; y < 4 * height / 5; y++)
            for (int t = 0; t < width / 12; t++)
            {
                int x = 3 * width / 4 - (y - height / 5) * width / (2 * height) + t;
                grey[y * width + Math.Clamp(x, 0, width - 1)] = 20; // the stroke down
            }
        return grey;
    }

    [Test]
    public void Predict_on_a_png_gives_the_label_a_direct_evaluation_of_the_preprocessed_image_gives()
    {
        string model = MnistShapedModel(), png = InDir("seven.png");
        byte[] grey = DigitSeven(120, 160);
        File.WriteAllBytes(png, Png.Encode(grey, 120, 160, channels: 1));
        byte[] pixels = DigitPreprocessing.ToMnist(grey, 120, 160);
        Classification direct = Classification.Of(NetworkFile.Load<float>(model), new Dataset(pixels, [0], 28, 28, classCount: 10));
        string expected = string.Join(", ", direct.Top(0, 3).Select(t => $"{t.Class} ({100 * t.Share:F1}%)"));
        CliResult result = Succeeds(Run("predict", "--model", model, png));
        Assert.That(result.OutputLines, Is.EqualTo(new[] { $"{png}: {expected}" }));
    }

    [Test]
    public void Predict_reads_a_pgm_as_it_reads_the_same_png()
    {
        string model = MnistShapedModel(), png = InDir("seven.png"), pgm = InDir("seven.pgm");
        byte[] grey = DigitSeven(120, 160);
        File.WriteAllBytes(png, Png.Encode(grey, 120, 160, channels: 1));
        File.WriteAllBytes(pgm, [.. System.Text.Encoding.ASCII.GetBytes("P5\n# a comment\n120 160\n255\n"), .. grey]);
        string fromPng = Succeeds(Run("predict", "--model", model, png)).OutputLines[0];
        string fromPgm = Succeeds(Run("predict", "--model", model, pgm)).OutputLines[0];
        Assert.That(fromPgm[(pgm.Length + 2)..], Is.EqualTo(fromPng[(png.Length + 2)..]));
    }

    [Test]
    public void Predict_refuses_a_file_that_is_not_an_image()
    {
        string text = InDir("notes.png");
        File.WriteAllText(text, "not a picture of a digit");
        AssertFails(Run("predict", "--model", MnistShapedModel(), text), ExitCodes.Failure,
            $"{text}: not an image NetTrainer can read (PNG, JPEG, BMP or PGM/PPM expected).");
    }

    [Test]
    public void Predict_refuses_an_empty_file()
    {
        string empty = InDir("empty.png");
        File.WriteAllBytes(empty, []);
        AssertFails(Run("predict", "--model", MnistShapedModel(), empty), ExitCodes.Failure, $"{empty}: the file is empty.");
    }

    [Test]
    public void Predict_refuses_a_huge_image_from_its_header()
    {
        string huge = InDir("huge.png");
        File.WriteAllBytes(huge, Png.Encode(new byte[9000], 9000, 1, channels: 1));
        AssertFails(Run("predict", "--model", MnistShapedModel(), huge), ExitCodes.Failure,
            $"{huge}: 9000x1 pixels is too large (at most {DigitImage.MaxSide} on a side).");
    }

    [Test]
    public void Predict_refuses_a_blank_image()
    {
        string blank = InDir("blank.png");
        File.WriteAllBytes(blank, Png.Encode(Enumerable.Repeat((byte)255, 50 * 50).ToArray(), 50, 50, channels: 1));
        AssertFails(Run("predict", "--model", MnistShapedModel(), blank), ExitCodes.Failure, Does.StartWith($"nettrainer: {blank}: the image is blank"));
    }

    [Test]
    public void Predict_needs_images_or_an_index()
    {
        AssertFails(Run("predict", "--model", MnistShapedModel()), ExitCodes.Usage, "give IMAGE files to classify, or --index N for a test image.");
    }

    [Test]
    public void Train_names_a_run_stuck_at_chance_in_the_console_and_the_report()
    {
        string report = InDir("r.html");
        CliResult result = Succeeds(Train("--cost", "nll", "--output", "sigmoid", "--epochs", "6", "--report", report,
            "--snapshot-epochs", "0,2"));
        // The diagnosis and its hint, wrapped to the terminal's width: read from its first line to the end.
        string diagnosis = string.Join(" ", result.OutputLines.SkipWhile(l => !l.StartsWith("Diagnosis: ", StringComparison.Ordinal)));
        if (diagnosis.Length == 0)
            Assert.Inconclusive("the tiny nll:sigmoid run was not at chance here: " + result.Output);
        Assert.That(diagnosis, Does.Contain("NLL with sigmoid outputs").And.Contain("broad strategy"));
        XElement html = XElement.Load(report);
        Assert.That(html.Descendants("div").Any(d => (string?)d.Attribute("class") == "stuck"), "the report names it");
        Assert.That(html.Descendants("details").Count(), Is.EqualTo(2), "the snapshots at epochs 0 and 2");
    }

    [Test]
    public void Train_report_draws_every_first_layer_neuron_and_the_per_layer_charts()
    {
        string report = InDir("r.html");
        Succeeds(Train("--report", report));
        XElement html = XElement.Load(report);
        Assert.Multiple(() =>
        {
            Assert.That(html.Descendants("figure").Count(f => (string?)f.Attribute("class") == "neuron"), Is.EqualTo(8), "16,8,3: 8 hidden neurons");
            foreach (string id in new[] { "saturation", "mean-delta", "mean-gradient", "weight-norm", "z-histogram-w1", "z-histogram-w2" })
                Assert.That(html.Descendants("svg").Any(s => (string?)s.Attribute("id") == id), id);
            Assert.That(html.Descendants("table").Single(t => (string?)t.Attribute("class") == "layers").Descendants("tr").Count(),
                Is.EqualTo(1 + 3 * 2), "epochs 0, 1, 2 for two layers, under a header");
            string gallery = html.Descendants("h2").Select(h => h.Value).Single(h => h.Contains("most confident", StringComparison.Ordinal));
            int shown = int.Parse(gallery.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
            Assert.That(gallery, Does.EndWith("mistakes on the validation data"));
            Assert.That(html.Descendants("figure").Count(f => (string?)f.Attribute("class") == "mistake"), Is.EqualTo(shown), "the gallery");
        });
    }
}
