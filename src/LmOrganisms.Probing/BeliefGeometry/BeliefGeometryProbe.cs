using LmOrganisms.BeliefStates;
using LmOrganisms.Ecology;
using LmOrganisms.Probing;
using LmOrganisms.Transformers;

namespace LmOrganisms.Probing;

/// <summary>
/// The belief-geometry experiment's probe (spec §2.4, §3; Shai et al. 2024): runs a transformer on every row of a
/// probe set, captures the residual stream at the selected hook points, and fits least-squares probes with intercept
/// from the activations to the belief states and to the next-token laws, each (sequence, position) row counted once,
/// errors in sample, MSE averaged over rows and components, pooled R². Adds the shuffled-target control and, when
/// asked, the probe on all selected hook points concatenated per row.
/// </summary>
public static class BeliefGeometryProbe
{
    /// <summary>
    /// The paper's residual-stream hook points of a model with <paramref name="config"/>, in forward order: the
    /// embedding sum <c>blocks.0.hook_resid_pre</c>, every <c>blocks.l.hook_resid_post</c> and, with a final norm,
    /// <c>ln_final.hook_normalized</c> (their concatenation is the paper's six-way "Concat" for four layers);
    /// <see cref="HookNames.ResidualStream"/>.
    /// </summary>
    public static IReadOnlyList<string> ResidualStream(TransformerConfig config) => HookNames.ResidualStream(config);

    /// <summary>
    /// Captures the activations at <paramref name="hooks"/> for every sequence of <paramref name="dataset"/>: one
    /// float array per hook, rows × width with row = sequence · ContextLength + position (the probe set's row order).
    /// </summary>
    public static IReadOnlyList<float[]> Capture(Transformer model, ProbeDataset dataset, IReadOnlyList<string> hooks,
        int chunkSize = 4096, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(hooks);
        if (hooks.Count == 0) throw new ArgumentException("hooks is empty; select at least one hook point.", nameof(hooks));
        if (dataset.ContextLength > model.Config.ContextLength)
            throw new ArgumentException(
                $"The probe set's sequences have length {dataset.ContextLength}; the model's context is {model.Config.ContextLength}.",
                nameof(dataset));
        var batch = new TokenBatch(dataset.Tokens, dataset.SequenceCount, dataset.ContextLength);
        var arrays = new float[hooks.Count][];
        model.RunWithCache(batch, hooks, chunkSize, (first, cache) =>
        {
            for (int h = 0; h < hooks.Count; h++)
            {
                var values = cache.ToArray(hooks[h]);
                int rows = (int)Math.Min((long)dataset.RowCount, (long)(first + chunkSize) * dataset.ContextLength) - first * dataset.ContextLength;
                if (arrays[h] is null)
                {
                    int width = values.Length / rows;
                    arrays[h] = new float[(long)dataset.RowCount * width > int.MaxValue
                        ? throw new ArgumentException($"Hook '{hooks[h]}' needs {(long)dataset.RowCount * width} values; too many rows.", nameof(dataset))
                        : dataset.RowCount * width];
                }
                Array.Copy(values, 0, arrays[h], (long)first * dataset.ContextLength * (arrays[h].Length / dataset.RowCount), values.Length);
            }
            progress?.Report(Math.Min(1.0, (first + chunkSize) / (double)dataset.SequenceCount));
        }, cancellationToken);
        return arrays;
    }

    /// <summary>
    /// Probes <paramref name="model"/> on <paramref name="dataset"/> at <paramref name="hooks"/> (default:
    /// <see cref="ResidualStream"/>). Use <see cref="ProbeDataset.AllWords"/> for the paper's probe set (every
    /// positive-probability word once) or <see cref="ProbeDataset.FromSamples"/> for sampled sequences.
    /// </summary>
    /// <param name="model">The transformer (its context must hold the probe set's sequences).</param>
    /// <param name="dataset">Rows and belief targets.</param>
    /// <param name="hooks">Hook points to probe, or null for the residual stream.</param>
    /// <param name="options">Fit options, shuffle seed, concatenation.</param>
    /// <param name="progress">Receives a stage description and its fraction done.</param>
    /// <param name="cancellationToken">Checked between chunks and feature sets.</param>
    public static BeliefGeometryResult Run(Transformer model, ProbeDataset dataset, IReadOnlyList<string>? hooks = null,
        BeliefGeometryOptions? options = null, IProgress<(string Stage, double Fraction)>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(dataset);
        options ??= BeliefGeometryOptions.Default;
        hooks ??= ResidualStream(model.Config);
        var captureProgress = progress is null ? null : new Progress<double>(f => progress.Report(("capture", f)));
        var features = Capture(model, dataset, hooks, options.ChunkSize, captureProgress, cancellationToken);
        var targets = Targets(dataset, options.ShuffleSeed);
        var layers = new List<BeliefGeometryLayerResult>();
        for (int h = 0; h < hooks.Count; h++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            progress?.Report(($"probe {hooks[h]}", h / (double)(hooks.Count + 1)));
            int width = features[h].Length / dataset.RowCount;
            var stats = ProbeStatistics.Create(width, targets.Width);
            stats.Add(features[h], targets.Values);
            layers.Add(Result(hooks[h], stats, dataset, targets, options, f => f.Span(features[h], width)));
        }
        BeliefGeometryLayerResult? concatenated = null;
        if (options.Concatenate && hooks.Count > 1)
        {
            progress?.Report(("probe concatenation", hooks.Count / (double)(hooks.Count + 1)));
            var widths = features.Select(f => f.Length / dataset.RowCount).ToArray();
            var stats = LinearProbe.Accumulate(ConcatenatedBatches(features, widths, targets, dataset.RowCount),
                cancellationToken: cancellationToken);
            concatenated = Result(string.Join("+", hooks), stats, dataset, targets, options,
                _ => ConcatenatedBatches(features, widths, targets, dataset.RowCount));
        }
        progress?.Report(("done", 1));
        return new BeliefGeometryResult(dataset, layers, concatenated);
    }

    private sealed record TargetBlock(double[] Values, int Width, int States, int Symbols);

    /// <summary>Per row: [belief (S), next-token law (V), row-shuffled belief (S)].</summary>
    private static TargetBlock Targets(ProbeDataset dataset, int seed)
    {
        int s = dataset.StateCount, v = dataset.Process.AlphabetSize, width = 2 * s + v;
        var next = dataset.NextTokenDistributions();
        var perm = ProbeValidation.Permutation(dataset.RowCount, seed);
        var values = new double[(long)dataset.RowCount * width];
        for (int r = 0; r < dataset.RowCount; r++)
        {
            dataset.Target(r).CopyTo(values.AsSpan(r * width, s));
            next.AsSpan(r * v, v).CopyTo(values.AsSpan(r * width + s, v));
            dataset.Target(perm[r]).CopyTo(values.AsSpan(r * width + s + v, s));
        }
        return new TargetBlock(values, width, s, v);
    }

    private static BeliefGeometryLayerResult Result(string name, ProbeStatistics stats, ProbeDataset dataset,
        TargetBlock targets, BeliefGeometryOptions options, Func<FeatureRows, IEnumerable<ProbeBatch>> rows)
    {
        int s = targets.States, v = targets.Symbols;
        var beliefIdx = Enumerable.Range(0, s).ToArray();
        var nextIdx = Enumerable.Range(s, v).ToArray();
        var shuffledIdx = Enumerable.Range(s + v, s).ToArray();
        var beliefStats = stats.SelectTargets(beliefIdx);
        var nextStats = stats.SelectTargets(nextIdx);
        var belief = LinearProbe.Fit(beliefStats, options.FitOptions);
        var next = LinearProbe.Fit(nextStats, options.FitOptions);
        var shuffled = LinearProbe.Fit(stats.SelectTargets(shuffledIdx), options.FitOptions);
        var predictedBeliefs = new double[(long)dataset.RowCount * s];
        var predictedNext = new double[(long)dataset.RowCount * v];
        int row = 0;
        foreach (var batch in rows(FeatureRows.Instance))
        {
            var x = batch.SingleFeatures!;
            belief.Predict(x).CopyTo(predictedBeliefs.AsSpan(row * s));
            next.Predict(x).CopyTo(predictedNext.AsSpan(row * v));
            row += batch.RowCount;
        }
        return new BeliefGeometryLayerResult(name, stats.FeatureCount, LinearProbe.Evaluate(belief, beliefStats),
            LinearProbe.Evaluate(next, nextStats), LinearProbe.Evaluate(shuffled, beliefStats), belief, predictedBeliefs,
            predictedNext);
    }

    /// <summary>Marker handed to the row enumerators (keeps one enumeration signature for single and concatenated sets).</summary>
    private sealed class FeatureRows
    {
        public static FeatureRows Instance { get; } = new();

        public IEnumerable<ProbeBatch> Span(float[] features, int width)
        {
            yield return ProbeBatch.FromSingle(features, width, new double[features.Length / width], 1);
        }
    }

    private const int ConcatenationRows = 20_000;

    private static IEnumerable<ProbeBatch> ConcatenatedBatches(IReadOnlyList<float[]> features, int[] widths,
        TargetBlock targets, int rowCount)
    {
        for (int first = 0; first < rowCount; first += ConcatenationRows)
        {
            int rows = Math.Min(ConcatenationRows, rowCount - first);
            var slices = new float[features.Count][];
            for (int h = 0; h < features.Count; h++)
            {
                slices[h] = new float[rows * widths[h]];
                Array.Copy(features[h], (long)first * widths[h], slices[h], 0, slices[h].Length);
            }
            var t = new double[rows * targets.Width];
            Array.Copy(targets.Values, (long)first * targets.Width, t, 0, t.Length);
            yield return ProbeBatch.FromLayers(slices, widths, t, targets.Width);
        }
    }
}
