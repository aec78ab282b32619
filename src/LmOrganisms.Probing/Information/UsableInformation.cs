namespace LmOrganisms.Probing;

/// <summary>
/// Probe-based lower bounds on the information a representation holds (usable or predictive V-information, spec
/// markov-categories §1.4 "for a trained model", §2 claim C2, §3 E1): Î(X → Y) = H(Y) − min_probe CE(probe(x) → y),
/// and the conditional form Î(X → Y | Z) = H(Y | Z) − min_probe CE(probe(x, z) → y) that lower-bounds the chain-rule
/// surplus S^cond = I(H_t; W_{t+2..t+k} | W_{t+1}). The probes are linear-softmax (<see cref="SoftmaxProbe"/>).
/// </summary>
/// <remarks>
/// With an exact population (every context once, weighted by its probability, targets the exact conditional laws from
/// the generating process) the bound needs no held-out split: the probe's population cross-entropy is at least
/// H(Y | X) ≥ H(Y | C), so Î ≤ I(X; Y) ≤ I(C; Y) whatever the optimiser did. With sampled labels pass held-out rows.
/// </remarks>
public static class UsableInformation
{
    /// <summary>
    /// Î(X → Y): fits a linear-softmax probe on <paramref name="train"/> and evaluates H_V(Y) (the training marginal's
    /// cross-entropy) and H_V(Y | X) on <paramref name="test"/> (or on <paramref name="train"/> when null).
    /// </summary>
    public static UsableInformationEstimate Predictive(ProbeData train, ProbeData? test = null, SoftmaxProbeOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(train);
        if (test is not null && (test.Width != train.Width || test.Classes != train.Classes))
            throw new ArgumentException($"test has width {test.Width} and {test.Classes} classes; train has {train.Width} and {train.Classes}.", nameof(test));
        var eval = test ?? train;
        var probe = SoftmaxProbe.Fit(train, options, cancellationToken);
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
    public static UsableInformationEstimate Conditional(ProbeData train, int conditioningClasses, ProbeData? test = null,
        SoftmaxProbeOptions? options = null, CancellationToken cancellationToken = default)
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
    private static ProbeData Expand(ProbeData data, int zc)
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
        return new ProbeData(features.ToArray(), width, targets.ToArray(), m, weights.ToArray());
    }

    // q(y | z) of expanded rows (z read from the one-hot block).
    private static double[][] Table(ProbeData expanded, int zc)
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

    private static double TableCrossEntropy(double[][] table, ProbeData expanded, int zc)
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

    private static int ZOf(ProbeData expanded, int row, int zc)
    {
        for (int z = 0; z < zc; z++) if (expanded.Features[row * expanded.Width + z] == 1) return z;
        throw new InvalidOperationException($"Expanded row {row} has no one-hot conditioning block.");
    }
}
