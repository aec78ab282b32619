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
        var arrays = features.Select(f => f.Values).ToArray();
        var widths = features.Select(f => f.Width).ToArray();
        var targets = Targets(probeSet, ShuffleSeed);
        int workers = Environment.ProcessorCount;
        bool concatenate = Concatenate && hooks.Count > 1;
        // With the concatenation, its statistics are accumulated once and each hook's are the block of its columns
        // (the same bits as accumulating that hook alone, see ProbeStatistics.Select).
        ProbeStatistics? all = null;
        if (concatenate)
        {
            progress?.Report(new ProbeProgress("statistics of the concatenation", 0));
            all = ProbeStatistics.FromLayers(arrays, widths, targets.Values, targets.Width, workers, cancellationToken);
        }
        var everyTarget = Enumerable.Range(0, targets.Width).ToArray();
        var layers = new List<BeliefGeometryLayerResult>();
        int offset = 0;
        for (int h = 0; h < hooks.Count; h++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            progress?.Report(new ProbeProgress($"probe {hooks[h]}", (h + 1) / (double)(hooks.Count + 2)));
            var stats = all is not null
                ? all.Select(Enumerable.Range(offset, widths[h]).ToArray(), everyTarget)
                : ProbeStatistics.FromLayers([arrays[h]], [widths[h]], targets.Values, targets.Width, workers, cancellationToken);
            offset += widths[h];
            layers.Add(Result(hooks[h], stats, probeSet, targets, [arrays[h]], [widths[h]], workers));
        }
        BeliefGeometryLayerResult? concatenated = null;
        if (all is not null)
        {
            progress?.Report(new ProbeProgress("probe concatenation", (hooks.Count + 1) / (double)(hooks.Count + 2)));
            concatenated = Result(string.Join("+", hooks), all, probeSet, targets, arrays, widths, workers);
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

    private BeliefGeometryLayerResult Result(string name, ProbeStatistics stats, ProbeSet probeSet, TargetBlock targets,
        IReadOnlyList<float[]> features, IReadOnlyList<int> widths, int workers)
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
        var predictedBeliefs = belief.PredictLayers(features, widths, probeSet.RowCount, workers);
        var predictedNext = next.PredictLayers(features, widths, probeSet.RowCount, workers);
        return new BeliefGeometryLayerResult(name, stats.FeatureCount, belief.Evaluate(beliefStats),
            next.Evaluate(nextStats), shuffled.Evaluate(beliefStats), belief, predictedBeliefs, predictedNext);
    }
}
