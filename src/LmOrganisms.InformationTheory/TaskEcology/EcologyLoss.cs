using LmOrganisms.Ecology;
using LmOrganisms.InformationTheory;

namespace LmOrganisms;

/// <summary>
/// Token loss of encodings of a <see cref="FiniteEcology"/> (task-ecology paper §1.3–1.4, Thm 8; spec §4.3), in nats.
/// An encoding is a partition of the worlds given as a label array (<c>labels[w]</c> = code of world w).
/// </summary>
public static class EcologyLoss
{
    /// <summary>The irreducible floor H(Y | C, W) = Σ_w Σ_c π(w) d_c(c) H(P_w(·|c)), in nats (Thm 8).</summary>
    public static double Floor(this FiniteEcology ecology)
    {
        ArgumentNullException.ThrowIfNull(ecology);
        double s = 0;
        for (int w = 0; w < ecology.WorldCount; w++)
            for (int c = 0; c < ecology.ContextCount; c++)
            {
                double d = ecology.ContextWeights[c];
                if (d > 0) s -= ecology.Priors[w] * d * Laws.XLogX(ecology.Next(w, c));
            }
        return s;
    }

    /// <summary>The cell mass π_S = Σ_{w∈S} π(w).</summary>
    public static double CellMass(this FiniteEcology ecology, IReadOnlyList<int> cell)
    {
        ArgumentNullException.ThrowIfNull(ecology);
        CheckCell(ecology, cell);
        return cell.Sum(w => ecology.Priors[w]);
    }

    /// <summary>
    /// The cell-average law P̄_S(·|c) = Σ_{w∈S} α_S(w) P_w(·|c), α_S(w) = π(w)/π_S (§1.3): the Bayes decoder's law on
    /// the cell's code.
    /// </summary>
    public static double[] CellAverage(this FiniteEcology ecology, IReadOnlyList<int> cell, int context)
    {
        ArgumentNullException.ThrowIfNull(ecology);
        CheckCell(ecology, cell);
        if (context < 0 || context >= ecology.ContextCount)
            throw new ArgumentOutOfRangeException(nameof(context), context, $"Context index {context} is outside 0…{ecology.ContextCount - 1}.");
        double mass = cell.Sum(w => ecology.Priors[w]);
        var avg = new double[ecology.VocabularySize];
        foreach (int w in cell)
            System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(ecology.Next(w, context), ecology.Priors[w] / mass, avg, avg);
        return avg;
    }

    /// <summary>
    /// The Bayes decoder q*_p(·|x, c) = P̄_x(·|c) of an encoding (Thm 8), indexed <c>[code][context][token]</c> with
    /// codes the canonical labels.
    /// </summary>
    public static double[][][] BayesDecoder(this FiniteEcology ecology, ReadOnlySpan<int> labels)
    {
        ArgumentNullException.ThrowIfNull(ecology);
        var cells = SetPartition.Cells(SetPartition.Check(labels, ecology.WorldCount));
        return cells.Select(cell => Enumerable.Range(0, ecology.ContextCount).Select(c => ecology.CellAverage(cell, c)).ToArray()).ToArray();
    }

    /// <summary>
    /// The optimal (Bayes) loss L*_D(p) = H(Y | C, X) = Σₓ πₓ Σ_c d_c(c) H(P̄ₓ(·|c)) of an encoding, in nats (Thm 8).
    /// </summary>
    public static double BayesLoss(this FiniteEcology ecology, ReadOnlySpan<int> labels)
    {
        ArgumentNullException.ThrowIfNull(ecology);
        double s = 0;
        foreach (var cell in SetPartition.Cells(SetPartition.Check(labels, ecology.WorldCount)))
            s += CellLoss(ecology, cell);
        return s;
    }

    /// <summary>π_S Σ_c d_c H(P̄_S(·|c)), one cell's share of the Bayes loss.</summary>
    internal static double CellLoss(FiniteEcology ecology, IReadOnlyList<int> cell)
    {
        double mass = cell.Sum(w => ecology.Priors[w]);
        double s = 0;
        for (int c = 0; c < ecology.ContextCount; c++)
        {
            double d = ecology.ContextWeights[c];
            if (d > 0) s -= d * mass * Laws.XLogX(ecology.CellAverage(cell, c));
        }
        return s;
    }

    /// <summary>
    /// The Jensen–Shannon excess E_{c∼D_C}[Σₓ πₓ JS_{αₓ}({P_w(·|c)}_{w∈Cₓ})], in nats, computed from the weighted
    /// generalised JS divergence of each cell (Thm 8). Singletons contribute 0.
    /// </summary>
    public static double JsExcess(this FiniteEcology ecology, ReadOnlySpan<int> labels)
    {
        ArgumentNullException.ThrowIfNull(ecology);
        double s = 0;
        foreach (var cell in SetPartition.Cells(SetPartition.Check(labels, ecology.WorldCount)))
        {
            if (cell.Length < 2) continue;
            double mass = cell.Sum(w => ecology.Priors[w]);
            var alpha = cell.Select(w => ecology.Priors[w] / mass).ToArray();
            for (int c = 0; c < ecology.ContextCount; c++)
            {
                double d = ecology.ContextWeights[c];
                if (d <= 0) continue;
                var laws = cell.Select(w => ecology.Next(w, c).ToArray()).ToArray();
                s += d * mass * Divergence.JensenShannon(laws, alpha);
            }
        }
        return s;
    }

    /// <summary>The excess Δ_D(p) = L*_D(p) − H(Y | C, W) ≥ 0, in nats (§1.4).</summary>
    public static double Excess(this FiniteEcology ecology, ReadOnlySpan<int> labels) => ecology.BayesLoss(labels) - ecology.Floor();

    /// <summary>The representational complexity I(p) = H(p(W)) = −Σₓ πₓ ln πₓ, in nats (§1.9).</summary>
    public static double Complexity(this FiniteEcology ecology, ReadOnlySpan<int> labels)
    {
        ArgumentNullException.ThrowIfNull(ecology);
        double s = 0;
        foreach (var cell in SetPartition.Cells(SetPartition.Check(labels, ecology.WorldCount)))
        {
            double m = cell.Sum(w => ecology.Priors[w]);
            s -= m * Math.Log(m);
        }
        return s;
    }

    /// <summary>The penalised objective J_{D,β}(p) = L*_D(p) + β H(p(W)), in nats (Def 53), β ≥ 0.</summary>
    public static double Objective(this FiniteEcology ecology, ReadOnlySpan<int> labels, double beta)
    {
        CheckBeta(beta);
        return ecology.BayesLoss(labels) + beta * ecology.Complexity(labels);
    }

    /// <summary>The Bayes loss, floor, JS excess and complexity of an encoding together (Thm 8).</summary>
    public static Decomposition Decompose(this FiniteEcology ecology, ReadOnlySpan<int> labels)
    {
        ArgumentNullException.ThrowIfNull(ecology);
        var canon = SetPartition.Check(labels, ecology.WorldCount);
        return new Decomposition(canon, ecology.BayesLoss(canon), ecology.Floor(), ecology.JsExcess(canon), ecology.Complexity(canon));
    }

    /// <summary>
    /// The loss L_D(p, q) = E_{w,c}[CE(P_w(·|c), q(p(w), c))] of an encoding with an arbitrary decoder
    /// <c>decoder[code][context][token]</c>, in nats; +∞ when the decoder misses the support of some law (§1.4).
    /// </summary>
    public static double DecoderLoss(this FiniteEcology ecology, ReadOnlySpan<int> labels, double[][][] decoder)
    {
        ArgumentNullException.ThrowIfNull(ecology);
        ArgumentNullException.ThrowIfNull(decoder);
        var canon = SetPartition.Check(labels, ecology.WorldCount);
        int k = canon.Max() + 1;
        if (decoder.Length != k)
            throw new ArgumentException($"The decoder has {decoder.Length} codes but the partition has {k} cells.", nameof(decoder));
        for (int x = 0; x < k; x++)
        {
            if (decoder[x] is null || decoder[x].Length != ecology.ContextCount)
                throw new ArgumentException($"The decoder for code {x} covers {decoder[x]?.Length ?? 0} contexts, expected {ecology.ContextCount}.", nameof(decoder));
            Laws.CheckStochastic(decoder[x], $"decoder[{x}]", ecology.VocabularySize);
        }
        double s = 0;
        for (int w = 0; w < ecology.WorldCount; w++)
            for (int c = 0; c < ecology.ContextCount; c++)
            {
                double d = ecology.ContextWeights[c];
                if (d > 0) s += ecology.Priors[w] * d * Divergence.CrossEntropyUnchecked(ecology.Next(w, c), decoder[canon[w]][c]);
            }
        return s;
    }

    internal static void CheckBeta(double beta)
    {
        if (!double.IsFinite(beta) || beta < 0)
            throw new ArgumentOutOfRangeException(nameof(beta), beta, $"beta = {Laws.Num(beta)} must be finite and ≥ 0.");
    }

    internal static void CheckCell(FiniteEcology ecology, IReadOnlyList<int> cell)
    {
        ArgumentNullException.ThrowIfNull(cell);
        if (cell.Count == 0) throw new ArgumentException("The cell is empty.", nameof(cell));
        var seen = new HashSet<int>();
        foreach (int w in cell)
        {
            if (w < 0 || w >= ecology.WorldCount)
                throw new ArgumentException($"World index {w} in the cell is outside 0…{ecology.WorldCount - 1}.", nameof(cell));
            if (!seen.Add(w)) throw new ArgumentException($"World index {w} appears twice in the cell.", nameof(cell));
        }
    }
}
