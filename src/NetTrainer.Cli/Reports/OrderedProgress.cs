// Glossary
//   head     the first run that has not finished: its lines are printed as they come
//   held     lines of later runs (training side by side with the head), printed when the runs before them finish
using System.Globalization;
using NetTrainer.Reports;
using NetTrainer.Comparison;
using NetTrainer.Training;
using Serilog;

using static NetTrainer.Cli.Wording;
using static NetTrainer.Reports.Phrases;

namespace NetTrainer.Cli.Reports;

/// <summary>
/// Prints a comparison's progress, one line per run per epoch, in a fixed order: run 1's epochs, then run 2's,
/// and so on, whatever order the cores finish them in. The head run's lines appear live; a run training beside it
/// has its lines held and printed when the runs before it have finished.
/// </summary>
public sealed class OrderedProgress(ILogger log, IReadOnlyList<RunSpec> runs, int epochs, string evaluationSet) : IComparisonObserver
{
    private readonly Lock gate = new();
    private readonly List<string>[] held = runs.Select(_ => new List<string>()).ToArray();
    private readonly bool[] finished = new bool[runs.Count];
    private readonly long started = System.Diagnostics.Stopwatch.GetTimestamp();
    private int head, done;

    /// <summary>The live line on a terminal (see <see cref="Status"/>); plain lines are written through it so that they never mix.</summary>
    public Sinks.LiveTicker? Ticker { get; set; }

    /// <summary>The live line's text: "2/6 runs done, 14 s so far, about 28 s left" (the ticker's own clock is not needed: the comparison's is used).</summary>
    public string Status(TimeSpan _)
    {
        lock (gate)
        {
            double elapsed = Elapsed;
            return Invariant($"{done}/{runs.Count} runs done, {Sinks.LiveProgress.Duration(elapsed)} so far") +
                   (done == 0 ? "" : ", " + TimeLeft(elapsed));
        }
    }

    private void Say(string line)
    {
        if (Ticker is { } ticker)
            ticker.Write(() => log.Information("{Line}", line));
        else
            log.Information("{Line}", line);
    }

    public IEpochSink Starting(int index, RunSpec run) => new RunLines(this, index);

    public void Finished(int index, RunRecord record)
    {
        RunSummary summary = RunSummary.Of(record);
        string end = record.Diverged is { } d
            ? Wording.Diverged(d.Epoch, d.What, d.LikelyCause)
            : Invariant($"done: best {Percent(summary.BestAccuracy)} at epoch {summary.BestEpoch}, {record.Seconds:F1} s.");
        lock (gate)
        {
            done++;
            Emit(index, $"{Label(index)} {end}");
            finished[index] = true;
            // Said when the head advances, so that the count only grows down the page.
            if (finished[head])
                Say(Overall());
            while (head < runs.Count && finished[head])
            {
                head++;
                if (head < runs.Count)
                {
                    foreach (string line in held[head])
                        Say(line);
                    held[head].Clear();
                }
            }
        }
    }

    /// <summary>
    /// "2/6 runs done, about 1 min 05 s left": the mean time per run so far times the runs left (runs of one
    /// comparison differ only in cost, output and η, so they take about as long as each other).
    /// </summary>
    private string Overall()
    {
        double elapsed = Elapsed;
        return Invariant($"{done}/{runs.Count} runs done, {(done == runs.Count ? Sinks.LiveProgress.Duration(elapsed) + " in all" : TimeLeft(elapsed))}.");
    }

    private double Elapsed => System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds;

    // The mean time per finished run so far times the runs left.
    private string TimeLeft(double elapsed) => "about " + Sinks.LiveProgress.Duration(elapsed / done * (runs.Count - done)) + " left";

    /// <summary>"[2/6 quadratic:softmax@3]".</summary>
    private string Label(int index) => $"[{index + 1}/{runs.Count} {runs[index].Id}]";

    private void Emit(int index, string line)
    {
        lock (gate)
        {
            if (index == head)
                Say(line);
            else
                held[index].Add(line);
        }
    }

    /// <summary>Said once before the first line, so the compact lines (80 columns for the six default runs) need no labels.</summary>
    public string Legend => $"Each epoch: cost (training/{evaluationSet}), {evaluationSet} accuracy, seconds.";

    // "[3/6 cross-entropy:softmax@0.5] 10/10  cost 0.1317/0.1449  84.84%  0.7 s"
    private string EpochLine(int index, EpochReport r)
    {
        string epoch = r.Epoch.ToString(CultureInfo.InvariantCulture).PadLeft(epochs.ToString(CultureInfo.InvariantCulture).Length);
        string cost = Invariant($"cost {Cost(r.Training)}/{Cost(r.Evaluation)}");
        string accuracy = r.Evaluation is { } e ? Percent(e.Accuracy) : "-";
        return Invariant($"{Label(index)} {epoch}/{epochs}  {cost}  {accuracy}  {r.Seconds:F1} s");

        static string Cost(EvaluationResult? result) => result is null ? "-" : Invariant($"{result.Cost:F4}");
    }

    private static string Percent(double? fraction) => fraction is { } f ? Invariant($"{100 * f:F2}%") : SummaryTable.None;


    private sealed class RunLines(OrderedProgress progress, int index) : IEpochSink
    {
        public void Report(EpochReport report) => progress.Emit(index, progress.EpochLine(index, report));
    }
}
