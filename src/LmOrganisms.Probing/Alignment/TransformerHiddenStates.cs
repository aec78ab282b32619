using System.Globalization;
using LmOrganisms.BeliefStates;
using LmOrganisms.Ecology;
using LmOrganisms.Transformers;
using MathNet.Numerics.LinearAlgebra;

namespace LmOrganisms.Probing;

/// <summary>
/// A trained transformer's final states as an <see cref="IHiddenStateSource"/> for <see cref="AlignmentAnalysis"/>
/// (spec markov-categories §4 item 17, §3 E3): sampled sequences of the process, one sample per position t = 1..L
/// (h_t at <see cref="TransformerHead.FinalStateHook"/>, the token that followed), grouped into contexts by their exact
/// belief (the mixed state of the prefix, merged within a tolerance). The context law π is the empirical frequency of
/// the beliefs among the samples (positions pooled); the next-token laws Q are exact (the belief's next-token law).
/// </summary>
/// <remarks>
/// <para>AlignmentAnalysis needs the π-covariance of the per-context mean states to be invertible, i.e. fewer
/// directions than contexts and no dead direction. A final LayerNorm's output lies in an affine hyperplane (its
/// normalised part has zero mean), so the states are projected onto their top r principal components (sample mean μ,
/// sample covariance; by default r = the numerical rank, eigenvalues above 1e-8 × the largest, capped at contexts − 1).
/// <see cref="ProjectHead"/> gives the head on the projected coordinates a: W' = W P, b' = b + W μ, which is exact for
/// the part of each h − μ inside the retained span (<see cref="RetainedVariance"/> says how much that is).</para>
/// <para>Keep L short: the number of contexts (distinct beliefs at depths 1..L, e.g. Mess3: at most 3 + 9 + … + 3^L)
/// sets the N × N operators' size.</para>
/// </remarks>
public sealed class TransformerHiddenStates : IHiddenStateSource
{
    private readonly HiddenStateSample[] samples;

    private TransformerHiddenStates(HiddenStateSample[] samples, int contextCount, int width, double[][] beliefs,
        double[][] nextTokenLaws, double[] contextLaw, Vector<double> mean, Matrix<double> components, double retained, string hook)
    {
        this.samples = samples;
        ContextCount = contextCount;
        Width = width;
        Beliefs = beliefs;
        NextTokenLaws = nextTokenLaws;
        ContextLaw = contextLaw;
        Mean = mean;
        Components = components;
        RetainedVariance = retained;
        Hook = hook;
    }

    /// <inheritdoc />
    public int ContextCount { get; }

    /// <inheritdoc />
    public int Width { get; }

    /// <summary>The number of samples (sequences × L).</summary>
    public int Count => samples.Length;

    /// <summary>The belief of each context id.</summary>
    public IReadOnlyList<double[]> Beliefs { get; }

    /// <summary>Exact next-token law of each context (its belief's), for <see cref="AlignmentAnalysis.Run"/>.</summary>
    public IReadOnlyList<double[]> NextTokenLaws { get; }

    /// <summary>Empirical context frequencies among the samples (what AlignmentAnalysis estimates when given null).</summary>
    public IReadOnlyList<double> ContextLaw { get; }

    /// <summary>μ, the sample mean of the raw states (model width).</summary>
    public Vector<double> Mean { get; }

    /// <summary>P, model width × r: the retained principal directions (orthonormal columns).</summary>
    public Matrix<double> Components { get; }

    /// <summary>Fraction of the raw states' total variance inside the retained span, in [0, 1].</summary>
    public double RetainedVariance { get; }

    /// <summary>The hook the states were read at.</summary>
    public string Hook { get; }

    /// <inheritdoc />
    public IEnumerable<HiddenStateSample> Samples() => samples;

    /// <summary>The head on the projected coordinates: W' = W P (V × r), b' = b + W μ.</summary>
    public UnembeddingHead ProjectHead(IHead head)
    {
        ArgumentNullException.ThrowIfNull(head);
        if (head.Weights.ColumnCount != Mean.Count)
            throw new ArgumentException($"The head's W has {head.Weights.ColumnCount} columns; the model states have width {Mean.Count}.", nameof(head));
        return new UnembeddingHead(head.Weights * Components, head.Bias + head.Weights * Mean);
    }

    /// <summary>
    /// Samples <paramref name="sequences"/> sequences of length <paramref name="maxLength"/> + 1 from
    /// <paramref name="process"/> (seed <paramref name="seed"/>), runs <paramref name="model"/> on the first
    /// <paramref name="maxLength"/> tokens, and records every position's state at <paramref name="hook"/> (default: the
    /// state the unembedding reads) with its belief context and the token that followed.
    /// </summary>
    /// <param name="model">The trained model (context ≥ <paramref name="maxLength"/>, vocabulary = the process's alphabet).</param>
    /// <param name="process">The process it was trained on.</param>
    /// <param name="maxLength">L: prefixes of length 1..L.</param>
    /// <param name="hook">The hook to read; null for <see cref="TransformerHead.FinalStateHook"/>.</param>
    /// <param name="sequences">Number of sampled sequences.</param>
    /// <param name="seed">Sampling seed.</param>
    /// <param name="components">r, the principal components kept; null for the numerical rank capped at contexts − 1.</param>
    /// <param name="tolerance">Beliefs closer than this (per entry) share a context.</param>
    public static TransformerHiddenStates FromBeliefContexts(Transformer model, HiddenMarkovProcess process, int maxLength,
        string? hook = null, int sequences = 4096, int seed = 0, int? components = null, double tolerance = 1e-9)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(process);
        if (model.Config.Vocabulary != process.AlphabetSize)
            throw new ArgumentException($"The model has vocabulary {model.Config.Vocabulary}; process '{process.Name}' has {process.AlphabetSize} symbols.", nameof(process));
        if (maxLength < 1 || maxLength > model.Config.ContextLength)
            throw new ArgumentException($"maxLength is {maxLength}; the model's context holds 1 to {model.Config.ContextLength}.", nameof(maxLength));
        ArgumentOutOfRangeException.ThrowIfLessThan(sequences, 1);
        if (!(tolerance > 0)) throw new ArgumentException($"tolerance is {tolerance}; expected > 0.", nameof(tolerance));
        hook ??= TransformerHead.FinalStateHook(model.Config);
        int l = maxLength, s = process.StateCount;
        var full = process.Sample(sequences, l + 1, seed);
        var tokens = new int[sequences * l];
        for (int r = 0; r < sequences; r++) full.Row(r)[..l].CopyTo(tokens.AsSpan(r * l, l));
        var beliefs = new double[(long)sequences * l * s];
        BeliefFilter.FilterInto(process, tokens, sequences, l, beliefs);

        // Raw states, rows = sequence · L + position.
        double[] raw = [];
        int width = 0;
        model.RunWithCache(new TokenBatch(tokens, sequences, l), [hook], 1024, (first, cache) =>
        {
            var values = cache.ToArray(hook);
            int rows = Math.Min(1024, sequences - first) * l;
            if (width == 0) { width = values.Length / rows; raw = new double[(long)sequences * l * width]; }
            for (int i = 0; i < values.Length; i++) raw[(long)first * l * width + i] = values[i];
        });
        int n = sequences * l;

        var ids = new Dictionary<string, int>();
        var contextOf = new int[n];
        var contextBeliefs = new List<double[]>();
        for (int r = 0; r < n; r++)
        {
            var b = beliefs.AsSpan(r * s, s);
            var key = string.Join(",", b.ToArray().Select(v => Math.Round(v / tolerance).ToString(CultureInfo.InvariantCulture)));
            if (!ids.TryGetValue(key, out int id)) { ids[key] = id = ids.Count; contextBeliefs.Add(b.ToArray()); }
            contextOf[r] = id;
        }
        int contexts = ids.Count;
        var counts = new double[contexts];
        foreach (var c in contextOf) counts[c]++;
        var law = counts.Select(c => c / n).ToArray();
        var next = contextBeliefs.Select(b => BeliefFilter.NextTokenDistribution(process, b)).ToArray();

        // Principal components of the raw states.
        var mean = Vector<double>.Build.Dense(width);
        for (int r = 0; r < n; r++) for (int j = 0; j < width; j++) mean[j] += raw[(long)r * width + j] / n;
        var cov = Matrix<double>.Build.Dense(width, width);
        var centred = new double[width];
        for (int r = 0; r < n; r++)
        {
            for (int j = 0; j < width; j++) centred[j] = raw[(long)r * width + j] - mean[j];
            for (int i = 0; i < width; i++)
                for (int j = i; j < width; j++) cov[i, j] += centred[i] * centred[j] / n;
        }
        for (int i = 0; i < width; i++) for (int j = 0; j < i; j++) cov[i, j] = cov[j, i];
        var evd = cov.Evd(Symmetricity.Symmetric);
        var order = Enumerable.Range(0, width).OrderByDescending(i => evd.EigenValues[i].Real).ToArray();
        var lambda = order.Select(i => Math.Max(0, evd.EigenValues[i].Real)).ToArray();
        int rank = lambda.Count(x => x > 1e-8 * Math.Max(lambda[0], double.Epsilon));
        int keep = components ?? Math.Min(rank, contexts - 1);
        if (keep < 1 || keep > width)
            throw new ArgumentException($"components is {keep}; expected 1 to the state width {width} (contexts: {contexts}, numerical rank: {rank}).", nameof(components));
        var p = Matrix<double>.Build.Dense(width, keep, (i, k) => evd.EigenVectors[i, order[k]]);
        double total = lambda.Sum();
        double retained = total > 0 ? lambda.Take(keep).Sum() / total : 1;

        var list = new HiddenStateSample[n];
        for (int r = 0; r < n; r++)
        {
            var a = new double[keep];
            for (int j = 0; j < width; j++)
            {
                double c = raw[(long)r * width + j] - mean[j];
                if (c == 0) continue;
                for (int k = 0; k < keep; k++) a[k] += p[j, k] * c;
            }
            int seq = r / l, pos = r % l;
            list[r] = new HiddenStateSample(contextOf[r], a, full[seq, pos + 1]);
        }
        return new TransformerHiddenStates(list, contexts, keep, contextBeliefs.ToArray(), next, law, mean, p, Math.Min(1, retained), hook);
    }
}
