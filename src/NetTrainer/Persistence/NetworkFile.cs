// The saved-network format (documented in README.md, "Saved networks"):
// {
//   "format": "nettrainer-network", "version": 1,
//   "sizes": [784, 30, 10], "hidden": "sigmoid", "output": "sigmoid", "cost": "cross-entropy",
//   "weights": [ l ][ row ][ col ]   row = neuron in layer l+1, col = neuron in layer l
//   "biases":  [ l ][ row ]
// }
using System.Numerics;
using System.Text.Json;
using NetTrainer.Activations;
using NetTrainer.Costs;
using NetTrainer.LinearAlgebra;

namespace NetTrainer.Persistence;

/// <summary>Saves and loads networks as JSON; loading checks everything and says what is wrong.</summary>
public static class NetworkFile
{
    public const string FormatName = "nettrainer-network";
    public const int FormatVersion = 1;

    /// <summary>
    /// Writes the network to <paramref name="path"/> through a temporary file and a rename, so an earlier
    /// file at that path stays intact until the new one is complete.
    /// </summary>
    public static void Save<T>(Network<T> network, string path) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!network.IsFinite())
            throw new InvalidOperationException($"{path}: not saved: the network has weights or biases that are NaN or infinite.");
        string full = Path.GetFullPath(path);
        string temp = full + ".tmp-" + Environment.ProcessId;
        try
        {
            using (var stream = File.Create(temp))
            using (var json = new Utf8JsonWriter(stream))
                Write(network, json);
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp))
                File.Delete(temp);
        }
    }

    private static void Write<T>(Network<T> network, Utf8JsonWriter json) where T : unmanaged, IFloatingPointIeee754<T>
    {
        json.WriteStartObject();
        json.WriteString("format", FormatName);
        json.WriteNumber("version", FormatVersion);
        json.WriteStartArray("sizes");
        foreach (int n in network.Sizes)
            json.WriteNumberValue(n);
        json.WriteEndArray();
        json.WriteString("hidden", network.Hidden.Name);
        json.WriteString("output", network.Output.Name);
        json.WriteString("cost", network.Cost.Name);
        json.WriteStartArray("weights");
        foreach (Matrix<T> w in network.Weights)
        {
            json.WriteStartArray();
            for (int row = 0; row < w.Rows; row++)
                WriteNumbers(json, w.Row(row));
            json.WriteEndArray();
        }
        json.WriteEndArray();
        json.WriteStartArray("biases");
        foreach (T[] b in network.Biases)
            WriteNumbers(json, b);
        json.WriteEndArray();
        json.WriteEndObject();
    }

    // float values are written as floats (shortest round-trip text), so a float network reloads bit for bit.
    private static void WriteNumbers<T>(Utf8JsonWriter json, ReadOnlySpan<T> values) where T : unmanaged, IFloatingPointIeee754<T>
    {
        json.WriteStartArray();
        foreach (T v in values)
        {
            if (typeof(T) == typeof(float))
                json.WriteNumberValue(float.CreateChecked(v));
            else
                json.WriteNumberValue(double.CreateChecked(v));
        }
        json.WriteEndArray();
    }

    /// <summary>Reads a network saved by <see cref="Save{T}"/>.</summary>
    /// <exception cref="InvalidDataException">The file is not a NetTrainer network or its contents disagree.</exception>
    public static Network<T> Load<T>(string path) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"{path}: no such model file.", path);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllBytes(path));
        }
        catch (JsonException e)
        {
            throw Invalid(path, $"not JSON ({e.Message})");
        }
        using (document)
            return Read<T>(document.RootElement, path);
    }

    private static Network<T> Read<T>(JsonElement root, string path) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (root.ValueKind != JsonValueKind.Object
            || !root.TryGetProperty("format", out JsonElement format) || format.ValueKind != JsonValueKind.String
            || format.GetString() != FormatName)
            throw Invalid(path, $"not a NetTrainer network (expected \"format\": \"{FormatName}\")");
        JsonElement versionJson = Property(root, "version", JsonValueKind.Number, path);
        if (!versionJson.TryGetInt32(out int version) || version != FormatVersion)
            throw Invalid(path, $"format version {versionJson.GetRawText()}; this NetTrainer reads version {FormatVersion}");

        int[] sizes = Property(root, "sizes", JsonValueKind.Array, path).EnumerateArray()
            .Select(e => e.ValueKind == JsonValueKind.Number && e.TryGetInt32(out int n) && n > 0
                ? n : throw Invalid(path, "\"sizes\" must hold positive whole numbers"))
            .ToArray();
        if (sizes.Length < 2)
            throw Invalid(path, $"\"sizes\" has {sizes.Length} layers; a network needs at least 2");
        for (int l = 0; l + 1 < sizes.Length; l++)
            if ((long)sizes[l] * sizes[l + 1] > Array.MaxLength)
                throw Invalid(path, $"\"sizes\" {sizes[l]} x {sizes[l + 1]} is more weights than one layer can hold");

        IActivation hidden = Named(() => ActivationCatalog.ParseHidden(Property(root, "hidden", JsonValueKind.String, path).GetString()!), path);
        IActivation output = Named(() => ActivationCatalog.ParseOutput(Property(root, "output", JsonValueKind.String, path).GetString()!), path);
        ICost cost = Named(() => CostCatalog.Parse(Property(root, "cost", JsonValueKind.String, path).GetString()!), path);

        JsonElement weightsJson = Property(root, "weights", JsonValueKind.Array, path);
        JsonElement biasesJson = Property(root, "biases", JsonValueKind.Array, path);
        int layers = sizes.Length - 1;
        if (weightsJson.GetArrayLength() != layers || biasesJson.GetArrayLength() != layers)
            throw Invalid(path, $"{sizes.Length} sizes need {layers} weight matrices and bias vectors; found {weightsJson.GetArrayLength()} and {biasesJson.GetArrayLength()}");

        var weights = new Matrix<T>[layers];
        var biases = new T[layers][];
        for (int l = 0; l < layers; l++)
        {
            // Shapes are checked against the arrays before anything is allocated, so a file claiming huge
            // sizes fails at once instead of allocating them.
            JsonElement rows = weightsJson[l];
            if (rows.ValueKind != JsonValueKind.Array || rows.GetArrayLength() != sizes[l + 1])
                throw Invalid(path, $"weights[{l}] must have {sizes[l + 1]} rows (neurons in layer {l + 1})");
            if (rows[0].ValueKind != JsonValueKind.Array || rows[0].GetArrayLength() != sizes[l])
                throw Invalid(path, $"weights[{l}][0] must be an array of {sizes[l]} numbers (neurons in layer {l})");
            weights[l] = new Matrix<T>(sizes[l + 1], sizes[l]);
            for (int row = 0; row < sizes[l + 1]; row++)
                ReadNumbers(rows[row], weights[l].Row(row), $"weights[{l}][{row}]", path);
            biases[l] = new T[sizes[l + 1]];
            ReadNumbers(biasesJson[l], biases[l], $"biases[{l}]", path);
        }
        return new Network<T>(sizes, weights, biases, hidden, output, cost);
    }

    private static void ReadNumbers<T>(JsonElement array, Span<T> target, string where, string path)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (array.ValueKind != JsonValueKind.Array || array.GetArrayLength() != target.Length)
            throw Invalid(path, $"{where} must be an array of {target.Length} numbers");
        int i = 0;
        foreach (JsonElement e in array.EnumerateArray())
        {
            // A double beyond float's range would become ∞ in a float network: check after converting.
            if (e.ValueKind != JsonValueKind.Number || !e.TryGetDouble(out double v) || !T.IsFinite(T.CreateSaturating(v)))
                throw Invalid(path, $"{where}[{i}] is not a finite number (in {typeof(T).Name.ToLowerInvariant()} range)");
            target[i++] = T.CreateSaturating(v);
        }
    }

    private static JsonElement Property(JsonElement root, string name, JsonValueKind kind, string path) =>
        root.TryGetProperty(name, out JsonElement e) && e.ValueKind == kind
            ? e
            : throw Invalid(path, $"missing or malformed \"{name}\" (expected a {kind.ToString().ToLowerInvariant()})");

    private static TResult Named<TResult>(Func<TResult> parse, string path)
    {
        try
        {
            return parse();
        }
        catch (ArgumentException e)
        {
            throw Invalid(path, e.Message.TrimEnd('.'));
        }
    }

    private static InvalidDataException Invalid(string path, string problem) =>
        new($"{path}: {problem}. Hint: model files are written by `nettrainer train --save FILE.json`.");
}
