using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using NetTrainer.Cli;
using NetTrainer.Tests.Cli;

namespace NetTrainer.Tests.Course;

/// <summary>`nettrainer slowdown` in process: the printed starting values, the cost table, the CSV and the chart.</summary>
public partial class SlowdownCommandTests : CliFixture
{
    /// <summary>`slowdown` writing its CSV and chart into the temp folder unless the test names them.</summary>
    private CliResult Slowdown(params string[] options) =>
        Run(["slowdown", .. options.Contains("--csv") ? [] : new[] { "--csv", InDir("slowdown.csv") },
            .. options.Contains("--chart") ? [] : new[] { "--chart", InDir("slowdown.svg") }, .. options]);

    private static string F6(double v) => v.ToString("F6", CultureInfo.InvariantCulture);

    private static double Sigma(double z) => 1 / (1 + Math.Exp(-z));

    /// <summary>The "Start ..." line and the two cost lines under it, as printed.</summary>
    private sealed record PrintedStart(string Name, double W, double B, string Z, string A, string SigmaPrime,
        Dictionary<string, (string Cost, string DCdw, string DCdb)> Costs);

    private static List<PrintedStart> Starts(CliResult result)
    {
        var starts = new List<PrintedStart>();
        foreach (string line in result.OutputLines)
        {
            if (StartLine().Match(line) is { Success: true } s)
                starts.Add(new PrintedStart(s.Groups["name"].Value, Number(s.Groups["w"].Value), Number(s.Groups["b"].Value),
                    s.Groups["z"].Value, s.Groups["a"].Value, s.Groups["sp"].Value, []));
            else if (CostLine().Match(line) is { Success: true } c && starts.Count > 0)
                starts[^1].Costs[c.Groups["cost"].Value] = (c.Groups["c"].Value, c.Groups["dw"].Value, c.Groups["db"].Value);
        }
        return starts;
    }

    private static double Number(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^Start (?<name>[\w ]+): w = (?<w>\S+), b = (?<b>\S+), z = wx \+ b = (?<z>\S+), a = σ\(z\) = (?<a>\S+), σ'\(z\) = a\(1 − a\) = (?<sp>\S+)$")]
    private static partial Regex StartLine();

    [GeneratedRegex(@"^  (?<cost>quadratic|cross-entropy) +C = (?<c>\S+) +∂C/∂w = .* = (?<dw>\S+) +∂C/∂b = (?<db>\S+)$")]
    private static partial Regex CostLine();

    [TestCase(new string[0], 1.0, 0.0, TestName = "Slowdown_prints_starting_values_that_match_the_closed_forms_for_the_books_neuron")]
    [TestCase(new[] { "--x", "1.5", "--y", "0.25", "--w", "-0.7", "--b", "0.3" }, 1.5, 0.25,
        TestName = "Slowdown_prints_starting_values_that_match_the_closed_forms_for_a_neuron_of_your_own")]
    public void Slowdown_prints_starting_values_that_match_the_closed_forms(string[] options, double x, double y)
    {
        CliResult result = Succeeds(Slowdown(options));

        List<PrintedStart> starts = Starts(result);
        Assert.That(starts.Select(s => s.Name), Is.EqualTo(options.Contains("--w") ? new[] { "your start" } : new[] { "unsaturated", "saturated" }));
        Assert.Multiple(() =>
        {
            foreach (PrintedStart s in starts)
            {
                double z = s.W * x + s.B, a = Sigma(z), sigmaPrime = a * (1 - a), error = a - y;
                Assert.That(s.A, Is.EqualTo(F6(a)), $"{s.Name}: a = σ(wx + b)");
                Assert.That(s.SigmaPrime, Is.EqualTo(F6(sigmaPrime)), $"{s.Name}: σ'(z)");
                Assert.That(s.Costs.Keys, Is.EquivalentTo(new[] { "quadratic", "cross-entropy" }), $"{s.Name}: one line per cost");
                Assert.That(s.Costs["quadratic"], Is.EqualTo((F6(0.5 * error * error), F6(error * sigmaPrime * x), F6(error * sigmaPrime))),
                    $"{s.Name}: quadratic C, ∂C/∂w = (a − y) σ'(z) x, ∂C/∂b = (a − y) σ'(z)");
                Assert.That(s.Costs["cross-entropy"], Is.EqualTo((F6(-(y * Math.Log(a) + (1 - y) * Math.Log(1 - a))), F6(error * x), F6(error))),
                    $"{s.Name}: cross-entropy C, ∂C/∂w = (a − y) x, ∂C/∂b = a − y");
            }
        });
    }

    [Test]
    public void Slowdown_shows_the_saturated_start_of_the_book_with_a_0_982_and_sigma_prime_0_0177()
    {
        CliResult result = Succeeds(Slowdown());

        PrintedStart saturated = Starts(result).Single(s => s.Name == "saturated");
        Assert.That((saturated.W, saturated.B, saturated.Z, saturated.A, saturated.SigmaPrime), Is.EqualTo((2.0, 2.0, "4", "0.982014", "0.017663")));
        // Quadratic's gradient is cross-entropy's times σ'(z): the factor that makes it crawl.
        Assert.That(result.OutputLines, Has.Some.EqualTo("  Quadratic's gradient is σ'(z) = 0.0177 times cross-entropy's here: 56.6 times smaller."));
    }

    [Test]
    public void Slowdown_prints_the_cost_every_few_epochs_and_the_last_row_matches_the_csv()
    {
        CliResult result = Succeeds(Slowdown("--epochs", "30", "--print-every", "10"));

        string[] rows = result.OutputLines.Where(l => Regex.IsMatch(l, @"^ +\d+ +\d")).ToArray();
        Assert.That(rows.Select(r => int.Parse(r.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0], CultureInfo.InvariantCulture)),
            Is.EqualTo(new[] { 0, 10, 20, 30 }), "epochs printed");
        string[] last = rows[^1].Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..];
        MetricsCsv csv = MetricsCsv.Read(InDir("slowdown.csv"));
        string[] fromCsv = csv.Rows.Where(r => r["epoch"] == "30").Select(r => F6(MetricsCsv.Number(r["cost"]))).ToArray();
        Assert.That(last, Is.EqualTo(fromCsv), "epoch 30's costs, run by run (quadratic then cross-entropy, unsaturated then saturated)");
    }

    [Test]
    public void Slowdown_writes_a_csv_row_per_run_and_epoch_and_an_svg_with_a_line_per_run()
    {
        CliResult result = Succeeds(Slowdown());

        MetricsCsv csv = MetricsCsv.Read(InDir("slowdown.csv"));
        Assert.That(csv.Header, Is.EqualTo(new[] { "cost_function", "start", "epoch", "w", "b", "z", "a", "sigma_prime", "cost", "dc_dw", "dc_db" }));
        Assert.That(csv.Rows, Has.Count.EqualTo(4 * 301), "4 runs x (start + 300 epochs)");
        Assert.That(csv.Rows.Select(r => (r["cost_function"], r["start"])).Distinct(), Is.EquivalentTo(new[]
        {
            ("quadratic", "unsaturated"), ("cross-entropy", "unsaturated"), ("quadratic", "saturated"), ("cross-entropy", "saturated"),
        }));

        XDocument svg = XDocument.Load(InDir("slowdown.svg"));
        XNamespace ns = "http://www.w3.org/2000/svg";
        // A standalone SVG: every element in the SVG namespace, one chart per cost, one 301-point line per run.
        Assert.That(svg.Root!.DescendantsAndSelf().Select(e => e.Name.Namespace), Has.All.EqualTo(ns));
        // A title too long for its chart is broken into lines (text elements) between words.
        string[] titles = svg.Descendants(ns + "text").Where(t => (string?)t.Attribute("class") == "title")
            .GroupBy(t => t.Parent).Select(chart => string.Join(" ", chart.Select(t => t.Value))).ToArray();
        Assert.That(titles, Is.EqualTo(new[] { "Quadratic cost  C = ½(a − y)²", "Cross-entropy cost  C = −[y ln a + (1 − y) ln(1 − a)]" }));
        var lines = svg.Descendants(ns + "path").Select(p => Regex.Matches(p.Attribute("d")!.Value, "[ML]").Count).ToList();
        Assert.That(lines, Is.EqualTo(new[] { 301, 301, 301, 301 }), "points per line");
        Assert.That(result.OutputLines[^1], Is.EqualTo($"Wrote {InDir("slowdown.csv")} (4 runs x 301 epochs) and the chart {InDir("slowdown.svg")}."));
    }

    [Test]
    public void Slowdown_with_w_but_no_b_is_a_usage_error() =>
        AssertFails(Slowdown("--w", "1"), ExitCodes.Usage, "--w and --b go together: give both to start from your own (w, b).");

    [Test]
    public void Slowdown_with_a_target_outside_the_sigmoids_range_is_a_usage_error() =>
        AssertFails(Slowdown("--y", "1.5"), ExitCodes.Usage, "--y must be between 0 and 1; got 1.5.");

    [Test]
    public void Slowdown_with_a_chart_in_a_missing_folder_is_a_usage_error() =>
        AssertFails(Slowdown("--chart", InDir("no/such/chart.svg")), ExitCodes.Usage, Does.StartWith("nettrainer: --chart ").And.Contain("does not exist"));

    [TestCase("--csv")]
    [TestCase("--chart")]
    public void Slowdown_with_an_empty_output_path_exits_2_naming_the_option(string option) =>
        AssertFails(Slowdown(option, ""), ExitCodes.Usage, $"{option}: the path is empty; give a file name.");

    [Test]
    public void Slowdown_with_the_csv_and_the_chart_in_one_file_exits_2_naming_both()
    {
        string path = InDir("slowdown.out");

        AssertFails(Slowdown("--csv", path, "--chart", path), ExitCodes.Usage, $"--csv and --chart both name {path}; give each its own file.");
        Assert.That(File.Exists(path), Is.False, "a file written");
    }

    [TestCase("2147483647", TestName = "Slowdown_with_int_max_epochs_exits_2_instead_of_overflowing")]
    [TestCase("100000000", TestName = "Slowdown_with_a_hundred_million_epochs_exits_2_instead_of_allocating_gigabytes")]
    public void Slowdown_with_too_many_epochs_exits_2_naming_the_limit(string epochs) =>
        AssertFails(Slowdown("--epochs", epochs), ExitCodes.Usage, $"--epochs must be between 1 and 100,000; got {epochs}.");

    [Test]
    public void Slowdown_from_a_start_so_saturated_that_sigma_prime_is_zero_says_so_instead_of_infinity_times_smaller()
    {
        CliResult result = Succeeds(Slowdown("--w", "40", "--b", "40"));

        Assert.That(result.Output, Does.Not.Contain("Infinity"));
        Assert.That(result.OutputLines, Has.Some.EqualTo(
            "  Quadratic's gradient is 0 here: σ'(z) = a(1 − a) rounds to 0 in float64, so quadratic cost cannot move this neuron at all."));
    }

    [Test]
    public void Slowdown_prints_a_tiny_sigma_prime_in_e_notation_not_as_zero()
    {
        CliResult result = Succeeds(Slowdown("--w", "15", "--b", "15"));

        PrintedStart start = Starts(result).Single();
        Assert.That(start.SigmaPrime, Does.Match(@"^\d\.\d+e-14$"));
        Assert.That(result.OutputLines, Has.Some.Match(@"^  Quadratic's gradient is σ'\(z\) = \d\.\d+e-14 times cross-entropy's here: \d\.\d+e\+13 times smaller\.$"));
    }
}
