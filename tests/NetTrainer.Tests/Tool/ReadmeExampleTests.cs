using static NetTrainer.Tests.Data.IdxFixture;

namespace NetTrainer.Tests.Tool;

/// <summary>The README's C# example is the code of <see cref="ReadmeExample"/>, word for word, and it runs.</summary>
[NonParallelizable]
public class ReadmeExampleTests
{
    private const string Heading = "## Use it from C#";

    [Test]
    public void Readme_example_is_the_compiled_example_line_for_line_and_under_15_lines()
    {
        string root = PackagedToolTests.RepositoryRoot();
        string[] source = File.ReadAllLines(Path.Combine(root, "tests", "NetTrainer.Tests", "Tool", "ReadmeExample.cs"));
        string[] usings = source.TakeWhile(l => l.StartsWith("using ", StringComparison.Ordinal)).ToArray();
        int begin = Array.FindIndex(source, l => l.Trim() == "// README begin"), end = Array.FindIndex(source, l => l.Trim() == "// README end");
        string[] expected = [.. usings, "", .. source[(begin + 1)..end].Select(l => l.Trim())];

        string[] readme = File.ReadAllLines(Path.Combine(root, "README.md"));
        int section = Array.IndexOf(readme, Heading);
        Assert.That(section, Is.GreaterThanOrEqualTo(0), $"the README has a '{Heading}' section");
        int open = Array.IndexOf(readme, "```csharp", section);
        string[] shown = readme[(open + 1)..Array.IndexOf(readme, "```", open + 1)];

        Assert.That(shown, Is.EqualTo(expected), "the README's example and ReadmeExample.cs differ");
        Assert.That(shown.Count(l => l.Length > 0), Is.LessThan(15), "lines of code in the example");
        Assert.That(shown, Has.None.Contains("NetTrainer.Cli"), "the example needs the library alone (the NetTrainer package)");
    }

    [Test]
    public void Readme_example_trains_evaluates_predicts_and_writes_a_report()
    {
        string folder = Directory.CreateTempSubdirectory("nettrainer-readme-").FullName;
        string before = Environment.CurrentDirectory;
        try
        {
            // MNIST's shape (28x28, 10 classes) on a few images, in ./data/mnist as in a clone.
            WriteTinyMnist(Path.Combine(folder, "data", "mnist"), trainCount: 60, testCount: 10, rows: 28, cols: 28, classCount: 10);
            Environment.CurrentDirectory = folder;
            ReadmeExample.Run();
            string report = File.ReadAllText(Path.Combine(folder, "run.html"));
            Assert.That(report, Does.StartWith("<!DOCTYPE html>").And.Contain("Sgd.Train from C#"));
        }
        finally
        {
            Environment.CurrentDirectory = before;
            Directory.Delete(folder, recursive: true);
        }
    }
}
