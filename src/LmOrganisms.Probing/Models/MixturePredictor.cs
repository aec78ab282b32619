using System.Globalization;
using LmOrganisms.Ecology;

namespace LmOrganisms.Probing;

/// <summary>
/// The exact Bayes predictor of the prior-weighted mixture of stationary hidden-Markov processes: the ideal organism
/// of an ecology of process worlds (task-ecology paper §1.6 with the Bayes readout, spec §1.4). A sequence is drawn by
/// choosing world w with probability π(w) and running process w from its stationary distribution; the predictor
/// filters the joint posterior over (world, hidden state), <c>α_{t} ∝ α_{t−1} · blockdiag(T_w[x_t])</c> started at
/// <c>π(w) μ_w</c>, and predicts <c>Pr(v | x_1..x_t) = Σ_w Σ_i α_t(w, i) Σ_j T_w[v]_{ij}</c>, in double.
/// After a prefix of probability 0 under every world the conditional law is undefined; the predictor then returns the
/// uniform law for that position and all later ones of the row (such a row has probability 0 under the mixture).
/// </summary>
public sealed class MixturePredictor : ISequenceModel
{
    private readonly double[][][] symbolMatrices; // [world][symbol][i * S + j]
    private readonly double[][][] rowSums;        // [world][symbol][i]
    private readonly double[][] start;            // [world][i] = π(w) μ_w(i)
    private readonly int[] offsets;
    private readonly int stateTotal;

    /// <summary>The predictor of the mixture of <paramref name="worlds"/> with prior <paramref name="priors"/>
    /// (null = uniform; each π(w) &gt; 0, summing to 1 within <see cref="Tolerances.SumTolerance"/>).</summary>
    /// <exception cref="ArgumentException">No worlds, alphabets differ, or the prior is not a positive distribution.</exception>
    public MixturePredictor(IReadOnlyList<HiddenMarkovProcess> worlds, IReadOnlyList<double>? priors = null)
    {
        ArgumentNullException.ThrowIfNull(worlds);
        if (worlds.Count == 0) throw new ArgumentException("At least one world (process) is required.", nameof(worlds));
        for (int w = 0; w < worlds.Count; w++)
        {
            if (worlds[w] is null) throw new ArgumentException($"World {w} is null.", nameof(worlds));
            if (!worlds[w].Alphabet.SequenceEqual(worlds[0].Alphabet, StringComparer.Ordinal))
                throw new ArgumentException(
                    $"World '{worlds[w].Name}' (index {w}) has alphabet ({string.Join(", ", worlds[w].Alphabet)}), but '{worlds[0].Name}' has ({string.Join(", ", worlds[0].Alphabet)}); the mixture needs one alphabet.",
                    nameof(worlds));
        }
        var pi = priors?.ToArray() ?? Enumerable.Repeat(1.0 / worlds.Count, worlds.Count).ToArray();
        if (pi.Length != worlds.Count)
            throw new ArgumentException($"{pi.Length} priors given for {worlds.Count} worlds.", nameof(priors));
        for (int w = 0; w < pi.Length; w++)
            if (!(pi[w] > 0) || !double.IsFinite(pi[w]))
                throw new ArgumentException(
                    $"The prior of world '{worlds[w].Name}' (index {w}) is {pi[w].ToString("R", CultureInfo.InvariantCulture)}; every world needs a finite prior > 0.",
                    nameof(priors));
        if (Math.Abs(pi.Sum() - 1) > Tolerances.SumTolerance)
            throw new ArgumentException(
                $"The priors sum to {pi.Sum().ToString("G12", CultureInfo.InvariantCulture)}, expected 1.", nameof(priors));

        Worlds = worlds.ToArray();
        Priors = pi;
        Vocabulary = worlds[0].AlphabetSize;
        symbolMatrices = new double[worlds.Count][][];
        rowSums = new double[worlds.Count][][];
        start = new double[worlds.Count][];
        offsets = new int[worlds.Count];
        for (int w = 0; w < worlds.Count; w++)
        {
            var p = worlds[w];
            int s = p.StateCount;
            offsets[w] = stateTotal;
            stateTotal += s;
            symbolMatrices[w] = new double[Vocabulary][];
            rowSums[w] = new double[Vocabulary][];
            for (int x = 0; x < Vocabulary; x++)
            {
                symbolMatrices[w][x] = p.SymbolMatrix(x).ToArray();
                rowSums[w][x] = new double[s];
                for (int i = 0; i < s; i++)
                    for (int j = 0; j < s; j++) rowSums[w][x][i] += symbolMatrices[w][x][i * s + j];
            }
            start[w] = p.StationaryDistribution.Select(m => pi[w] * m).ToArray();
        }
    }

    /// <summary>The worlds of the mixture.</summary>
    public IReadOnlyList<HiddenMarkovProcess> Worlds { get; }

    /// <summary>The prior π(w) of each world.</summary>
    public IReadOnlyList<double> Priors { get; }

    /// <inheritdoc />
    public int Vocabulary { get; }

    /// <summary>Unbounded: <see cref="int.MaxValue"/>.</summary>
    public int ContextLength => int.MaxValue;

    /// <inheritdoc />
    public double[] NextTokenLaws(ReadOnlySpan<int> tokens, int count, int length)
    {
        SequenceInput.Check(this, tokens, count, length);
        int v = Vocabulary;
        var laws = new double[count * length * v];
        var all = tokens.ToArray();
        Parallel.For(0, count, () => (new double[stateTotal], new double[stateTotal]), (row, _, buffers) =>
        {
            Filter(all.AsSpan(row * length, length), buffers.Item1, buffers.Item2, laws.AsSpan(row * length * v, length * v), null);
            return buffers;
        }, _ => { });
        return laws;
    }

    /// <summary>
    /// The posterior over worlds after <paramref name="tokens"/>: <c>Pr(w | x_1..x_t) ∝ π(w) Pr_w(x_1..x_t)</c>
    /// (the prior for the empty sequence).
    /// </summary>
    /// <exception cref="ArgumentException">A token is outside the vocabulary, or the sequence has probability 0 under every world.</exception>
    public double[] WorldPosterior(ReadOnlySpan<int> tokens)
    {
        for (int t = 0; t < tokens.Length; t++)
            if ((uint)tokens[t] >= (uint)Vocabulary)
                throw new ArgumentException($"Token {tokens[t]} at position {t} is outside the vocabulary of {Vocabulary} tokens.", nameof(tokens));
        var alpha = new double[stateTotal];
        var posterior = new double[Worlds.Count];
        if (!Filter(tokens, alpha, new double[stateTotal], Span<double>.Empty, posterior))
            throw new ArgumentException("The sequence has probability 0 under every world of the mixture.", nameof(tokens));
        return posterior;
    }

    /// <summary>
    /// Runs the joint filter over <paramref name="tokens"/>, writing the law after each prefix into
    /// <paramref name="laws"/> (when not empty) and the final world posterior into <paramref name="posterior"/>
    /// (when not null). Returns false when the sequence has probability 0.
    /// </summary>
    private bool Filter(ReadOnlySpan<int> tokens, Span<double> alpha, Span<double> next, Span<double> laws, double[]? posterior)
    {
        int v = Vocabulary;
        for (int w = 0; w < start.Length; w++) start[w].CopyTo(alpha.Slice(offsets[w], start[w].Length));
        for (int t = 0; t < tokens.Length; t++)
        {
            int x = tokens[t];
            double z = 0;
            for (int w = 0; w < start.Length; w++)
            {
                int s = start[w].Length;
                var a = alpha.Slice(offsets[w], s);
                var b = next.Slice(offsets[w], s);
                var m = symbolMatrices[w][x];
                b.Clear();
                for (int i = 0; i < s; i++)
                {
                    double ai = a[i];
                    if (ai == 0) continue;
                    for (int j = 0; j < s; j++) b[j] += ai * m[i * s + j];
                }
                for (int j = 0; j < s; j++) z += b[j];
            }
            if (!(z > 0))
            {
                if (!laws.IsEmpty) laws[(t * v)..].Fill(1.0 / v);
                return false;
            }
            for (int k = 0; k < alpha.Length; k++) alpha[k] = next[k] / z;
            if (laws.IsEmpty) continue;
            var law = laws.Slice(t * v, v);
            double total = 0;
            for (int y = 0; y < v; y++)
            {
                double p = 0;
                for (int w = 0; w < start.Length; w++)
                {
                    var a = alpha.Slice(offsets[w], start[w].Length);
                    var r = rowSums[w][y];
                    for (int i = 0; i < r.Length; i++) p += a[i] * r[i];
                }
                total += law[y] = p;
            }
            for (int y = 0; y < v; y++) law[y] /= total;
        }
        if (posterior is not null)
        {
            double total = 0;
            for (int w = 0; w < start.Length; w++)
            {
                double s = 0;
                foreach (var a in alpha.Slice(offsets[w], start[w].Length)) s += a;
                total += posterior[w] = s;
            }
            for (int w = 0; w < posterior.Length; w++) posterior[w] /= total;
        }
        return true;
    }
}
