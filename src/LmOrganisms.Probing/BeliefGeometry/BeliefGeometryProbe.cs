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
    /// <see cref="ProbeSet.Sample"/> for sampled sequences. The statistics are accumulated in chunks of consecutive
    /// sequences on every core and merged in chunk order, so the result does not depend on the number of cores; it is
    /// the same, bit for bit, as the streamed fit of a model (<c>probe.Fit(model, probeSet)</c>) on the same activations.
    /// </summary>
    /// <param name="activations">The activations, e.g. <c>model.Capture(probeSet)</c>.</param>
    /// <param name="probeSet">Rows and belief targets.</param>
    /// <param name="progress">Receives the stage and its fraction done.</param>
    /// <param name="cancellationToken">Checked between chunks of rows.</param>
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
        return Fit(ActivationSource.FromActivations(activations, hooks, probeSet.Length), probeSet, progress, cancellationToken);
    }

    /// <summary>Rows per chunk of the accumulation (whole sequences; the chunking fixes the rounding, so it is a constant).</summary>
    internal const int ChunkRows = 16_384;

    /// <summary>
    /// The probes of the activations <paramref name="source"/> delivers (its hooks, in order), streamed: pass 1 accumulates
    /// the statistics of every feature set chunk by chunk (one set of all hooks side by side when concatenating, whose
    /// column blocks are then each hook's statistics, else one per hook), the probes are fitted, and pass 2 reads the
    /// activations again for the predictions. Only the statistics, one batch per worker and the predictions are held.
    /// </summary>
    internal BeliefGeometryResult Fit(ActivationSource source, ProbeSet probeSet, IProgress<ProbeProgress>? progress,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(probeSet);
        if (source.Sequences != probeSet.Count || source.Length != probeSet.Length)
            throw new ArgumentException($"The activations hold {source.Sequences} sequences of {source.Length} rows; the probe set has {probeSet.Count} of {probeSet.Length}.", nameof(source));
        var hooks = source.Hooks;
        var widths = source.Widths;
        int h = hooks.Count, s = probeSet.StateCount, v = probeSet.Process.AlphabetSize, targetWidth = 2 * s + v;
        var nextLaws = probeSet.NextTokenLaws;
        var perm = ProbeValidation.Permutation(probeSet.RowCount, ShuffleSeed);
        bool concatenate = Concatenate && h > 1;
        // The feature sets accumulated: all hooks side by side, or each hook alone.
        int[][] sets = concatenate ? [Enumerable.Range(0, h).ToArray()] : Enumerable.Range(0, h).Select(i => new[] { i }).ToArray();
        var offsets = new int[h + 1];
        for (int i = 0; i < h; i++) offsets[i + 1] = offsets[i] + widths[i];
        int length = probeSet.Length, chunkSequences = Math.Max(1, ChunkRows / length);
        int chunks = (probeSet.Count + chunkSequences - 1) / chunkSequences;

        // Rows that repeat an earlier row's prefix. When the source's rows depend on the prefix only (a causal model on the
        // CPU engine), such a row has the features and the belief and next-token targets of the prefix's first row, which
        // then stands for all of them with weight = their number and, as shuffled target, the mean of their shuffled
        // beliefs: the same means, feature and cross co-moments, hence the same probes and errors, up to rounding. (The
        // shuffled targets' own co-moment is not kept, and neither probe nor error reads it.) Every Mess3 word of length
        // 10: 590,490 rows, 88,572 prefixes.
        var prefixes = source.RowsDependOnPrefixOnly ? Prefixes.Of(probeSet) : null;
        double[]? shuffledMeans = null;
        if (prefixes is not null)
        {
            shuffledMeans = new double[(long)prefixes.Count.Length * s];
            for (int row = 0; row < probeSet.RowCount; row++)
            {
                var belief = probeSet.Belief(perm[row]);
                int node = prefixes.Node[row];
                for (int i = 0; i < s; i++) shuffledMeans[(long)node * s + i] += belief[i];
            }
            for (int node = 0; node < prefixes.Count.Length; node++)
                for (int i = 0; i < s; i++) shuffledMeans[(long)node * s + i] /= prefixes.Count[node];
        }

        // Pass 1: per chunk, the statistics of its rows [features | belief, next-token law, shuffled belief]; the chunks'
        // statistics are merged in chunk order as they complete.
        progress?.Report(new ProbeProgress("statistics", 0));
        var totals = sets.Select(set => ProbeStatistics.Create(set.Sum(i => widths[i]), targetWidth)).ToArray();
        var done = new ProbeStatistics[]?[chunks];
        int merged = 0;
        var gate = new object();
        source.ForEachChunk(chunks, (reader, c) =>
        {
            int first = c * chunkSequences, end = Math.Min(probeSet.Count, first + chunkSequences);
            var stats = sets.Select(set => ProbeStatistics.Create(set.Sum(i => widths[i]), targetWidth)).ToArray();
            long standIns = 0;
            for (int sequence = first; sequence < end; sequence += reader.MaxSequences)
            {
                int count = Math.Min(reader.MaxSequences, end - sequence);
                reader.Read(sequence, count);
                for (int i = 0; i < count * length; i++)
                {
                    int row = sequence * length + i;
                    double weight = 1;
                    if (prefixes is not null)
                    {
                        int node = prefixes.Node[row];
                        if (prefixes.First[node] != row)
                        {
                            standIns++;
                            continue;
                        }
                        weight = prefixes.Count[node];
                    }
                    for (int k = 0; k < sets.Length; k++)
                    {
                        var destination = stats[k].AppendRow(weight, row);
                        int at = 0;
                        foreach (int hook in sets[k])
                        {
                            int w = widths[hook];
                            System.Numerics.Tensors.TensorPrimitives.ConvertChecked<float, double>(reader.Rows(hook).Slice(i * w, w), destination.Slice(at, w));
                            at += w;
                        }
                        probeSet.Belief(row).CopyTo(destination.Slice(at, s));
                        nextLaws.AsSpan(row * v, v).CopyTo(destination.Slice(at + s, v));
                        if (shuffledMeans is null) probeSet.Belief(perm[row]).CopyTo(destination.Slice(at + s + v, s));
                        else shuffledMeans.AsSpan(checked(prefixes!.Node[row] * s), s).CopyTo(destination.Slice(at + s + v, s));
                    }
                }
            }
            foreach (var st in stats) st.CountRows(standIns);
            lock (gate)
            {
                done[c] = stats;
                while (merged < chunks && done[merged] is { } next)
                {
                    for (int k = 0; k < totals.Length; k++) totals[k].Merge(next[k]);
                    done[merged++] = null;
                }
                progress?.Report(new ProbeProgress("statistics", 0.5 * merged / chunks));
            }
        }, cancellationToken);

        // The probes: every hook (a column block of the concatenation's statistics, the same bits as its own), then the
        // concatenation.
        var allTargets = Enumerable.Range(0, targetWidth).ToArray();
        var results = new List<(string Name, int[] Hooks, ProbeStatistics Stats)>();
        for (int i = 0; i < h; i++)
            results.Add((hooks[i], [i], concatenate
                ? totals[0].Select(Enumerable.Range(offsets[i], widths[i]).ToArray(), allTargets)
                : totals[i]));
        if (concatenate) results.Add((string.Join("+", hooks), sets[0], totals[0]));
        var fitted = new List<Fitted>();
        foreach (var (name, featureHooks, stats) in results)
        {
            cancellationToken.ThrowIfCancellationRequested();
            progress?.Report(new ProbeProgress($"probe {name}", 0.5));
            var beliefStats = stats.SelectTargets(Enumerable.Range(0, s).ToArray());
            var nextStats = stats.SelectTargets(Enumerable.Range(s, v).ToArray());
            var belief = Probe.Fit(beliefStats);
            var next = Probe.Fit(nextStats);
            var shuffled = Probe.Fit(stats.SelectTargets(Enumerable.Range(s + v, s).ToArray()));
            fitted.Add(new Fitted(name, featureHooks, offsets[featureHooks[0]], stats.FeatureCount, belief, next,
                belief.Evaluate(beliefStats), next.Evaluate(nextStats), shuffled.Evaluate(beliefStats),
                new double[(long)probeSet.RowCount * s], new double[(long)probeSet.RowCount * v]));
        }

        // Pass 2: every probe's predictions, row by row (each row alone, so the split does not matter); with prefixes, only
        // at each prefix's first row.
        int predicted = 0;
        source.ForEachChunk(chunks, (reader, c) =>
        {
            int first = c * chunkSequences, end = Math.Min(probeSet.Count, first + chunkSequences);
            var x = new double[offsets[h]];
            var coefficients = fitted.Select(f => (Belief: f.Belief.Coefficients.ToRowMajorArray(), Next: f.Next.Coefficients.ToRowMajorArray())).ToArray();
            for (int sequence = first; sequence < end; sequence += reader.MaxSequences)
            {
                int count = Math.Min(reader.MaxSequences, end - sequence);
                reader.Read(sequence, count);
                for (int i = 0; i < count * length; i++)
                {
                    int row = sequence * length + i;
                    if (prefixes is not null && prefixes.First[prefixes.Node[row]] != row) continue; // copied below
                    for (int hook = 0; hook < h; hook++)
                    {
                        int w = widths[hook];
                        System.Numerics.Tensors.TensorPrimitives.ConvertChecked<float, double>(reader.Rows(hook).Slice(i * w, w), x.AsSpan(offsets[hook], w));
                    }
                    for (int k = 0; k < fitted.Count; k++)
                    {
                        var f = fitted[k];
                        var features = x.AsSpan(f.Offset, f.Width);
                        PredictRow(features, coefficients[k].Belief, f.Belief.Intercept, f.PredictedBeliefs.AsSpan(row * s, s));
                        PredictRow(features, coefficients[k].Next, f.Next.Intercept, f.PredictedNextToken.AsSpan(row * v, v));
                    }
                }
            }
            lock (gate) progress?.Report(new ProbeProgress("predictions", 0.5 + 0.5 * ++predicted / chunks));
        }, cancellationToken);

        // A row that repeats a prefix has the prefix's first row's features, hence its predictions.
        if (prefixes is not null)
        {
            foreach (var f in fitted)
                for (int row = 0; row < probeSet.RowCount; row++)
                {
                    int from = prefixes.First[prefixes.Node[row]];
                    if (from == row) continue;
                    f.PredictedBeliefs.AsSpan(from * s, s).CopyTo(f.PredictedBeliefs.AsSpan(row * s, s));
                    f.PredictedNextToken.AsSpan(from * v, v).CopyTo(f.PredictedNextToken.AsSpan(row * v, v));
                }
        }
        var layers = fitted.Take(h).Select(f => f.ToResult()).ToArray();
        var concatenated = concatenate ? fitted[h].ToResult() : null;
        progress?.Report(new ProbeProgress("done", 1));
        return new BeliefGeometryResult(probeSet, layers, concatenated);
    }

    private sealed record Fitted(string Name, int[] Hooks, int Offset, int Width, LinearProbeModel Belief, LinearProbeModel Next,
        ProbeMetrics BeliefMetrics, ProbeMetrics NextMetrics, ProbeMetrics ShuffleMetrics, double[] PredictedBeliefs, double[] PredictedNextToken)
    {
        public BeliefGeometryLayerResult ToResult() =>
            new(Name, Width, BeliefMetrics, NextMetrics, ShuffleMetrics, Belief, PredictedBeliefs, PredictedNextToken);
    }

    // y = c + Σ_i x_i B_i· in the order of the features, zero features skipped (as LinearProbeModel.Predict).
    private static void PredictRow(ReadOnlySpan<double> x, double[] b, IReadOnlyList<double> intercept, Span<double> y)
    {
        int tc = y.Length;
        for (int t = 0; t < tc; t++) y[t] = intercept[t];
        for (int i = 0; i < x.Length; i++)
        {
            double xi = x[i];
            if (xi == 0) continue;
            var bi = b.AsSpan(i * tc, tc);
            for (int t = 0; t < tc; t++) y[t] += xi * bi[t];
        }
    }

    /// <summary>The distinct prefixes of a probe set's rows: row r = sequence · n + k − 1 stands for the first k tokens of
    /// its sequence. <see cref="Node"/> gives each row its prefix; <see cref="First"/> and <see cref="Count"/> each
    /// prefix's first row and number of rows.</summary>
    private sealed record Prefixes(int[] Node, int[] First, int[] Count)
    {
        public static Prefixes Of(ProbeSet probeSet)
        {
            int n = probeSet.Length, v = probeSet.Process.AlphabetSize;
            var tokens = probeSet.Tokens;
            var node = new int[probeSet.RowCount];
            var children = new Dictionary<long, int>();
            var first = new List<int>();
            var count = new List<int>();
            for (int sequence = 0; sequence < probeSet.Count; sequence++)
            {
                long parent = -1;
                for (int k = 0; k < n; k++)
                {
                    int row = sequence * n + k;
                    long key = (parent + 1) * v + tokens[row];
                    if (!children.TryGetValue(key, out int id))
                    {
                        id = first.Count;
                        children.Add(key, id);
                        first.Add(row);
                        count.Add(0);
                    }
                    count[id]++;
                    node[row] = id;
                    parent = id;
                }
            }
            return new Prefixes(node, first.ToArray(), count.ToArray());
        }
    }
}
