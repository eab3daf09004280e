using NetTrainer.Cli.Commands;
using NetTrainer.Cli.Course;
using NetTrainer.Costs;
using NetTrainer.Data;
using NetTrainer.Diagnostics;

using static NetTrainer.Cli.Wording;
using static NetTrainer.Reports.Phrases;

namespace NetTrainer.Cli.Runs;

/// <summary>Everything `nettrainer gradcheck` was asked for: the network, the seed, the mini-batch, the threshold and h.</summary>
public sealed record GradcheckRequest(NetworkRequest Network, int Seed, int Examples, double Threshold, double Step, string? DataDir);

/// <summary>
/// One gradient check: the network, a mini-batch (random, or the first training images of a data folder), then
/// backprop against central differences for each BP1 path, a table per path, and exit 1 over the threshold.
/// </summary>
public static class GradcheckRun
{
    public static async Task<int> RunAsync(GradcheckRequest request, TextWriter output, TextWriter error, CancellationToken cancellation)
    {
        (int seed, int m, double threshold, double h) = (request.Seed, request.Examples, request.Threshold, request.Step);
        string? model = request.Network.InitFrom;
        var rng = new Random(seed);
        if (model is null)
            Limits.Require(request.Network.Sizes, "--examples", m, sizeof(double));
        Network<double> network = LoadOrCreate(request.Network, rng);
        Limits.Require(network.Sizes, "--examples", m, sizeof(double));
        var batch = MiniBatch<double>.For(network, m);
        string examples;
        if (request.DataDir is { } dataDir)
        {
            // The input layer against the images' header first, before reading (or fetching) any pixels.
            if (Mnist.FindFile(dataDir, Mnist.TrainImagesFile) is { } images
                && IdxReader.ReadImageSize(images) is { } size && size.Rows * size.Cols != network.InputSize)
                throw new UsageException(DoesNotFit(model, network, $"images of {size.Rows}x{size.Cols} = {size.Rows * size.Cols} pixels",
                    $"{size.Rows * size.Cols},...,{network.OutputSize}"));
            using Serilog.Core.Logger log = Logging.To(output);
            Dataset training = await LoadTraining(dataDir, log, output, cancellation);
            if (network.InputSize != training.InputSize || network.OutputSize != training.ClassCount)
                throw new UsageException(DoesNotFit(model, network,
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

        bool seeded = model is null || request.DataDir is null;
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
        (string name, double worstError) = worst.FirstOrDefault(w => double.IsNaN(w.Error), worst.MaxBy(w => w.Error));
        output.WriteLine();
        if (worstError <= threshold)
        {
            output.WriteLine(Invariant($"Passed: the largest relative error, {worstError:0.0e+00} in {name}, is within {Sci(threshold)}."));
            return ExitCodes.Success;
        }
        int nan = worst.Count(w => double.IsNaN(w.Error));
        output.WriteLine(Invariant($"Failed: {worst.Count(w => !(w.Error <= threshold))} of {worst.Count} parameter groups are over {Sci(threshold)}") +
                         (nan > 0 ? Invariant($" ({nan} of them NaN: a gradient that is not a number).") : "."));
        error.WriteLine(double.IsNaN(worstError)
            ? $"nettrainer: gradient check failed: {name} has relative error NaN: a gradient is not a number."
            : Invariant($"nettrainer: gradient check failed: {name} has relative error {worstError:0.0e+00}, over the threshold {Sci(threshold)}."));
        return ExitCodes.Failure;
    }

    // With --model the sizes come from the file, so --sizes is no fix there.
    private static string DoesNotFit(string? model, Network<double> network, string data, string sizes) =>
        $"The network {string.Join(",", network.Sizes)} does not fit the data ({data}); " +
        (model is not null ? $"{model} was trained for other data." : $"use --sizes {sizes}.");

    // Exit 1 means "the gradients disagree", so data that cannot be read is a usage error (2), as a bad --model is.
    private static async Task<Dataset> LoadTraining(string dataDir, Serilog.ILogger log, TextWriter output, CancellationToken cancellation)
    {
        try
        {
            return (await DataLoading.LoadAsync(dataDir, log, output, cancellation)).Training;
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException or HttpRequestException)
        {
            throw new UsageException(e.Message);
        }
    }

    // Exit 1 means "the gradients disagree", so a --model that cannot be read is a usage error (2), not a failure.
    private static Network<double> LoadOrCreate(NetworkRequest request, Random rng)
    {
        try
        {
            return NetworkFactory.Create<double>(request, rng);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            string why = e is UnauthorizedAccessException ? $"{request.InitFrom}: cannot be read (permission denied)." : e.Message;
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
