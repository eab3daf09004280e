// Glossary
//   browser    headless Chromium (Debian packages chromium and chromium-driver), driven by Selenium's ChromeDriver
//   widths     1400 px (a desktop window) and 390 px (a phone held upright)
//   artefacts  full-page screenshots in artifacts/browser/, one per report and width, for a person to look at
using System.Collections.ObjectModel;
using System.Drawing;
using NetTrainer.Tests.Cli;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;

namespace NetTrainer.Tests.Browser;

/// <summary>
/// The reports as a browser shows them: no console errors, no SVG text outside its chart, no table (or anything
/// else) wider than the page unless it scrolls on its own. Skipped, with the reason, when no browser is installed.
/// </summary>
[NonParallelizable]
public class ReportRenderingTests : CliFixture
{
    public const string ChromiumPath = "/usr/bin/chromium", DriverPath = "/usr/bin/chromedriver";

    /// <summary>The tallest screenshot taken: enough for every report on the tiny data, bounded for a runaway page.</summary>
    private const int MaxScreenshotHeight = 12000;

    public static IEnumerable<TestCaseData> Cases()
    {
        foreach (string report in new[] { "train", "evaluate", "compare" })
            foreach (int width in new[] { 1400, 390 })
                yield return new TestCaseData(report, width).SetName($"The_{report}_report_renders_cleanly_at_{width}_px");
    }

    [TestCaseSource(nameof(Cases))]
    public void Report_renders_cleanly(string report, int width)
    {
        if (!File.Exists(ChromiumPath) || !File.Exists(DriverPath))
            Assert.Ignore($"No browser: {ChromiumPath} or {DriverPath} is missing (apt-get install -y chromium chromium-driver; .ci/run installs them).");
        string page = Write(report);
        using ChromeDriver driver = Start(width);
        driver.Navigate().GoToUrl(new Uri(page).AbsoluteUri);

        var severe = driver.Manage().Logs.GetLog(LogType.Browser).Where(e => e.Level >= LogLevel.Severe).Select(e => e.Message).ToList();
        var textOutside = Strings(driver.ExecuteScript(TextOutsideItsSvg));
        var wideTables = Strings(driver.ExecuteScript(TablesWiderThanThePage));
        var pageOverflow = Strings(driver.ExecuteScript(PageScrollsSideways));
        Screenshot(driver, report, width);
        Assert.Multiple(() =>
        {
            Assert.That(severe, Is.Empty, "console errors");
            Assert.That(textOutside, Is.Empty, "SVG text outside its chart");
            Assert.That(wideTables, Is.Empty, "tables wider than the page without their own scroll");
            Assert.That(pageOverflow, Is.Empty, "the page itself scrolls sideways because of");
        });
    }

    // Writes the report on the tiny data; the evaluation's model is trained first.
    private string Write(string report)
    {
        string path = InDir($"{report}.html");
        switch (report)
        {
            case "train":
                Succeeds(Train("--report", path, "--epochs", "4", "--snapshot-epochs", "0,2"));
                break;
            case "evaluate":
                string model = InDir("net.json");
                Succeeds(Train("--save", model, "--epochs", "3"));
                Succeeds(Evaluate("--model", model, "--report", path, "--all-mistakes"));
                break;
            default:
                Succeeds(Run("compare", "--sizes", Sizes, "--epochs", "3", "--seed", "7", "--csv", InDir("compare.csv"), "--report", path,
                    "--data-dir", Data));
                break;
        }
        return path;
    }

    private static ChromeDriver Start(int width)
    {
        ChromeDriverService service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(DriverPath)!, Path.GetFileName(DriverPath));
        service.SuppressInitialDiagnosticInformation = true;
        service.HideCommandPromptWindow = true;
        var options = new ChromeOptions { BinaryLocation = ChromiumPath };
        options.AddArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage", $"--window-size={width},1000");
        options.SetLoggingPreference(LogType.Browser, LogLevel.All);
        var driver = new ChromeDriver(service, options, TimeSpan.FromSeconds(60));
        driver.Manage().Window.Size = new Size(width, 1000);
        return driver;
    }

    private static void Screenshot(ChromeDriver driver, string report, int width)
    {
        long height = Convert.ToInt64(driver.ExecuteScript("return Math.ceil(document.documentElement.scrollHeight);"), System.Globalization.CultureInfo.InvariantCulture);
        driver.Manage().Window.Size = new Size(width, (int)Math.Min(height + 100, MaxScreenshotHeight));
        string folder = Path.Combine(RepositoryRoot(), "artifacts", "browser");
        Directory.CreateDirectory(folder);
        string file = Path.Combine(folder, $"{report}-{width}.png");
        driver.GetScreenshot().SaveAsFile(file);
        TestContext.AddTestAttachment(file, $"{report} report at {width} px");
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "NetTrainer.sln")))
                return dir.FullName;
        return TestContext.CurrentContext.WorkDirectory;
    }

    private static List<string> Strings(object? result) =>
        result is ReadOnlyCollection<object> list ? list.Select(o => o?.ToString() ?? "").ToList() : [];

    // Each <text>'s box against its <svg>'s, as drawn (after the viewBox scaling), with a pixel's tolerance.
    private const string TextOutsideItsSvg = """
        const out = [];
        for (const svg of document.querySelectorAll('svg')) {
          const r = svg.getBoundingClientRect();
          for (const t of svg.querySelectorAll('text')) {
            const b = t.getBoundingClientRect();
            if (b.width === 0 && b.height === 0) continue;
            if (b.left < r.left - 1 || b.right > r.right + 1 || b.top < r.top - 1 || b.bottom > r.bottom + 1)
              out.push((svg.id || 'svg') + ': "' + t.textContent + '" spans x ' + Math.round(b.left) + '..' + Math.round(b.right) +
                       ' of ' + Math.round(r.left) + '..' + Math.round(r.right));
          }
        }
        return out;
        """;

    // A table reaching past the page's right edge must sit in a box that scrolls sideways and itself fits the page.
    private const string TablesWiderThanThePage = """
        const width = document.documentElement.clientWidth, out = [];
        for (const t of document.querySelectorAll('table')) {
          if (t.getBoundingClientRect().right <= width + 1) continue;
          let e = t.parentElement, scrolls = false;
          while (e && e !== document.body) {
            const s = getComputedStyle(e);
            if ((s.overflowX === 'auto' || s.overflowX === 'scroll') && e.getBoundingClientRect().right <= width + 1) { scrolls = true; break; }
            e = e.parentElement;
          }
          if (!scrolls) out.push('table.' + (t.className || '(no class)') + ' reaches ' + Math.round(t.getBoundingClientRect().right) + ' px of ' + width);
        }
        return out;
        """;

    // The page itself must not scroll sideways: name the outermost elements past its right edge.
    private const string PageScrollsSideways = """
        const width = document.documentElement.clientWidth, out = [];
        if (document.documentElement.scrollWidth <= width + 1) return out;
        for (const e of document.body.querySelectorAll('*')) {
          if (e.getBoundingClientRect().right <= width + 1) continue;
          let inside = false;
          for (let p = e.parentElement; p && p !== document.body; p = p.parentElement) {
            const s = getComputedStyle(p);
            if (s.overflowX === 'auto' || s.overflowX === 'scroll' || p.getBoundingClientRect().right > width + 1) { inside = true; break; }
          }
          if (!inside) out.push(e.tagName.toLowerCase() + (e.className && e.className.baseVal === undefined ? '.' + e.className : '') +
                                ' reaches ' + Math.round(e.getBoundingClientRect().right) + ' px of ' + width);
        }
        return out;
        """;
}
