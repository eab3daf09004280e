using System.Xml.Linq;
using NetTrainer.Tests.Comparison;

namespace NetTrainer.Tests.Augmentation;

/// <summary>`train --report` with --augment or --expand shift: the strip of training images and their versions.</summary>
public class DistortionStripTests : CompareFixture
{
    // The strip's columns: each original above its versions, as the img elements of one figure.
    private static List<int> ImagesPerColumn(XDocument report) =>
        report.Descendants("div").Where(d => ((string?)d.Attribute("class"))?.Split(' ').Contains("distortions") == true)
            .SelectMany(d => d.Elements("figure")).Select(f => f.Elements("img").Count()).ToList();

    [TestCase(3, 3, TestName = "With_augment_and_three_epochs_each_of_eight_originals_stands_above_its_three_distortions")]
    [TestCase(2, 2, TestName = "With_augment_and_two_epochs_each_of_eight_originals_stands_above_the_two_distortions_trained_on")]
    public void With_augment_the_report_shows_eight_originals_each_above_its_distortions_per_epoch(int epochs, int versions)
    {
        string path = InDir("run.html");
        Succeeds(Train("--epochs", $"{epochs}", "--augment", "rotate:15,elastic:34,4", "--report", path));
        XDocument report = ReadReport(path);
        Assert.Multiple(() =>
        {
            Assert.That(ImagesPerColumn(report), Is.EqualTo(Enumerable.Repeat(1 + versions, 8)));
            Assert.That(report.Descendants("h2").Count(h => (string?)h.Attribute("id") == "distortions"), Is.EqualTo(1));
        });
    }

    [Test]
    public void With_expand_shift_the_report_shows_eight_originals_each_above_its_four_shifts()
    {
        string path = InDir("run.html");
        Succeeds(Train("--expand", "shift", "--report", path));
        Assert.That(ImagesPerColumn(ReadReport(path)), Is.EqualTo(Enumerable.Repeat(5, 8)));
    }

    [Test]
    public void Without_augment_or_expand_the_report_has_no_strip()
    {
        string path = InDir("run.html");
        Succeeds(Train("--report", path));
        XDocument report = ReadReport(path);
        Assert.Multiple(() =>
        {
            Assert.That(ImagesPerColumn(report), Is.Empty);
            Assert.That(report.Descendants("h2").Where(h => (string?)h.Attribute("id") == "distortions"), Is.Empty);
        });
    }
}
