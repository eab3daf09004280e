using System.CommandLine;
using NetTrainer.Cli.Course;
using NetTrainer.Costs;
using NetTrainer.Data;
using NetTrainer.Diagnostics;

using static NetTrainer.Cli.Wording;

namespace NetTrainer.Cli.Commands;

/// <summary>`nettrainer gradcheck`: backprop's gradients against central finite differences, layer by layer.</summary>
public static class GradcheckCommand
{
    public const string DefaultSizes = "5,4,3";

    /// <summary>‖g − ĝ‖/‖g + ĝ‖ allowed: central differences with h = 1e-5 agree with a correct backprop to about 1e-9 in double.</summary>
    public const double DefaultThreshold = 1e-7;

    private static readonly NetworkOptions Network = new(DefaultSizes);
    private static readonly Option<int> ExamplesOption = Options.Positive("--examples", "Examples in the checked mini-batch (the cost is summed over them).", 3);
    private static readonly Option<double> ThresholdOption = Options.Number("--threshold",
        "Largest relative error ‖g − ĝ‖/‖g + ĝ‖ that passes; over it the command exits 1.", DefaultThreshold, v => v > 0 && double.IsFinite(v), "positive");
    private static readonly Option<double> StepOption = Options.Number("--step",
        "Finite-difference step h: ĝ = (C(θ + h) − C(θ − h)) / 2h.", GradientCheck.DefaultStep, v => v > 0 && double.IsFinite(v), "positive");
    private static readonly Option<string?> DataDirOption = new("--data-dir")
    {
        Description = "Check on the first training images of this IDX folder instead of random examples.",
    };

    public static Command Create()
    {
        var command = new Command("gradcheck",
            "Compare backprop's gradients with central finite differences in float64 for every weight and bias; exit 1 when they disagree.")
        {
            ExamplesOption, ThresholdOption, StepOption, DataDirOption,
        };
        foreach (Option option in Network.All)
            command.Options.Add(option);
        command.SetAction((parse, cancellation) => Guarded.RunAsync(parse, (output, ct) => RunAsync(parse, output, ct), cancellation));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, TextWriter output, CancellationToken cancellation)
    {
        int seed = Network.SeedValue(parse), m = parse.GetValue(ExamplesOption);
        double threshold = parse.GetValue(ThresholdOption), h = parse.GetValue(StepOption);
        var rng = new Random(seed);
        Network<double> network = LoadOrCreate(parse, rng);
        var batch = MiniBatch<double>.For(network, m);
        string examples;
        if (parse.GetValue(DataDirOption) is { } dataDir)
        {
            // The input layer against the images' header first, before reading (or fetching) any pixels.
            if (Mnist.FindFile(dataDir, Mnist.TrainImagesFile) is { } images
                && IdxReader.ReadImageSize(images) is { } size && size.Rows * size.Cols != network.InputSize)
                throw new UsageException(DoesNotFit(parse, network, $"images of {size.Rows}x{size.Cols} = {size.Rows * size.Cols} pixels",
                    $"{size.Rows * size.Cols},...,{network.OutputSize}"));
            using Serilog.Core.Logger log = Logging.To(output);
            Dataset training = await LoadTraining(dataDir, log, cancellation);
            if (network.InputSize != training.InputSize || network.OutputSize != training.ClassCount)
                throw new UsageException(DoesNotFit(parse, network,
                    $"images of {training.InputSize} pixels in {training.ClassCount} classes", $"{training.InputSize},...,{training.ClassCount}"));
            if (m > training.Count)
                throw new UsageException($"--examples must be at most {training.Count}, the training images; got {m}.");
            Batches.GatherRange(training, 0, batch);
            examples = $"the first {m} training images of {dataDir}";
        }
        else
        {
            RandomExamples(batch, rng);
            examples = $"{m} random examples (inputs uniform in [0, 1], one-hot targets)";
        }

        bool seeded = parse.GetValue(Network.Model) is null || parse.GetValue(DataDirOption) is null;
        output.WriteLine($"Gradient check of {NetworkOptions.Describe(network)}{(seeded ? $", seed {seed}" : "")}, on {examples}.");
        output.WriteLine(Invariant($"Backprop's gradient g of C summed over the examples against central differences ĝ = (C(θ + h) − C(θ − h)) / 2h, h = {Sci(h)}, in float64;"));
        output.WriteLine(Invariant($"relative error ‖g − ĝ‖ / ‖g + ĝ‖ over each layer's weights and biases, threshold {Sci(threshold)}."));

        bool canonical = CanonicalOutputDelta.Applies(network.Cost, network.Output);
        var worst = new List<(string Name, double Error)>();
        foreach (bool fused in canonical ? new[] { true, false } : [false])
        {
            output.WriteLine();
            output.WriteLine(fused ? "BP1 fused, δ^L = a − y (the canonical pairing; what training uses):"
                : "BP1 general, δ^L = Jᵀ ∇_a C:");
            IReadOnlyList<LayerGradientCheck> checks = GradientCheck.Run(network, batch, fused, h);
            worst.AddRange(WriteTable(output, network, checks, fused ? "fused BP1" : "general BP1"));
        }

        // A NaN error fails (it compares false with everything) and is reported first: MaxBy alone would rank it lowest.
        (string name, double error) = worst.FirstOrDefault(w => double.IsNaN(w.Error), worst.MaxBy(w => w.Error));
        output.WriteLine();
        if (error <= threshold)
        {
            output.WriteLine(Invariant($"Passed: the largest relative error, {error:0.0e+00} in {name}, is within {Sci(threshold)}."));
            return ExitCodes.Success;
        }
        int nan = worst.Count(w => double.IsNaN(w.Error));
        output.WriteLine(Invariant($"Failed: {worst.Count(w => !(w.Error <= threshold))} of {worst.Count} parameter groups are over {Sci(threshold)}") +
                         (nan > 0 ? Invariant($" ({nan} of them NaN: a gradient that is not a number).") : "."));
        parse.InvocationConfiguration.Error.WriteLine(double.IsNaN(error)
            ? $"nettrainer: gradient check failed: {name} has relative error NaN: a gradient is not a number."
            : Invariant($"nettrainer: gradient check failed: {name} has relative error {error:0.0e+00}, over the threshold {Sci(threshold)}."));
        return ExitCodes.Failure;
    }

    // With --model the sizes come from the file, so --sizes is no fix there.
    private static string DoesNotFit(ParseResult parse, Network<double> network, string data, string sizes) =>
        $"The network {string.Join(",", network.Sizes)} does not fit the data ({data}); " +
        (parse.GetValue(Network.Model) is { } model ? $"{model} was trained for other data." : $"use --sizes {sizes}.");

    // Exit 1 means "the gradients disagree", so data that cannot be read is a usage error (2), as a bad --model is.
    private static async Task<Dataset> LoadTraining(string dataDir, Serilog.ILogger log, CancellationToken cancellation)
    {
        try
        {
            return (await DataLoading.LoadAsync(dataDir, log, cancellation)).Training;
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException or HttpRequestException)
        {
            throw new UsageException(e.Message);
        }
    }

    // Exit 1 means "the gradients disagree", so a --model that cannot be read is a usage error (2), not a failure.
    private static Network<double> LoadOrCreate(ParseResult parse, Random rng)
    {
        try
        {
            return Network.Create(parse, rng);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            string why = e is UnauthorizedAccessException ? $"{parse.GetValue(Network.Model)}: cannot be read (permission denied)." : e.Message;
            throw new UsageException($"--model {why}");
        }
    }

    private static List<(string Name, double Error)> WriteTable(TextWriter output, Network<double> network,
        IReadOnlyList<LayerGradientCheck> checks, string path)
    {
        var groups = new List<(string, double)>();
        var rows = new List<string[]>();
        foreach (LayerGradientCheck c in checks)
        {
            int l = c.Layer + 1;
            string bp = l == network.LayerCount ? "BP1" : "BP2";
            rows.Add(Row($"w^{l} ({network.Sizes[l]}x{network.Sizes[l - 1]})", $"{bp} + BP4", c.WeightError,
                $"w^{l}_{c.WorstWeight.Row},{c.WorstWeight.Col}", c.WorstWeight));
            rows.Add(Row($"b^{l} ({network.Sizes[l]})", $"{bp} + BP3", c.BiasError, $"b^{l}_{c.WorstBias.Row}", c.WorstBias));
            groups.Add(($"w^{l} ({path})", c.WeightError));
            groups.Add(($"b^{l} ({path})", c.BiasError));
        }
        // Columns as wide as their longest cell: text left-aligned, the two gradient values right-aligned.
        string[] header = ["parameters", "equations", "rel. error", "worst entry", "backprop", "finite difference"];
        int[] widths = header.Select((h, i) => rows.Select(r => r[i].Length).Append(h.Length).Max()).ToArray();
        foreach (string[] row in rows.Prepend(header))
            output.WriteLine("  " + string.Join("  ", row.Select((cell, i) => i < 4 ? cell.PadRight(widths[i]) : cell.PadLeft(widths[i]))));
        return groups;

        static string[] Row(string parameters, string equations, double error, string entry, WorstEntry worst) =>
            [parameters, equations, Invariant($"{error:0.0e+00}"), entry, Invariant($"{worst.Backprop:G10}"), Invariant($"{worst.FiniteDifference:G10}")];
    }

    private static void RandomExamples(MiniBatch<double> batch, Random rng)
    {
        for (int j = 0; j < batch.Size; j++)
        {
            foreach (ref double v in batch.X.Row(j))
                v = rng.NextDouble();
            batch.Y.Row(j).Clear();
            batch.Labels[j] = rng.Next(batch.Y.Cols);
            batch.Y[j, batch.Labels[j]] = 1.0;
        }
    }

    private static string Sci(double v) => v.ToString("0.##e+00", System.Globalization.CultureInfo.InvariantCulture);

}
