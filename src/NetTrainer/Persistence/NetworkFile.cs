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
    /// <summary>The "format" field that marks a saved network.</summary>
    public const string FormatName = "nettrainer-network";
    /// <summary>The "version" field this code writes and reads.</summary>
    public const int FormatVersion = 1;

    /// <summary>
    /// Writes the network to <paramref name="path"/> atomically (<see cref="AtomicFile"/>): an earlier file at that
    /// path stays intact until the new one is complete.
    /// </summary>
    public static void Save<T>(Network<T> network, string path) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!network.IsFinite())
            throw new InvalidOperationException($"{path}: not saved: the network has weights or biases that are NaN or infinite.");
        AtomicFile.Write(path, stream =>
        {
            using var json = new Utf8JsonWriter(stream);
            Write(network, json);
        });
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

    /// <summary>
    /// Reads a network saved by <see cref="Save{T}"/>, token by token: the format and version first, then the sizes
    /// (checked against the file's length and <see cref="NetworkSize.MaxBytes"/>), then arrays of exactly the declared
    /// lengths. Memory stays within a small multiple of the declared network, whatever the file holds.
    /// </summary>
    /// <exception cref="InvalidDataException">The file is not a NetTrainer network or its contents disagree.</exception>
    public static Network<T> Load<T>(string path) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"{path}: no such model file.", path);
        using FileStream file = File.OpenRead(path);
        try
        {
            return new ModelReader<T>(new JsonTokens(file), path, file.Length).Read();
        }
        catch (JsonException e)
        {
            throw Invalid(path, $"not JSON ({e.Message.ReplaceLineEndings(" ").TrimEnd('.')})");
        }
    }

    /// <summary>The smallest text of one number and its separator ("0,"): a file of B bytes holds at most B/2 numbers.</summary>
    private const int MinBytesPerNumber = 2;

    private sealed class ModelReader<T>(JsonTokens json, string path, long fileBytes) where T : unmanaged, IFloatingPointIeee754<T>
    {
        private bool formatSeen;
        private double? version;
        private int[]? sizes;
        private string? hidden, output, cost;
        private Matrix<T>[]? weights;
        private T[][]? biases;
        private int weightCount = -1, biasCount = -1;

        public Network<T> Read()
        {
            json.Next();
            if (json.Type != JsonTokenType.StartObject)
                throw NotOurs();
            while (true)
            {
                json.Next();
                if (json.Type == JsonTokenType.EndObject)
                    break;
                string name = json.Text!;
                json.Next();
                switch (name)
                {
                    case "format":
                        if (json.Type != JsonTokenType.String || json.Text != FormatName)
                            throw NotOurs();
                        formatSeen = true;
                        break;
                    case "version":
                        // Judged once the format is known: a version in a file that is not ours means nothing.
                        version = json.Type == JsonTokenType.Number ? json.Number ?? double.NaN : null;
                        json.SkipValue();
                        break;
                    case "sizes":
                        RequireHeader();
                        sizes = ReadSizes();
                        break;
                    case "hidden":
                        hidden = ReadName("hidden");
                        break;
                    case "output":
                        output = ReadName("output");
                        break;
                    case "cost":
                        cost = ReadName("cost");
                        break;
                    case "weights":
                        weights = ReadLayers("weights", (l, s) => new Matrix<T>(s[l + 1], s[l]), ReadMatrix, out weightCount);
                        break;
                    case "biases":
                        biases = ReadLayers("biases", (l, s) => new T[s[l + 1]], ReadBiases, out biasCount);
                        break;
                    default:
                        json.SkipValue();
                        break;
                }
            }
            if (json.Read())
                throw new JsonException("text after the network's closing brace");
            RequireHeader();
            int[] s = sizes ?? throw Missing("sizes", "array");
            IActivation hiddenActivation = Named(() => ActivationCatalog.ParseHidden(hidden ?? throw Missing("hidden", "string")), path);
            IActivation outputActivation = Named(() => ActivationCatalog.ParseOutput(output ?? throw Missing("output", "string")), path);
            ICost costFunction = Named(() => CostCatalog.Parse(cost ?? throw Missing("cost", "string")), path);
            if (weights is null)
                throw Missing("weights", "array");
            if (biases is null)
                throw Missing("biases", "array");
            int layers = s.Length - 1;
            if (weightCount != layers || biasCount != layers)
                throw Invalid(path, $"{s.Length} sizes need {layers} weight matrices and bias vectors; found {weightCount} and {biasCount}");
            return new Network<T>(s, weights, biases, hiddenActivation, outputActivation, costFunction);
        }

        // Format and version come first: nothing of a file that is not ours is read further.
        private void RequireHeader()
        {
            if (!formatSeen)
                throw NotOurs();
            if (version is not { } v)
                throw Missing("version", "number");
            if (v != FormatVersion)
                throw Invalid(path, $"format version {(double.IsNaN(v) ? "beyond range" : v.ToString(System.Globalization.CultureInfo.InvariantCulture))}; this NetTrainer reads version {FormatVersion}");
        }

        private int[] ReadSizes()
        {
            if (json.Type != JsonTokenType.StartArray)
                throw Missing("sizes", "array");
            var list = new List<int>();
            for (json.Next(); json.Type != JsonTokenType.EndArray; json.Next())
            {
                if (json.Whole is not > 0)
                    throw Invalid(path, "\"sizes\" must hold positive whole numbers");
                list.Add(json.Whole.Value);
                if ((long)list.Count * MinBytesPerNumber > fileBytes)
                    throw Invalid(path, $"\"sizes\" lists more layers than the file's {fileBytes} bytes can describe");
            }
            int[] s = list.ToArray();
            if (s.Length < 2)
                throw Invalid(path, $"\"sizes\" has {s.Length} layers; a network needs at least 2");
            for (int l = 0; l + 1 < s.Length; l++)
                if ((long)s[l] * s[l + 1] > Array.MaxLength)
                    throw Invalid(path, $"\"sizes\" {s[l]} x {s[l + 1]} is more weights than one layer can hold");
            // Checked before anything is allocated: the declared numbers must fit the file and the documented limit.
            long parameters = NetworkSize.Parameters(s);
            if (parameters * MinBytesPerNumber > fileBytes)
                throw Invalid(path, $"\"sizes\" {string.Join(",", s)} declare {parameters} weights and biases, more than the file's {fileBytes} bytes can hold");
            if (NetworkSize.TrainingBytes(s, 1, System.Runtime.CompilerServices.Unsafe.SizeOf<T>()) > NetworkSize.MaxBytes)
                throw Invalid(path, $"\"sizes\" {string.Join(",", s)} declare a network over the limit of {NetworkSize.MaxBytes >> 30} GiB");
            return s;
        }

        private string ReadName(string field)
        {
            if (json.Type != JsonTokenType.String)
                throw Missing(field, "string");
            return json.Text!;
        }

        // A list of per-layer arrays; entries beyond the declared layers are skipped and counted for the message.
        private TLayer[] ReadLayers<TLayer>(string field, Func<int, int[], TLayer> allocate, Action<TLayer, int> read, out int count)
        {
            if (json.Type != JsonTokenType.StartArray)
                throw Missing(field, "array");
            if (sizes is null)
            {
                // Read (and so checked as JSON) but unusable: the shapes are unknown until "sizes".
                json.SkipValue();
                RequireHeader();
                throw Invalid(path, $"\"{field}\" comes before \"sizes\"; write \"sizes\" first");
            }
            int layers = sizes.Length - 1;
            var result = new List<TLayer>(layers);
            count = 0;
            for (json.Next(); json.Type != JsonTokenType.EndArray; json.Next(), count++)
            {
                if (count >= layers)
                {
                    json.SkipValue();
                    continue;
                }
                TLayer layer = allocate(count, sizes);
                read(layer, count);
                result.Add(layer);
            }
            return result.ToArray();
        }

        // A wrong row length is reported after the rows are counted, so a transposed matrix is named by its row count.
        private void ReadMatrix(Matrix<T> w, int l)
        {
            if (json.Type != JsonTokenType.StartArray)
                throw Invalid(path, $"weights[{l}] must have {w.Rows} rows (neurons in layer {l + 1})");
            int rows = 0;
            InvalidDataException? badRow = null;
            for (json.Next(); json.Type != JsonTokenType.EndArray; json.Next(), rows++)
            {
                if (rows < w.Rows && badRow is null)
                    badRow = TryReadNumbers(w.Row(rows), $"weights[{l}][{rows}]");
                else
                    json.SkipValue();
            }
            if (rows != w.Rows)
                throw Invalid(path, $"weights[{l}] must have {w.Rows} rows (neurons in layer {l + 1})");
            if (badRow is not null)
                throw badRow;
        }

        private void ReadBiases(T[] b, int l)
        {
            if (TryReadNumbers(b, $"biases[{l}]") is { } problem)
                throw problem;
        }

        /// <summary>
        /// Reads the value at the current token to its end, filling <paramref name="target"/>; the first problem, or
        /// null when it is an array of exactly target.Length finite numbers.
        /// </summary>
        private InvalidDataException? TryReadNumbers(Span<T> target, string where)
        {
            int length = target.Length;
            InvalidDataException Shape() => Invalid(path, $"{where} must be an array of {length} numbers");
            if (json.Type != JsonTokenType.StartArray)
            {
                json.SkipValue();
                return Shape();
            }
            int i = 0;
            InvalidDataException? problem = null;
            for (json.Next(); json.Type != JsonTokenType.EndArray; json.Next(), i++)
            {
                if (problem is null && i >= target.Length)
                    problem = Shape();
                // A double beyond float's range would become ∞ in a float network: check after converting.
                else if (problem is null && (json.Number is not { } v || !T.IsFinite(T.CreateSaturating(v))))
                    problem = Invalid(path, $"{where}[{i}] is not a finite number (in {typeof(T).Name.ToLowerInvariant()} range)");
                else if (problem is null)
                    target[i] = T.CreateSaturating(json.Number!.Value);
                json.SkipValue();
            }
            return problem ?? (i != target.Length ? Shape() : null);
        }

        private InvalidDataException NotOurs() => Invalid(path, $"not a NetTrainer network (expected \"format\": \"{FormatName}\")");

        private InvalidDataException Missing(string name, string kind) =>
            Invalid(path, $"missing or malformed \"{name}\" (expected a {kind})");
    }

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
