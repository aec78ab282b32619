using LmOrganisms.BeliefStates;
using LmOrganisms.Probing;

namespace LmOrganisms;

/// <summary>
/// Probe-based lower bounds on the information a representation holds (usable or predictive V-information, spec
/// markov-categories §1.4 "for a trained model", §2 claim C2, §3 E1): Î(X → Y) = H(Y) − min_probe CE(probe(x) → y),
/// and the conditional form Î(X → Y | Z) = H(Y | Z) − min_probe CE(probe(x, z) → y) that lower-bounds the chain-rule
/// surplus S^cond = I(H_t; W_{t+2..t+k} | W_{t+1}). The probes are linear-softmax (<see cref="Probe"/>). The estimator's
/// properties are its hyper-parameters; <see cref="Fit(Activations, ProbeSet, CancellationToken)"/> measures a model's
/// activations on a probe set against the exact values of its contexts.
/// </summary>
/// <remarks>
/// With an exact population (every context once, weighted by its probability, targets the exact conditional laws from
/// the generating process) the bound needs no held-out split: the probe's population cross-entropy is at least
/// H(Y | X) ≥ H(Y | C), so Î ≤ I(X; Y) ≤ I(C; Y) whatever the optimiser did. With sampled labels pass held-out rows.
/// </remarks>
public sealed record UsableInformation
{
    /// <summary>k ≥ 2, the future tokens of the surplus (default 2).</summary>
    public int Horizon { get; init; } = 2;

    /// <summary>m, the grid resolution of the belief cells (<see cref="BeliefCells"/>; default 4).</summary>
    public int CellResolution { get; init; } = 4;

    /// <summary>The linear-softmax probe family (default <see cref="SoftmaxProbe.Default"/>).</summary>
    public SoftmaxProbe Probe { get; init; } = SoftmaxProbe.Default;

    /// <summary>The hook to probe; null for the hook the model's head reads (<see cref="Activations.HeadHook"/>), else
    /// the last captured hook.</summary>
    public string? Hook { get; init; }

    /// <summary>
    /// The bounds of the activations at <see cref="Hook"/> at the last position of every probe-set sequence (the contexts
    /// are the sequences, weighted by <see cref="ProbeSet.Weights"/>; targets are the exact laws of the next k tokens
    /// given each context's belief), next to the exact values <c>process.Theory(L).Surplus(k)</c>. With
    /// <see cref="ProbeSet.AllWords"/> the population is exact, so each bound is at most the exact value whatever the
    /// optimiser did; with sampled sequences the contexts are weighted by their sample frequencies.
    /// </summary>
    /// <exception cref="ArgumentException">The activations do not match the probe set, or the hook was not captured.</exception>
    public UsableInformationResult Fit(Activations activations, ProbeSet probeSet, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(activations);
        ArgumentNullException.ThrowIfNull(probeSet);
        if (Horizon < 2) throw new ArgumentException($"UsableInformation.Horizon is {Horizon}; expected at least 2.", nameof(activations));
        if (activations.RowCount != probeSet.RowCount)
            throw new ArgumentException($"The activations have {activations.RowCount} rows; the probe set has {probeSet.RowCount}.", nameof(activations));
        string hook = Hook ?? activations.HeadHook ?? activations.Hooks[^1];
        var states = activations[hook];
        var process = probeSet.Process;
        int n = probeSet.Length, count = probeSet.Count, s = process.StateCount, width = states.Width;
        var features = new double[(long)count * width];
        var beliefs = new double[(long)count * s];
        for (int q = 0; q < count; q++)
        {
            int row = q * n + n - 1;
            var x = states.Row(row);
            for (int j = 0; j < width; j++) features[(long)q * width + j] = x[j];
            probeSet.Belief(row).CopyTo(beliefs.AsSpan(q * s, s));
        }
        var bounds = Measure(process, beliefs, probeSet.Weights, features, width, cancellationToken);
        var exact = process.Theory(n, probeSet.Tolerance).Surplus(Horizon);
        return new UsableInformationResult(hook, n, Horizon, exact, bounds.NextToken, bounds.Future, bounds.Surplus, bounds.Cell, bounds.Cells);
    }

    /// <summary>
    /// Î(X → Y) on plain rows: fits the probe on <paramref name="train"/> (targets: laws over the classes; weights 1
    /// when absent) and evaluates H_V(Y) (the training marginal's cross-entropy) and H_V(Y | X) on
    /// <paramref name="test"/> (or on <paramref name="train"/> when null).
    /// </summary>
    public UsableInformationEstimate FitPredictive(ProbeBatch train, ProbeBatch? test = null, CancellationToken cancellationToken = default) =>
        Predictive(SoftTargets.From(train, nameof(train)), test is null ? null : SoftTargets.From(test, nameof(test)), Probe, cancellationToken);

    /// <summary>
    /// Î(X → Y | Z) on plain rows for a discrete Z with <paramref name="conditioningClasses"/> values: the targets are
    /// joint laws of (Z, Y), class index z · M + y (e.g. the law of W_{t+1..t+k} with Z = W_{t+1}). See the type's remarks.
    /// </summary>
    public UsableInformationEstimate FitConditional(ProbeBatch train, int conditioningClasses, ProbeBatch? test = null,
        CancellationToken cancellationToken = default) =>
        Conditional(SoftTargets.From(train, nameof(train)), conditioningClasses, test is null ? null : SoftTargets.From(test, nameof(test)), Probe, cancellationToken);

    private sealed record Bounds(UsableInformationEstimate NextToken, UsableInformationEstimate Future, UsableInformationEstimate Surplus,
        UsableInformationEstimate Cell, int Cells);

    // The four bounds from one row per context: features, beliefs and weights.
    private Bounds Measure(HiddenMarkovProcess process, double[] beliefs, double[] weights, double[] features, int width,
        CancellationToken cancellationToken)
    {
        int v = process.AlphabetSize, k = Horizon, contexts = weights.Length;
        var futures = FutureLaws.OfAll(process, beliefs, k);
        int f = futures.Length / contexts, tail = f / v;
        // Next token: sum each future law over its last k − 1 symbols.
        var next = new double[contexts * v];
        for (int r = 0; r < contexts; r++)
            for (int x = 0; x < v; x++)
            {
                double sum = 0;
                for (int t = 0; t < tail; t++) sum += futures[(long)r * f + x * tail + t];
                next[r * v + x] = sum;
            }
        var futureData = new SoftTargets(features, width, futures, f, weights);
        var (cells, count) = BeliefCells.Assign(beliefs, process.StateCount, CellResolution);
        int classes = Math.Max(count, 2);
        var cellTargets = new double[(long)contexts * classes];
        for (int r = 0; r < contexts; r++) cellTargets[(long)r * classes + cells[r]] = 1;
        // The four probes are independent fits: one per core (each is the same whatever runs beside it).
        UsableInformationEstimate nextToken = null!, future = null!, surplus = null!, cell = null!;
        try
        {
            Parallel.Invoke(new ParallelOptions { CancellationToken = cancellationToken },
                () => nextToken = Predictive(new SoftTargets(features, width, next, v, weights), null, Probe, cancellationToken),
                () => future = Predictive(futureData, null, Probe, cancellationToken),
                () => surplus = Conditional(futureData, v, null, Probe, cancellationToken),
                () => cell = Predictive(new SoftTargets(features, width, cellTargets, classes, weights), null, Probe, cancellationToken));
        }
        catch (AggregateException e)
        {
            var first = e.InnerExceptions.FirstOrDefault(x => x is not OperationCanceledException) ?? e.InnerExceptions[0];
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(first).Throw();
        }
        return new Bounds(nextToken, future, surplus, cell, count);
    }

    /// <summary>
    /// Î(X → Y): fits a linear-softmax probe on <paramref name="train"/> and evaluates H_V(Y) (the training marginal's
    /// cross-entropy) and H_V(Y | X) on <paramref name="test"/> (or on <paramref name="train"/> when null).
    /// </summary>
    private static UsableInformationEstimate Predictive(SoftTargets train, SoftTargets? test, SoftmaxProbe options,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(train);
        if (test is not null && (test.Width != train.Width || test.Classes != train.Classes))
            throw new ArgumentException($"test has width {test.Width} and {test.Classes} classes; train has {train.Width} and {train.Classes}.", nameof(test));
        var eval = test ?? train;
        var probe = SoftmaxProbe.Fit(train, options, null, cancellationToken, 0);
        double baseline = eval.ConstantCrossEntropy(train.Marginal());
        double probeCe = test is null ? probe.TrainingCrossEntropy : probe.CrossEntropy(eval);
        double exact = Entropy(eval.Marginal()) - eval.RowConditionalEntropy();
        return new UsableInformationEstimate(baseline, probeCe, exact, test is not null, probe);
    }

    /// <summary>
    /// Î(X → Y | Z) for a discrete Z with <paramref name="conditioningClasses"/> values: the targets of
    /// <paramref name="train"/> (and <paramref name="test"/>) are joint laws of (Z, Y), class index z · M + y with
    /// M = Classes / conditioningClasses (e.g. the law of W_{t+1..t+k} with Z = W_{t+1}). Each row r becomes one row per
    /// z with weight w_r·q_r(z), target q_r(y | z) and features [one-hot z, x_r placed in block z] (a separate linear
    /// read-out per value of z); H_V(Y | Z) is the cross-entropy of the training table q(y | z).
    /// </summary>
    private static UsableInformationEstimate Conditional(SoftTargets train, int conditioningClasses, SoftTargets? test,
        SoftmaxProbe options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentOutOfRangeException.ThrowIfLessThan(conditioningClasses, 1);
        if (train.Classes % conditioningClasses != 0 || train.Classes / conditioningClasses < 2)
            throw new ArgumentException($"train has {train.Classes} joint classes; expected conditioningClasses ({conditioningClasses}) × at least 2 target classes.", nameof(train));
        if (test is not null && (test.Width != train.Width || test.Classes != train.Classes))
            throw new ArgumentException($"test has width {test.Width} and {test.Classes} classes; train has {train.Width} and {train.Classes}.", nameof(test));
        var expandedTrain = Expand(train, conditioningClasses);
        var expandedTest = test is null ? null : Expand(test, conditioningClasses);
        var eval = expandedTest ?? expandedTrain;
        var table = Table(expandedTrain, conditioningClasses);
        // Start from the table q(y | z) (logits on the one-hot block), so the fit never ends worse than H_V(Y | Z).
        int mc = expandedTrain.Classes;
        var w0 = new double[mc * expandedTrain.Width];
        for (int y = 0; y < mc; y++)
            for (int z = 0; z < conditioningClasses; z++) w0[y * expandedTrain.Width + z] = Math.Log(Math.Max(table[z][y], 1e-300));
        var probe = SoftmaxProbe.Fit(expandedTrain, options, (w0, new double[mc]), cancellationToken, conditioningClasses);
        double baseline = TableCrossEntropy(table, eval, conditioningClasses);
        double probeCe = expandedTest is null ? probe.TrainingCrossEntropy : probe.CrossEntropy(eval);
        var evalJoint = (test ?? train).Marginal();
        int m = train.Classes / conditioningClasses;
        double hz = Entropy(Enumerable.Range(0, conditioningClasses).Select(z => evalJoint.Skip(z * m).Take(m).Sum()).ToArray());
        double exact = Entropy(evalJoint) - hz - eval.RowConditionalEntropy();
        return new UsableInformationEstimate(baseline, probeCe, exact, test is not null, probe);
    }

    /// <summary>Shannon entropy in nats of a law (zeros skipped).</summary>
    internal static double Entropy(ReadOnlySpan<double> p)
    {
        double h = 0;
        foreach (var v in p) if (v > 0) h -= v * Math.Log(v);
        return h;
    }

    // Rows (r, z) with weight w_r q_r(z) > 0, features [e_z, x_r in block z], targets q_r(· | z).
    private static SoftTargets Expand(SoftTargets data, int zc)
    {
        int m = data.Classes / zc, p = data.Width, width = zc * (p + 1);
        var features = new List<double>();
        var targets = new List<double>();
        var weights = new List<double>();
        var row = new double[width];
        for (int r = 0; r < data.RowCount; r++)
            for (int z = 0; z < zc; z++)
            {
                double qz = 0;
                for (int y = 0; y < m; y++) qz += data.Targets[r * data.Classes + z * m + y];
                if (qz <= 0 || data.Weights[r] == 0) continue;
                Array.Clear(row);
                row[z] = 1;
                data.Features.AsSpan(r * p, p).CopyTo(row.AsSpan(zc + z * p, p));
                features.AddRange(row);
                for (int y = 0; y < m; y++) targets.Add(data.Targets[r * data.Classes + z * m + y] / qz);
                weights.Add(data.Weights[r] * qz);
            }
        if (weights.Count == 0) throw new ArgumentException("No row has positive weight.", nameof(data));
        return new SoftTargets(features.ToArray(), width, targets.ToArray(), m, weights.ToArray());
    }

    // q(y | z) of expanded rows (z read from the one-hot block).
    private static double[][] Table(SoftTargets expanded, int zc)
    {
        int m = expanded.Classes;
        var table = Enumerable.Range(0, zc).Select(_ => new double[m]).ToArray();
        for (int r = 0; r < expanded.RowCount; r++)
        {
            int z = ZOf(expanded, r, zc);
            for (int y = 0; y < m; y++) table[z][y] += expanded.Weights[r] * expanded.Targets[r * m + y];
        }
        foreach (var t in table)
        {
            double s = t.Sum();
            if (s > 0) for (int y = 0; y < m; y++) t[y] /= s;
        }
        return table;
    }

    private static double TableCrossEntropy(double[][] table, SoftTargets expanded, int zc)
    {
        int m = expanded.Classes;
        double ce = 0;
        for (int r = 0; r < expanded.RowCount; r++)
        {
            int z = ZOf(expanded, r, zc);
            for (int y = 0; y < m; y++)
            {
                double t = expanded.Targets[r * m + y];
                if (t > 0) ce -= expanded.Weights[r] * t * (table[z][y] > 0 ? Math.Log(table[z][y]) : double.NegativeInfinity);
            }
        }
        return ce / expanded.WeightSum;
    }

    private static int ZOf(SoftTargets expanded, int row, int zc)
    {
        for (int z = 0; z < zc; z++) if (expanded.Features[row * expanded.Width + z] == 1) return z;
        throw new InvalidOperationException($"Expanded row {row} has no one-hot conditioning block.");
    }
}
