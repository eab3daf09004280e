using NetTrainer.Comparison;

namespace NetTrainer.Reports;

/// <summary>
/// What an HTML report shows: a title and a lead paragraph, the runs, the network's layer sizes (to name the
/// weight layers), the split the accuracy is measured on, the exact command line (null when the runs were made
/// from code) and the settings.
/// </summary>
/// <param name="Title">The page's title and heading.</param>
/// <param name="Lead">The paragraph under the title: what was run, on what.</param>
/// <param name="Runs">The runs, one series per run in every chart and one row in the summary.</param>
/// <param name="Sizes">The network's layer sizes, n_0 .. n_L.</param>
/// <param name="EvaluationSet">The data the accuracy is measured on: "validation", "test" or "training".</param>
/// <param name="CommandLine">The command as it could be typed again, or null.</param>
/// <param name="Settings">The settings table's rows.</param>
public sealed record ReportContent(
    string Title,
    string Lead,
    IReadOnlyList<RunRecord> Runs,
    IReadOnlyList<int> Sizes,
    string EvaluationSet,
    string? CommandLine,
    IReadOnlyList<(string Name, string Value)> Settings)
{
    /// <summary>Notices shown under the lead (a run stuck at chance); when empty, each stuck run's from its epochs alone.</summary>
    public IReadOnlyList<System.Xml.Linq.XElement> Notices { get; init; } = [];

    /// <summary>Sections shown after the charts, before the command and settings (see <see cref="InsideSections"/>).</summary>
    public IReadOnlyList<System.Xml.Linq.XElement> Sections { get; init; } = [];

    /// <summary>The footer with version, command line, seed and data hashes; the date alone when null.</summary>
    public Footer? Footer { get; init; }
}
