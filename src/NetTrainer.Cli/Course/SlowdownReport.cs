using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration.Attributes;
using NetTrainer.Reports;
using NetTrainer.Cli.Reports;
using NetTrainer.Costs;
using NetTrainer.Course;

namespace NetTrainer.Cli.Course;

/// <summary>The slowdown experiment as text: the starting gradients factor by factor, and the cost every few epochs.</summary>
public static class SlowdownReport
{
    /// <param name="tableWidth">The terminal's width, for the cost table: wider tables print one epoch per paragraph; any width when null.</param>
    public static void Write(TextWriter output, SlowdownSetup setup, IReadOnlyList<SlowdownRun> runs, int printEvery, int? tableWidth = null)
    {
        // A line longer than the terminal is wrapped between words, its continuation indented under it; a pipe or a
        // wide terminal gets the lines as they are, aligned.
        void Say(string text)
        {
            if (tableWidth is not { } width || text.Length <= width)
            {
                output.WriteLine(text);
                return;
            }
            string indent = new(' ', text.Length - text.TrimStart().Length);
            bool first = true;
            foreach (string line in Wording.Wrap(text.Trim(), Math.Max(20, width - indent.Length - 4)))
            {
                output.WriteLine((first ? indent : indent + "    ") + line);
                first = false;
            }
        }

        Say(F($"The learning slowdown (Nielsen, chapter 3): one sigmoid neuron, x = {setup.X:G6}, y = {setup.Y:G6}, eta {setup.Eta:G6}, {setup.Epochs} epochs of one gradient step each."));
        Say("Both gradients carry (a − y); only quadratic's carries σ'(z), which is tiny where the neuron saturates:");
        Say("  quadratic      C = ½(a − y)²                       ∂C/∂w = (a − y) σ'(z) x   ∂C/∂b = (a − y) σ'(z)");
        Say("  cross-entropy  C = −[y ln a + (1 − y) ln(1 − a)]   ∂C/∂w = (a − y) x         ∂C/∂b = a − y");
        foreach (NeuronStart start in setup.Starts)
        {
            SlowdownRun[] fromStart = runs.Where(r => r.Start == start).ToArray();
            NeuronState s = fromStart[0].Initial;
            output.WriteLine();
            Say(F($"Start {start.Name}: w = {s.W:G6}, b = {s.B:G6}, z = wx + b = {s.Z:G6}, a = σ(z) = {s.A:F6}, σ'(z) = a(1 − a) = {Fixed(s.SigmaPrime, 6)}"));
            foreach (SlowdownRun run in fromStart)
            {
                NeuronState i = run.Initial;
                double error = i.A - setup.Y;
                string dw = run.Cost is QuadraticCost
                    ? F($"∂C/∂w = {Fixed(error, 6)} × {Fixed(i.SigmaPrime, 6)} × {setup.X:G6} = {Fixed(i.DCdw, 6)}")
                    : F($"∂C/∂w = {Fixed(error, 6)} × {setup.X:G6} = {Fixed(i.DCdw, 6)}");
                Say(F($"  {run.Cost.Name,-14} C = {Fixed(i.Cost, 6)}   {dw,-50} ∂C/∂b = {Fixed(i.DCdb, 6)}"));
            }
            if (fromStart.FirstOrDefault(r => r.Cost is QuadraticCost) is { } q && fromStart.FirstOrDefault(r => r.Cost is CrossEntropyCost) is { } ce
                && ce.Initial.DCdw != 0)
                Say(q.Initial.DCdw == 0
                    ? "  Quadratic's gradient is 0 here: σ'(z) = a(1 − a) rounds to 0 in float64, so quadratic cost cannot move this neuron at all."
                    : F($"  Quadratic's gradient is σ'(z) = {Fixed(q.Initial.SigmaPrime, 4)} times cross-entropy's here: {Ratio(ce.Initial.DCdw / q.Initial.DCdw)} times smaller."));
        }

        output.WriteLine();
        Say("Cost by epoch (each run's own cost function):");
        output.Write(CostTable(runs, PrintedEpochs(setup.Epochs, printEvery).ToList(), tableWidth));
        Say(F($"Output a after {setup.Epochs} epochs (target {setup.Y:G6}):") +
                         string.Concat(runs.Select(r => F($" {r.Cost.Name} {r.Start.Name} {r.Final.A:F4};"))).TrimEnd(';') + ".");
    }

    /// <summary>
    /// The cost of each run at <paramref name="epochs"/>: a table, a column per run, when it fits <paramref name="width"/>;
    /// else one paragraph per epoch, "epoch 30: quadratic badly 0.123456, ..." wrapped between runs.
    /// </summary>
    public static string CostTable(IReadOnlyList<SlowdownRun> runs, IReadOnlyList<int> epochs, int? width)
    {
        var text = new System.Text.StringBuilder();
        string Header(Func<SlowdownRun, string> part) => "  " + "".PadRight(7) + string.Concat(runs.Select(r => part(r).PadLeft(16)));
        text.AppendLine(Header(r => r.Cost.Name));
        text.AppendLine(Header(r => r.Start.Name));
        foreach (int epoch in epochs)
            text.AppendLine(F($"  {epoch,5}  ") + string.Concat(runs.Select(r => F($"{r.States[epoch].Cost,16:F6}"))));
        string table = text.ToString();
        if (width is not { } w || table.Split('\n').Max(l => l.TrimEnd('\r').Length) <= w)
            return table;
        text.Clear();
        foreach (int epoch in epochs)
        {
            string line = F($"  epoch {epoch}:");
            foreach (SlowdownRun r in runs)
            {
                string field = F($"{r.Cost.Name} {r.Start.Name} {r.States[epoch].Cost:F6},");
                if (line.Length + 1 + field.Length > w)
                {
                    text.AppendLine(line);
                    line = "   "; // continued fields indent by two more
                }
                line += " " + field;
            }
            text.AppendLine(line.TrimEnd(','));
        }
        return text.ToString();
    }

    // F6 (or F4), unless the value would print as 0.000000 without being 0: then e-notation, e.g. 9.358e-14.
    private static string Fixed(double v, int decimals) =>
        v == 0 || Math.Abs(v) >= 0.5 * Math.Pow(10, -decimals)
            ? v.ToString("F" + decimals, CultureInfo.InvariantCulture)
            : v.ToString("0.###e+00", CultureInfo.InvariantCulture);

    // 6.7 or 56.6; a ratio past a million in e-notation (1.07e+13), not a row of digits.
    private static string Ratio(double ratio) =>
        ratio < 1e6 ? ratio.ToString("F1", CultureInfo.InvariantCulture) : ratio.ToString("0.##e+00", CultureInfo.InvariantCulture);

    /// <summary>0, every <paramref name="every"/>-th epoch, and the last.</summary>
    public static IEnumerable<int> PrintedEpochs(int epochs, int every) =>
        Enumerable.Range(0, epochs / every + 1).Select(i => i * every).Append(epochs).Distinct();

    /// <summary>One CSV row per run and epoch: where the neuron was and what backprop gave there.</summary>
    public static void WriteCsv(string path, IReadOnlyList<SlowdownRun> runs)
    {
        NetTrainer.Persistence.AtomicFile.Write(path, stream =>
        {
            using var csv = new CsvWriter(new StreamWriter(stream, leaveOpen: true), CultureInfo.InvariantCulture);
            csv.WriteRecords(runs.SelectMany(run => run.States.Select((s, epoch) =>
                new Row(run.Cost.Name, run.Start.Name, epoch, s.W, s.B, s.Z, s.A, s.SigmaPrime, s.Cost, s.DCdw, s.DCdb))));
        });
    }

    /// <summary>The book's picture: cost against epoch, one chart per cost function (each on its own scale), one line per start.</summary>
    public static string Chart(SlowdownSetup setup, IReadOnlyList<SlowdownRun> runs)
    {
        // A colour per start, the second dashed, so the two charts read alike.
        SeriesStyle[] styles = [new("#1f77b4", null), new("#d62728", "9 4"), new("#2ca02c", "3 3"), new("#9467bd", "12 3 2 3")];
        LineChart Panel(ICost cost) => new(
            cost.Name,
            cost is QuadraticCost ? "Quadratic cost  C = ½(a − y)²" : "Cross-entropy cost  C = −[y ln a + (1 − y) ln(1 − a)]",
            "epoch", "cost C",
            runs.Where(r => r.Cost == cost).Select(r =>
            {
                int i = setup.Starts.ToList().IndexOf(r.Start);
                return new ChartSeries($"{cost.Name}-{r.Start.Name}", F($"{r.Start.Name}: w = {r.Start.W:G4}, b = {r.Start.B:G4}"),
                    styles[i % styles.Length], r.States.Select((s, epoch) => new ChartPoint(epoch, s.Cost)).ToList());
            }).ToList())
        {
            Width = LineChart.NarrowWidth,
        };
        return SvgFigure.Render(
            F($"One sigmoid neuron learning y = {setup.Y:G4} from x = {setup.X:G4} (eta {setup.Eta:G4})"),
            SlowdownSetup.Costs.Select(Panel).ToList(),
            setup.Starts.Contains(NeuronStart.Saturated)
                ? "Quadratic cost crawls from the saturated start: its gradient carries σ'(z). Cross-entropy's does not, so it falls fast from both."
                : "Quadratic cost's gradient carries σ'(z); cross-entropy's does not.");
    }

    private sealed record Row(
        [property: Name("cost_function")] string CostFunction,
        [property: Name("start")] string Start,
        [property: Name("epoch")] int Epoch,
        [property: Name("w")] double W,
        [property: Name("b")] double B,
        [property: Name("z")] double Z,
        [property: Name("a")] double A,
        [property: Name("sigma_prime")] double SigmaPrime,
        [property: Name("cost")] double Cost,
        [property: Name("dc_dw")] double DCdw,
        [property: Name("dc_db")] double DCdb);

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
