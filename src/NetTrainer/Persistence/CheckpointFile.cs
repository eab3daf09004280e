// The checkpoint format (train --checkpoint; documented in README.md, "Checkpoints and resume"):
// {
//   "format": "nettrainer-checkpoint", "version": 1,
//   "settings": { "sizes": "784,30,10", "eta": "0.5", ... }   what the run was asked for, compared on resume
//   "seed": 7, "network": { sizes, hidden, output, cost, weights [l][row * cols + col], biases [l][row] },
//   "state": { epoch, randomDraws, order, eta, weightVelocity, biasVelocity, earlyStopping, schedule, reports }
// }
// Numbers are written in their shortest round-trip form, so a resumed run starts from the very same bits.
using System.Text.Json;
using System.Text.Json.Serialization;
using NetTrainer.Activations;
using NetTrainer.Costs;
using NetTrainer.LinearAlgebra;
using NetTrainer.Training;

namespace NetTrainer.Persistence;

/// <summary>A run saved at the end of an epoch: its settings, seed, network and <see cref="TrainingState{T}"/>.</summary>
public sealed record Checkpoint(IReadOnlyDictionary<string, string> Settings, int Seed, Network<float> Network, TrainingState<float> State);

/// <summary>Writes and reads checkpoints (float32 networks, as `train` trains).</summary>
public static class CheckpointFile
{
    /// <summary>The "format" field that marks a checkpoint.</summary>
    public const string FormatName = "nettrainer-checkpoint";
    /// <summary>The "version" field this code writes and reads.</summary>
    public const int FormatVersion = 1;

    private static readonly JsonSerializerOptions Json = new()
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
    };

    /// <summary>The checkpoint as JSON bytes (the caller writes them atomically).</summary>
    public static byte[] Serialize(Checkpoint checkpoint)
    {
        TrainingState<float> s = checkpoint.State;
        var dto = new CheckpointDto(FormatName, FormatVersion, new Dictionary<string, string>(checkpoint.Settings), checkpoint.Seed,
            NetworkDto.Of(checkpoint.Network),
            new StateDto(s.Epoch, s.RandomDraws, s.Order, s.Eta,
                s.WeightVelocity?.Select(v => v.ToArray()).ToArray(), s.BiasVelocity,
                new EarlyStoppingDto(s.EarlyStopping.BestEpoch, s.EarlyStopping.BestAccuracy, s.EarlyStopping.SinceBest,
                    s.EarlyStopping.Best is null ? null : NetworkDto.Of(s.EarlyStopping.Best)),
                s.Schedule, s.Reports.ToArray()));
        return JsonSerializer.SerializeToUtf8Bytes(dto, Json);
    }

    /// <summary>Reads a checkpoint; a file that is not one, or is damaged, is an InvalidDataException naming it.</summary>
    public static Checkpoint Load(string path)
    {
        CheckpointDto? dto;
        try
        {
            using FileStream stream = File.OpenRead(path);
            dto = JsonSerializer.Deserialize<CheckpointDto>(stream, Json);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not a readable checkpoint ({e.Message.Split(". ")[0]}). Hint: give a checkpoint that training wrote.", e);
        }
        if (dto is not { Format: FormatName } || dto.Network is null || dto.State is null || dto.Settings is null)
            throw new InvalidDataException($"{path}: not a NetTrainer checkpoint (format '{dto?.Format}'). Hint: give a checkpoint that training wrote.");
        if (dto.Version != FormatVersion)
            throw new InvalidDataException($"{path}: checkpoint version {dto.Version}; this NetTrainer reads version {FormatVersion}.");
        try
        {
            Network<float> network = dto.Network.ToNetwork();
            StateDto s = dto.State;
            var velocity = s.WeightVelocity?.Select((v, l) => FromData(network.Weights[l], v)).ToArray();
            var state = new TrainingState<float>(s.Epoch, s.RandomDraws, s.Order, s.Eta, velocity, s.BiasVelocity,
                new EarlyStoppingState<float>(s.EarlyStopping.BestEpoch, s.EarlyStopping.BestAccuracy, s.EarlyStopping.SinceBest,
                    s.EarlyStopping.Best?.ToNetwork()),
                s.Schedule, s.Reports);
            if (state.Reports.Count != state.Epoch)
                throw new ArgumentException($"it records {state.Reports.Count} epochs' reports for {state.Epoch} epochs");
            return new Checkpoint(dto.Settings, dto.Seed, network, state);
        }
        catch (Exception e) when (e is ArgumentException or NullReferenceException or IndexOutOfRangeException)
        {
            throw new InvalidDataException($"{path}: a damaged checkpoint ({e.Message.TrimEnd('.')}). Hint: resume from an intact one or start again.", e);
        }
    }

    private static Matrix<float> FromData(Matrix<float> shape, float[] data)
    {
        var m = new Matrix<float>(shape.Rows, shape.Cols);
        if (data.Length != m.AsSpan().Length)
            throw new ArgumentException($"a velocity of {data.Length} numbers for a {shape.Rows}x{shape.Cols} layer");
        data.CopyTo(m.AsSpan());
        return m;
    }

    private sealed record CheckpointDto(string Format, int Version, Dictionary<string, string> Settings, int Seed, NetworkDto Network, StateDto State);

    private sealed record StateDto(int Epoch, long RandomDraws, int[] Order, double Eta, float[][]? WeightVelocity, float[][]? BiasVelocity,
        EarlyStoppingDto EarlyStopping, EtaScheduleState? Schedule, EpochReport[] Reports);

    private sealed record EarlyStoppingDto(int BestEpoch, double BestAccuracy, int SinceBest, NetworkDto? Best);

    private sealed record NetworkDto(int[] Sizes, string Hidden, string Output, string Cost, float[][] Weights, float[][] Biases)
    {
        public static NetworkDto Of(Network<float> n) =>
            new(n.Sizes.ToArray(), n.Hidden.Name, n.Output.Name, n.Cost.Name, n.Weights.Select(w => w.ToArray()).ToArray(),
                n.Biases.Select(b => b.ToArray()).ToArray());

        public Network<float> ToNetwork()
        {
            var weights = new Matrix<float>[Sizes.Length - 1];
            for (int l = 0; l < weights.Length; l++)
                weights[l] = FromData(new Matrix<float>(Sizes[l + 1], Sizes[l]), Weights[l]);
            return new Network<float>(Sizes, weights, Biases, ActivationCatalog.ParseHidden(Hidden),
                ActivationCatalog.ParseOutput(Output), CostCatalog.Parse(Cost));
        }
    }
}
