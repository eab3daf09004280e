// Glossary
//   progress line   "[2/6 quadratic:softmax@3] 1/2  cost 0.1234/0.2345  45.00%  0.1 s" (training/validation cost)
//   report          the HTML file, read back as XML (it is written as well-formed XHTML-compatible HTML5)
using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using NetTrainer.Cli;
using NetTrainer.Tests.Cli;

namespace NetTrainer.Tests.Comparison;

/// <summary>`compare` and `train --report` in process on the tiny data set, with helpers to read what they wrote.</summary>
public abstract partial class CompareFixture : CliFixture
{
    /// <summary>Options every `compare` run gets unless the test gives them: small, short, seeded, files in the temp folder.</summary>
    private (string Name, string Value)[] CompareDefaults =>
    [
        ("--sizes", Sizes), ("--epochs", "2"), ("--seed", "7"), ("--csv", CsvPath), ("--report", ReportPath), ("--data-dir", Data),
    ];

    protected string CsvPath => InDir("compare.csv");
    protected string ReportPath => InDir("compare.html");

    protected CliResult Compare(params string[] options)
    {
        var args = new List<string> { "compare" };
        foreach ((string name, string value) in CompareDefaults)
            if (!options.Contains(name))
                args.AddRange([name, value]);
        args.AddRange(options);
        return Run([.. args]);
    }

    /// <summary>(run number, run id, epoch) of each progress line, in the order printed.</summary>
    protected static List<(int Run, string Id, int Epoch)> ProgressLines(CliResult result) =>
        result.OutputLines.Select(line => ProgressPattern().Match(line)).Where(m => m.Success)
            .Select(m => (int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), m.Groups[2].Value,
                int.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture)))
            .ToList();

    [GeneratedRegex(@"^\[(\d+)/\d+ (\S+)\] +(\d+)/\d+  cost \d+\.\d{4}/\d+\.\d{4}  \d+\.\d\d%  \d+\.\d s$")]
    private static partial Regex ProgressPattern();

    /// <summary>The report parsed as XML: fails the test if it is not well-formed.</summary>
    protected static XDocument ReadReport(string path)
    {
        string text = File.ReadAllText(path);
        Assert.That(text, Does.StartWith("<!DOCTYPE html>\n<html"), "an HTML5 document");
        using var reader = XmlReader.Create(new StringReader(text), new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore });
        return XDocument.Load(reader);
    }

    /// <summary>The run ids of the series drawn in the chart with this id.</summary>
    protected static string[] SeriesIn(XDocument report, string chartId) =>
        Chart(report, chartId).Descendants("g").Where(g => (string?)g.Attribute("class") == "series")
            .Select(g => (string)g.Attribute("data-run")!).ToArray();

    protected static XElement Chart(XDocument report, string chartId) =>
        report.Descendants("svg").SingleOrDefault(s => (string?)s.Attribute("id") == chartId)
        ?? throw new AssertionException($"no chart '{chartId}' in the report");

    protected static string[] ChartIds(XDocument report) =>
        report.Descendants("svg").Select(s => (string?)s.Attribute("id")).OfType<string>().ToArray();

    /// <summary>The rows of the report's summary table, as cell texts.</summary>
    protected static List<string[]> SummaryRows(XDocument report) =>
        report.Descendants("table").Single(t => (string?)t.Attribute("class") == "summary")
            .Element("tbody")!.Elements("tr").Select(tr => tr.Elements("td").Select(td => td.Value.Trim()).ToArray()).ToList();

    /// <summary>The long-format CSV as rows of column -> text.</summary>
    protected MetricsCsv ReadCsv() => MetricsCsv.Read(CsvPath);

    /// <summary>A usage error found before anything ran: exit 2, the message, no progress, no output files.</summary>
    protected void AssertRefusedBeforeTraining(CliResult result, string message)
    {
        AssertFails(result, ExitCodes.Usage, message);
        Assert.That(ProgressLines(result), Is.Empty, "progress lines");
        Assert.That(result.Output, Does.Not.Contain("Comparing").And.Not.Contain("Network "), "training started");
        Assert.That(File.Exists(CsvPath) || File.Exists(ReportPath), Is.False, "output files written");
    }
}
