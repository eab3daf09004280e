using System.Globalization;
using System.Text;
using NetTrainer.Comparison;

namespace NetTrainer.Reports;

/// <summary>
/// The comparison's summary, one row per run: best accuracy and its epoch, the last epoch's costs, the first epochs
/// at 90% and 95%, seconds and whether the run diverged. The same cells are printed and shown in the report.
/// </summary>
public sealed class SummaryTable
{
    /// <summary>The summary of <paramref name="records"/>, accuracy measured on <paramref name="evaluationSet"/>, with <paramref name="classes"/> output classes (for chance).</summary>
    public SummaryTable(IReadOnlyList<RunRecord> records, string evaluationSet, int classes)
    {
        Summaries = records.Select(RunSummary.Of).ToList();
        Header =
        [
            "run", $"best {evaluationSet} accuracy", "at epoch", "final training cost", $"final {evaluationSet} cost",
            "epochs to " + Percent(RunSummary.FirstMark), "epochs to " + Percent(RunSummary.SecondMark), "seconds", "status",
        ];
        Rows = Summaries.Select((s, r) => new[]
        {
            s.Run.Id,
            s.BestAccuracy is { } best ? Percent2(best) : None,
            Whole(s.BestEpoch),
            Cost(s.FinalTrainingCost),
            Cost(s.FinalEvaluationCost),
            Whole(s.EpochTo90),
            Whole(s.EpochTo95),
            s.Seconds.ToString("F1", CultureInfo.InvariantCulture),
            s.Diverged is { } d ? $"diverged in epoch {d.Epoch}" : RunStatus.Stuck(records[r], classes) ?? RunStatus.Ok,
        }).ToList();
    }

    /// <summary>Shown where a run has no such figure (never reached 90%, diverged before any epoch ended).</summary>
    public const string None = "-";

    /// <summary>Each run's figures, in the order of the records.</summary>
    public IReadOnlyList<RunSummary> Summaries { get; }
    /// <summary>The column headings.</summary>
    public string[] Header { get; }
    /// <summary>Each run's cells, as text.</summary>
    public IReadOnlyList<string[]> Rows { get; }

    /// <summary>The index of the run with the best accuracy (the first of equals), or -1.</summary>
    public int BestRun =>
        Summaries.Select((s, i) => (s.BestAccuracy, i)).Where(p => p.BestAccuracy is not null)
            .OrderByDescending(p => p.BestAccuracy).ThenBy(p => p.i).Select(p => p.i).DefaultIfEmpty(-1).First();

    /// <summary>
    /// The table as aligned text when it fits <paramref name="width"/> (any width when null); else one run per
    /// paragraph, "run: header value, ..." wrapped between fields, so that a narrow terminal never cuts a row.
    /// </summary>
    public string ToText(int? width)
    {
        string table = ToText();
        if (width is not { } w || table.Split('\n').Max(l => l.TrimEnd('\r').Length) <= w)
            return table;
        var text = new StringBuilder();
        foreach (string[] row in Rows)
        {
            string[] fields = Header.Skip(1).Zip(row.Skip(1), (h, cell) => $"{h} {cell}").ToArray();
            string line = row[0] + ":";
            foreach (string field in fields)
            {
                if (line.Length + 1 + field.Length + 1 > w)
                {
                    text.AppendLine(line.TrimEnd());
                    line = " "; // continued fields indent by two
                }
                line += " " + field + ",";
            }
            text.AppendLine(line.TrimEnd(',').TrimEnd());
        }
        return text.ToString();
    }

    /// <summary>The table as aligned text: text columns to the left, figures to the right.</summary>
    public string ToText()
    {
        int[] widths = Header.Select((h, c) => Rows.Select(r => r[c].Length).Append(h.Length).Max()).ToArray();
        var text = new StringBuilder();
        void Line(string[] cells) =>
            text.AppendLine(string.Join("  ", cells.Select((cell, c) =>
                c == 0 || c == cells.Length - 1 ? cell.PadRight(widths[c]) : cell.PadLeft(widths[c]))).TrimEnd());
        Line(Header);
        foreach (string[] row in Rows)
            Line(row);
        return text.ToString();
    }

    private static string Percent(double fraction) => (100 * fraction).ToString("0.##", CultureInfo.InvariantCulture) + "%";
    private static string Percent2(double fraction) => (100 * fraction).ToString("F2", CultureInfo.InvariantCulture) + "%";
    private static string Whole(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? None;
    // Four decimals, as `train` prints; a cost below 0.001 (NLL with sigmoid outputs, say) in scientific notation.
    private static string Cost(double? value) => value switch
    {
        null => None,
        { } v when v != 0 && Math.Abs(v) < 1e-3 => v.ToString("0.0e+0", CultureInfo.InvariantCulture),
        { } v => v.ToString("F4", CultureInfo.InvariantCulture),
    };
}
