using LmOrganisms.Probing;

namespace LmOrganisms;

/// <summary>
/// The belief-geometry experiment's probe (spec §2.4, §3; Shai et al. 2024), an estimator: least-squares probes with
/// intercept from a model's activations to the belief states and to the next-token laws of a probe set, each
/// (sequence, position) row counted once, errors in sample, MSE averaged over rows and components, pooled R²; plus the
/// shuffled-target control and, when asked, the probe on all selected hooks concatenated per row (the paper's "Concat").
/// <c>new BeliefGeometryProbe().Fit(model.Capture(probeSet), probeSet)</c>.
/// </summary>
public sealed record BeliefGeometryProbe
{
    /// <summary>
    /// 1e-10: the default probe's relative eigenvalue tolerance. Activations are float32, so a direction the network holds
    /// exactly constant (a final LayerNorm's output lies in a hyperplane) still carries float32 rounding noise, which a
    /// tighter tolerance keeps as a feature and fits (RRXOR final checkpoint, <c>ln_final.hook_normalized</c>: 0.029224
    /// with rank 128 at 1e-12 against the paper pipeline's 0.029325 with rank 127).
    /// </summary>
    public const double Float32RankTolerance = 1e-10;

    /// <summary>The hooks to probe, in order; null for every captured hook in capture order.</summary>
    public IReadOnlyList<string>? Hooks { get; init; }

    /// <summary>Also probe all selected hooks concatenated per row (default true; needs two hooks or more).</summary>
    public bool Concatenate { get; init; } = true;

    /// <summary>Seed of the Fisher–Yates permutation of the target rows for the shuffle control (default 1).</summary>
    public int ShuffleSeed { get; init; } = 1;

    /// <summary>The linear probe: ordinary least squares with the pseudo-inverse for a rank-deficient design at
    /// <see cref="Float32RankTolerance"/> (concatenated hooks repeat columns, e.g. <c>blocks.l.hook_resid_post</c> =
    /// <c>blocks.l+1.hook_resid_pre</c>).</summary>
    public LinearProbe Probe { get; init; } = new() { RankDeficiency = RankDeficiency.PseudoInverse, RankTolerance = Float32RankTolerance };

    /// <summary>
    /// Probes <paramref name="activations"/> (one row per row of <paramref name="probeSet"/>) at <see cref="Hooks"/>. Use
    /// <see cref="ProbeSet.AllWords"/> for the paper's probe set (every positive-probability word once) or
    /// <see cref="ProbeSet.Sample"/> for sampled sequences.
    /// </summary>
    /// <param name="activations">The activations, e.g. <c>model.Capture(probeSet)</c>.</param>
    /// <param name="probeSet">Rows and belief targets.</param>
    /// <param name="progress">Receives the stage and its fraction done.</param>
    /// <param name="cancellationToken">Checked between feature sets.</param>
    /// <exception cref="ArgumentException">The row counts differ, or a hook was not captured.</exception>
    public BeliefGeometryResult Fit(Activations activations, ProbeSet probeSet, IProgress<ProbeProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(activations);
        ArgumentNullException.ThrowIfNull(probeSet);
        if (activations.RowCount != probeSet.RowCount)
            throw new ArgumentException($"The activations have {activations.RowCount} rows; the probe set has {probeSet.RowCount}.", nameof(activations));
        var hooks = Hooks ?? activations.Hooks;
        if (hooks.Count == 0) throw new ArgumentException("BeliefGeometryProbe.Hooks is empty; select at least one hook.", nameof(activations));
        var features = hooks.Select(h => activations[h]).ToArray();
        var targets = Targets(probeSet, ShuffleSeed);
        var layers = new List<BeliefGeometryLayerResult>();
        for (int h = 0; h < hooks.Count; h++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            progress?.Report(new ProbeProgress($"probe {hooks[h]}", h / (double)(hooks.Count + 1)));
            int width = features[h].Width;
            var stats = ProbeStatistics.Create(width, targets.Width);
            stats.Add(features[h].Values, targets.Values);
            var values = features[h].Values;
            layers.Add(Result(hooks[h], stats, probeSet, targets, f => f.Span(values, width)));
        }
        BeliefGeometryLayerResult? concatenated = null;
        if (Concatenate && hooks.Count > 1)
        {
            progress?.Report(new ProbeProgress("probe concatenation", hooks.Count / (double)(hooks.Count + 1)));
            var arrays = features.Select(f => f.Values).ToArray();
            var widths = features.Select(f => f.Width).ToArray();
            var stats = ProbeStatistics.Accumulate(ConcatenatedBatches(arrays, widths, targets, probeSet.RowCount),
                cancellationToken: cancellationToken);
            concatenated = Result(string.Join("+", hooks), stats, probeSet, targets,
                _ => ConcatenatedBatches(arrays, widths, targets, probeSet.RowCount));
        }
        progress?.Report(new ProbeProgress("done", 1));
        return new BeliefGeometryResult(probeSet, layers, concatenated);
    }

    private sealed record TargetBlock(double[] Values, int Width, int States, int Symbols);

    /// <summary>Per row: [belief (S), next-token law (V), row-shuffled belief (S)].</summary>
    private static TargetBlock Targets(ProbeSet probeSet, int seed)
    {
        int s = probeSet.StateCount, v = probeSet.Process.AlphabetSize, width = 2 * s + v;
        var next = probeSet.NextTokenLaws;
        var perm = ProbeValidation.Permutation(probeSet.RowCount, seed);
        var values = new double[(long)probeSet.RowCount * width];
        for (int r = 0; r < probeSet.RowCount; r++)
        {
            probeSet.Belief(r).CopyTo(values.AsSpan(r * width, s));
            next.AsSpan(r * v, v).CopyTo(values.AsSpan(r * width + s, v));
            probeSet.Belief(perm[r]).CopyTo(values.AsSpan(r * width + s + v, s));
        }
        return new TargetBlock(values, width, s, v);
    }

    private BeliefGeometryLayerResult Result(string name, ProbeStatistics stats, ProbeSet probeSet,
        TargetBlock targets, Func<FeatureRows, IEnumerable<ProbeBatch>> rows)
    {
        int s = targets.States, v = targets.Symbols;
        var beliefIdx = Enumerable.Range(0, s).ToArray();
        var nextIdx = Enumerable.Range(s, v).ToArray();
        var shuffledIdx = Enumerable.Range(s + v, s).ToArray();
        var beliefStats = stats.SelectTargets(beliefIdx);
        var nextStats = stats.SelectTargets(nextIdx);
        var belief = Probe.Fit(beliefStats);
        var next = Probe.Fit(nextStats);
        var shuffled = Probe.Fit(stats.SelectTargets(shuffledIdx));
        var predictedBeliefs = new double[(long)probeSet.RowCount * s];
        var predictedNext = new double[(long)probeSet.RowCount * v];
        int row = 0;
        foreach (var batch in rows(FeatureRows.Instance))
        {
            var x = batch.SingleFeatures!;
            belief.Predict(x).CopyTo(predictedBeliefs.AsSpan(row * s));
            next.Predict(x).CopyTo(predictedNext.AsSpan(row * v));
            row += batch.RowCount;
        }
        return new BeliefGeometryLayerResult(name, stats.FeatureCount, belief.Evaluate(beliefStats),
            next.Evaluate(nextStats), shuffled.Evaluate(beliefStats), belief, predictedBeliefs, predictedNext);
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
