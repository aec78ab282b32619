using System.Globalization;
using System.Text.Json;
using LmOrganisms.Ecology;
using LmOrganisms.Transformers;
using TorchSharp;
using static TorchSharp.torch;

namespace LmOrganisms;

/// <summary>
/// Everything needed to continue a training run bit for bit, as managed values on the CPU (independent of any tensor's
/// lifetime): the configuration, the options (which fix the schedule and the seed), the world's name, the step (the
/// schedule position and, with the seed, the data stream's position: batches are a pure function of (seed, step)), the
/// weights, the Adam moments, the loss history and the evaluations. Made by <see cref="Trainer.ExportState"/>, turned
/// back into a trainer by <see cref="Trainer.Restore"/>; <see cref="ToBytes"/> / <see cref="FromBytes"/> are its
/// encoding, and a checkpoint file (<see cref="Trainer.SaveCheckpoint"/>) is exactly those bytes. To continue
/// deliberately on another world or with other options (more steps), restore <c>state with { WorldName = …, Options = … }</c>.
/// </summary>
/// <remarks>
/// The encoding is safetensors with the 0.1 checkpoint layout: tensors <c>model.{TransformerLens name}</c>,
/// <c>optimizer.m.{name}</c> and <c>optimizer.v.{name}</c> (absent without moments), <c>history.loss</c> (float64), and
/// metadata <c>format</c> = <c>pt</c>, <c>lmorganisms.checkpoint</c> = <c>1</c>, <c>config</c>, <c>options</c> (JSON),
/// <c>step</c>, <c>world</c> and <c>evaluations</c> (JSON). Python reads the weights with
/// <c>safetensors.torch.load_file</c>.
/// </remarks>
public sealed record TrainerState
{
    private const string FormatKey = "lmorganisms.checkpoint";
    private const string FormatVersion = "1";
    private const string ConfigKey = "config";
    private const string OptionsKey = "options";
    private const string StepKey = "step";
    private const string WorldKey = "world";
    private const string EvaluationsKey = "evaluations";
    private const string ModelPrefix = "model.";
    private const string FirstMomentPrefix = "optimizer.m.";
    private const string SecondMomentPrefix = "optimizer.v.";
    private const string LossHistory = "history.loss";

    /// <summary>The model's architecture.</summary>
    public required TransformerConfig Config { get; init; }

    /// <summary>The run's options; <see cref="TrainingOptions.Steps"/> must be at least <see cref="Step"/>.</summary>
    public required TrainingOptions Options { get; init; }

    /// <summary>The name of the world the run trains on (<see cref="TrainingWorld.Name"/>); <see cref="Trainer.Restore"/>
    /// requires the world it is given to have this name.</summary>
    public required string WorldName { get; init; }

    /// <summary>Optimiser steps completed.</summary>
    public required int Step { get; init; }

    /// <summary>The dtype of the weights and moments: <see cref="ScalarType.Float32"/> (default) or
    /// <see cref="ScalarType.Float64"/> (a model converted with <c>model.to(ScalarType.Float64)</c>).</summary>
    public ScalarType Precision { get; init; } = ScalarType.Float32;

    /// <summary>The weights by TransformerLens name: exactly the parameters of a model with <see cref="Config"/>, with
    /// their shapes.</summary>
    public required IReadOnlyDictionary<string, TensorValues> Weights { get; init; }

    /// <summary>Adam's first moments m by parameter name (same names and shapes as <see cref="Weights"/>), or null for a
    /// fresh optimiser (zero moments; the step still sets the schedule, the data position and Adam's bias correction).
    /// Null exactly when <see cref="SecondMoments"/> is.</summary>
    public IReadOnlyDictionary<string, TensorValues>? FirstMoments { get; init; }

    /// <summary>Adam's second moments v by parameter name, or null (see <see cref="FirstMoments"/>).</summary>
    public IReadOnlyDictionary<string, TensorValues>? SecondMoments { get; init; }

    /// <summary>The training loss of every completed step (index = step − 1; <see cref="Step"/> entries), nats.</summary>
    public IReadOnlyList<double> Losses { get; init; } = [];

    /// <summary>Every evaluation made so far, in step order.</summary>
    public IReadOnlyList<LossEvaluation> Evaluations { get; init; } = [];

    /// <summary>The safetensors encoding of the state (see the remarks); <see cref="FromBytes"/> reads it back exactly.</summary>
    /// <exception cref="ArgumentException">The state is invalid (the message names the field).</exception>
    public byte[] ToBytes()
    {
        Validate("the trainer state");
        using var scope = torch.NewDisposeScope();
        var tensors = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var (name, values) in Weights) tensors[ModelPrefix + name] = values.ToTensor(Precision);
        if (FirstMoments is not null && SecondMoments is not null)
        {
            foreach (var (name, values) in FirstMoments) tensors[FirstMomentPrefix + name] = values.ToTensor(Precision);
            foreach (var (name, values) in SecondMoments) tensors[SecondMomentPrefix + name] = values.ToTensor(Precision);
        }
        tensors[LossHistory] = torch.tensor(Losses.ToArray());
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["format"] = "pt",
            [FormatKey] = FormatVersion,
            [ConfigKey] = Config.ToJson(),
            [OptionsKey] = Options.ToJson(),
            [StepKey] = Step.ToString(CultureInfo.InvariantCulture),
            [WorldKey] = WorldName,
            [EvaluationsKey] = JsonSerializer.Serialize(Evaluations.Select(e => new EvaluationRecord(e.Step, e.LossPerPosition.ToArray(), e.OptimalLossPerPosition?.ToArray()))),
        };
        return Safetensors.Serialize(tensors, metadata);
    }

    /// <summary>Reads a training checkpoint file (<see cref="Trainer.SaveCheckpoint"/>): a regular file of at most
    /// <see cref="Safetensors.MaxFileBytes"/> bytes, decoded by <see cref="FromBytes"/>.</summary>
    /// <param name="path">The checkpoint file.</param>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="IOException">The path is not a regular file or is too large.</exception>
    /// <exception cref="ArgumentException">The file is not a valid trainer state (the message names the file and the field).</exception>
    public static TrainerState FromFile(string path) =>
        FromBytes(InputFile.ReadAllBytes(path, Safetensors.MaxFileBytes, "training checkpoint"), path);

    /// <summary>True when safetensors metadata marks a trainer state (a training checkpoint) rather than plain weights.</summary>
    internal static bool IsTrainerState(IReadOnlyDictionary<string, string> metadata) => metadata.ContainsKey(FormatKey);

    /// <summary>
    /// Reads a state encoded by <see cref="ToBytes"/> (or a checkpoint file written by LmOrganisms 0.1, which has the same
    /// layout). Every field is validated; the bytes are treated as untrusted.
    /// </summary>
    /// <param name="bytes">The safetensors bytes.</param>
    /// <param name="source">Names the bytes' origin in error messages (a file path, "member 3").</param>
    /// <exception cref="ArgumentException">The bytes are not a valid trainer state; the message names
    /// <paramref name="source"/> and the field or tensor.</exception>
    public static TrainerState FromBytes(ReadOnlySpan<byte> bytes, string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        using var content = Safetensors.Parse(bytes, source);
        string Meta(string key) => content.Metadata.TryGetValue(key, out var v) ? v
            : throw new ArgumentException($"'{source}' has no metadata '{key}'; it is not an LmOrganisms trainer state (training checkpoint).", nameof(bytes));
        if (Meta(FormatKey) != FormatVersion)
            throw new ArgumentException($"'{source}' has metadata '{FormatKey}' = '{Meta(FormatKey)}'; this version reads '{FormatVersion}'.", nameof(bytes));
        T Parse<T>(string key, Func<string, T> parse)
        {
            try
            {
                return parse(Meta(key));
            }
            catch (Exception e) when (e is ArgumentException or JsonException or FormatException or OverflowException or NotSupportedException or InvalidOperationException)
            {
                throw new ArgumentException($"'{source}' has an invalid '{key}' metadata entry: {e.Message}", nameof(bytes), e);
            }
        }
        var config = Parse(ConfigKey, TransformerConfig.FromJson);
        var options = Parse(OptionsKey, TrainingOptions.FromJson);
        int step = Parse(StepKey, s => int.Parse(s, NumberStyles.None, CultureInfo.InvariantCulture));
        var world = Meta(WorldKey);
        var evaluations = Parse(EvaluationsKey, json => (JsonSerializer.Deserialize<EvaluationRecord[]>(json) ?? throw new JsonException("the evaluations are null"))
            .Select((r, i) => new LossEvaluation(r.Step, r.Loss ?? throw new JsonException($"evaluation {i} has no losses"), r.Optimal)).ToArray());

        var weights = new Dictionary<string, TensorValues>(StringComparer.Ordinal);
        var first = new Dictionary<string, TensorValues>(StringComparer.Ordinal);
        var second = new Dictionary<string, TensorValues>(StringComparer.Ordinal);
        ScalarType? precision = null;
        double[]? losses = null;
        foreach (var (name, tensor) in content.Tensors)
        {
            if (name == LossHistory)
            {
                if (tensor.dtype != ScalarType.Float64 || tensor.dim() != 1)
                    throw new ArgumentException($"Tensor '{LossHistory}' in '{source}' is {tensor.dtype} with {tensor.dim()} dimensions; expected a float64 vector.", nameof(bytes));
                losses = tensor.data<double>().ToArray();
                continue;
            }
            var (target, key) = name.StartsWith(FirstMomentPrefix, StringComparison.Ordinal) ? (first, name[FirstMomentPrefix.Length..])
                : name.StartsWith(SecondMomentPrefix, StringComparison.Ordinal) ? (second, name[SecondMomentPrefix.Length..])
                : name.StartsWith(ModelPrefix, StringComparison.Ordinal) ? (weights, name[ModelPrefix.Length..])
                : throw new ArgumentException($"'{source}' has a tensor '{name}' that is not part of a trainer state (model.*, optimizer.m.*, optimizer.v.*, {LossHistory}).", nameof(bytes));
            if (tensor.dtype is not (ScalarType.Float32 or ScalarType.Float64))
                throw new ArgumentException($"Tensor '{name}' in '{source}' has dtype {tensor.dtype}; weights and moments are float32 or float64.", nameof(bytes));
            if (precision is { } p && p != tensor.dtype)
                throw new ArgumentException($"Tensor '{name}' in '{source}' is {tensor.dtype} while other weights or moments are {p}; a state has one precision.", nameof(bytes));
            precision = tensor.dtype;
            target[key] = TensorValues.FromTensor(tensor);
        }
        if (losses is null)
            throw new ArgumentException($"'{source}' has no tensor '{LossHistory}'; it is not an LmOrganisms trainer state (training checkpoint).", nameof(bytes));
        if (first.Count == 0 != (second.Count == 0))
            throw new ArgumentException($"'{source}' has {(first.Count == 0 ? "second" : "first")} Adam moments (optimizer.{(first.Count == 0 ? "v" : "m")}.*) but no {(first.Count == 0 ? "first" : "second")} ones.", nameof(bytes));
        var state = new TrainerState
        {
            Config = config,
            Options = options,
            WorldName = world,
            Step = step,
            Precision = precision ?? ScalarType.Float32,
            Weights = weights,
            FirstMoments = first.Count == 0 ? null : first,
            SecondMoments = second.Count == 0 ? null : second,
            Losses = losses,
            Evaluations = evaluations,
        };
        state.Validate($"'{source}'");
        return state;
    }

    /// <summary>
    /// Throws an <see cref="ArgumentException"/> naming <paramref name="source"/> and the field when the state is not
    /// consistent: the configuration and options are valid; 0 ≤ step ≤ Options.Steps; the world has a name; the weights
    /// (and the moments, both or neither) are exactly the parameters of the configuration with their shapes; float32
    /// values are float32 numbers; one loss per step; evaluations within the steps done.
    /// </summary>
    internal void Validate(string source)
    {
        ArgumentException Bad(string field, string message) => new($"{source}: {nameof(TrainerState)}.{field} {message}.", field);
        if (Config is null) throw Bad(nameof(Config), "is null");
        if (Options is null) throw Bad(nameof(Options), "is null");
        try
        {
            Config.Validate();
            Options.Validate();
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"{source}: {e.Message}", e.ParamName, e);
        }
        if (string.IsNullOrEmpty(WorldName)) throw Bad(nameof(WorldName), "is empty; it names the world the run trains on");
        if (Step < 0 || Step > Options.Steps)
            throw Bad(nameof(Step), $"is {Step}; it must be between 0 and Options.Steps ({Options.Steps})");
        if (Precision is not (ScalarType.Float32 or ScalarType.Float64))
            throw Bad(nameof(Precision), $"is {Precision}; it must be Float32 or Float64");
        var shapes = Transformer.ParameterShapes(Config);
        void CheckTensors(IReadOnlyDictionary<string, TensorValues>? tensors, string field)
        {
            if (tensors is null) throw Bad(field, "is null");
            foreach (var (name, shape) in shapes)
            {
                if (!tensors.TryGetValue(name, out var values) || values is null)
                    throw Bad(field, $"has no '{name}', a parameter of the configuration");
                values.CheckShape($"{source}: {nameof(TrainerState)}.{field}['{name}']");
                if (!values.Shape.SequenceEqual(shape))
                    throw Bad(field, $"['{name}'] has shape [{string.Join(", ", values.Shape)}]; the configuration's parameter has [{string.Join(", ", shape)}]");
                if (Precision == ScalarType.Float32)
                    foreach (var v in values.Values)
                        if ((double)(float)v != v && !double.IsNaN(v))
                            throw Bad(field, $"['{name}'] holds {v.ToString("R", CultureInfo.InvariantCulture)}, which is not a float32 number; the precision is Float32");
            }
            if (tensors.Count != shapes.Count)
            {
                var known = shapes.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
                throw Bad(field, $"has '{tensors.Keys.First(k => !known.Contains(k))}', which is not a parameter of the configuration");
            }
        }
        CheckTensors(Weights, nameof(Weights));
        if (FirstMoments is null != SecondMoments is null)
            throw Bad(FirstMoments is null ? nameof(FirstMoments) : nameof(SecondMoments), $"is null while {(FirstMoments is null ? nameof(SecondMoments) : nameof(FirstMoments))} is not; both or neither");
        if (FirstMoments is not null)
        {
            CheckTensors(FirstMoments, nameof(FirstMoments));
            CheckTensors(SecondMoments, nameof(SecondMoments));
        }
        if (Losses is null) throw Bad(nameof(Losses), "is null");
        if (Losses.Count != Step) throw Bad(nameof(Losses), $"has {Losses.Count} entries; the state is at step {Step} and holds one loss per step");
        if (Evaluations is null) throw Bad(nameof(Evaluations), "is null");
        int previous = -1;
        for (int i = 0; i < Evaluations.Count; i++)
        {
            var e = Evaluations[i] ?? throw Bad(nameof(Evaluations), $"[{i}] is null");
            if (e.Step < previous || e.Step > Step)
                throw Bad(nameof(Evaluations), $"[{i}] is at step {e.Step}; evaluations are in step order, at most the state's step {Step}");
            if (e.LossPerPosition is null || e.LossPerPosition.Count == 0)
                throw Bad(nameof(Evaluations), $"[{i}] has no losses per position");
            if (e.OptimalLossPerPosition is { } o && o.Count != e.LossPerPosition.Count)
                throw Bad(nameof(Evaluations), $"[{i}] has {e.LossPerPosition.Count} losses but {o.Count} optimal losses");
            previous = e.Step;
        }
    }

    private sealed record EvaluationRecord(int Step, double[]? Loss, double[]? Optimal);
}
