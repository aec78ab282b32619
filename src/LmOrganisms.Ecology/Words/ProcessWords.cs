using LmOrganisms.Ecology;

namespace LmOrganisms;

/// <summary>
/// Every positive-probability word of one length of a stationary hidden-Markov process, in lexicographic order of token
/// indices, with its exact probability and, when asked, the belief after it (belief-geometry spec §2.1 and checklist
/// item 8: 59,049 / 436 / 32 words of length 10 for Mess3 / RRXOR / Z1R). The one enumeration of words in the library:
/// probe sets, exact losses, population scoring and ecologies built from processes all use it. Expectations over these
/// words are exact: no sampling noise.
/// </summary>
/// <remarks>
/// Probabilities are products of the step probabilities <c>Pr(x_t | x₁..x_{t−1}) = η_{t−1} T[x_t] 1</c> along the word,
/// with the belief η normalised after every step (<see cref="HiddenMarkovProcess.UpdateBelief"/>) (so long words neither underflow a forward vector nor lose the belief's
/// precision). Made by <see cref="HiddenMarkovProcess.Words"/>.
/// </remarks>
public sealed class ProcessWords
{
    /// <summary>The most words one enumeration may hold: 4,194,304 (2²²; Mess3 up to length 13, binary processes up to 22).</summary>
    public const int MaxCount = 1 << 22;

    private ProcessWords(HiddenMarkovProcess process, int length, int[] tokens, double[] probabilities, double[]? beliefs)
    {
        Process = process;
        Length = length;
        Tokens = tokens;
        Probabilities = probabilities;
        Beliefs = beliefs;
    }

    /// <summary>The process.</summary>
    public HiddenMarkovProcess Process { get; }

    /// <summary>Tokens per word.</summary>
    public int Length { get; }

    /// <summary>Number of words.</summary>
    public int Count => Probabilities.Length;

    /// <summary>The words, <c>[word, position]</c> row-major (Count × Length).</summary>
    public int[] Tokens { get; }

    /// <summary>Pr(word) under the stationary process, per word; they sum to 1 up to rounding.</summary>
    public double[] Probabilities { get; }

    /// <summary>The belief after each word, <c>[word, state]</c> row-major (Count × states), or null when not asked for.</summary>
    public double[]? Beliefs { get; }

    /// <summary>Word <paramref name="index"/>.</summary>
    public ReadOnlySpan<int> Word(int index) => Tokens.AsSpan(checked(index * Length), Length);

    /// <summary>The belief after word <paramref name="index"/>; throws when the words were enumerated without beliefs.</summary>
    public ReadOnlySpan<double> Belief(int index)
    {
        if (Beliefs is null) throw new InvalidOperationException("These words were enumerated without beliefs; call Words(length, beliefs: true).");
        int s = Process.StateCount;
        return Beliefs.AsSpan(checked(index * s), s);
    }

    /// <summary>
    /// The exact expected cross-entropy per position k = 1..<see cref="Length"/>, in nats, of a predictor whose next-token
    /// laws on these words are <paramref name="laws"/>: <c>CE_k = Σ_word Pr(word) Σ_x Pr(x | x₁..x_k) (−ln q(x | x₁..x_k))</c>,
    /// where <c>laws[(word · Length + k − 1) · V + x] = q(x | x₁..x_k)</c> (the law a causal model outputs at position k − 1)
    /// and <c>Pr(x | x₁..x_k)</c> is the process's exact next-token law. Belief-geometry spec §2.3 ("exact expected loss").
    /// </summary>
    /// <param name="laws">The predictor's laws, Count × Length × V.</param>
    /// <param name="vocabulary">V, the predictor's vocabulary size: at least the alphabet's (tokens beyond it, e.g. labels,
    /// are never the process's next token); null for the alphabet size.</param>
    /// <exception cref="ArgumentException">The laws do not have Count × Length × V entries.</exception>
    public double[] CrossEntropy(ReadOnlySpan<double> laws, int? vocabulary = null) =>
        CrossEntropy(laws, Vocabulary(vocabulary), static (q, i) => -Math.Log(q[i]));

    /// <summary>As <see cref="CrossEntropy(ReadOnlySpan{double}, int?)"/> from the predictor's natural-log probabilities
    /// (<c>logProbabilities[…] = ln q(x | x₁..x_k)</c>, e.g. a model's float32 <c>log_softmax</c>).</summary>
    /// <param name="logProbabilities">ln q, Count × Length × V.</param>
    /// <param name="vocabulary">V; null for the alphabet size.</param>
    public double[] CrossEntropy(ReadOnlySpan<float> logProbabilities, int? vocabulary = null) =>
        CrossEntropy(logProbabilities, Vocabulary(vocabulary), static (q, i) => -(double)q[i]);

    /// <summary>
    /// The Pr-weighted mean of a predictor's laws per position: <c>p̄_k = Σ_word Pr(word) q(· | x₁..x_k) / Σ_word Pr(word)</c>
    /// (Length arrays of V entries), with <paramref name="laws"/> laid out as in <see cref="CrossEntropy(ReadOnlySpan{double}, int?)"/>.
    /// </summary>
    /// <param name="laws">The predictor's laws, Count × Length × V.</param>
    /// <param name="vocabulary">V; null for the alphabet size.</param>
    public double[][] MeanLaws(ReadOnlySpan<double> laws, int? vocabulary = null)
    {
        int v = Vocabulary(vocabulary), n = Length;
        CheckLaws(laws.Length, v, nameof(laws));
        var mean = new double[n][];
        for (int k = 0; k < n; k++) mean[k] = new double[v];
        double total = 0;
        for (int r = 0; r < Count; r++)
        {
            double p = Probabilities[r];
            total += p;
            for (int k = 0; k < n; k++)
            {
                int at = (r * n + k) * v;
                for (int x = 0; x < v; x++) mean[k][x] += p * laws[at + x];
            }
        }
        for (int k = 0; k < n; k++)
            for (int x = 0; x < v; x++) mean[k][x] /= total;
        return mean;
    }

    private delegate double NegativeLog<T>(ReadOnlySpan<T> q, int index);

    private double[] CrossEntropy<T>(ReadOnlySpan<T> q, int vq, NegativeLog<T> negativeLog)
    {
        int v = Process.AlphabetSize, s = Process.StateCount, n = Length;
        CheckLaws(q.Length, vq, "laws");
        var loss = new double[n];
        var eta = new double[s];
        var next = new double[s];
        var law = new double[v];
        var pi = Process.StationaryDistribution;
        for (int r = 0; r < Count; r++)
        {
            double weight = Probabilities[r];
            for (int i = 0; i < s; i++) eta[i] = pi[i];
            for (int k = 0; k < n; k++)
            {
                // η ← η T[x_k] / Pr(x_k | …), then the exact next-token law Pr(x | x₁..x_k) = η T[x] 1.
                Process.UpdateBelief(eta, Tokens[r * n + k], next);
                next.CopyTo(eta, 0);
                Process.NextTokenLaw(eta, law);
                int at = (r * n + k) * vq;
                double ce = 0;
                for (int x = 0; x < v; x++)
                    if (law[x] > 0) ce += law[x] * negativeLog(q, at + x);
                loss[k] += weight * ce;
            }
        }
        return loss;
    }

    private int Vocabulary(int? vocabulary)
    {
        int v = vocabulary ?? Process.AlphabetSize;
        if (v < Process.AlphabetSize)
            throw new ArgumentOutOfRangeException(nameof(vocabulary), v, $"The predictor's vocabulary of {v} tokens is smaller than process '{Process.Name}''s alphabet of {Process.AlphabetSize}.");
        return v;
    }

    private void CheckLaws(int length, int vocabulary, string paramName)
    {
        long expected = (long)Count * Length * vocabulary;
        if (length != expected)
            throw new ArgumentException(
                $"The predictor's laws have {length} entries; {Count} words × {Length} positions × {vocabulary} tokens = {expected} were expected.",
                paramName);
    }

    /// <summary>Enumerates the words (see <see cref="HiddenMarkovProcess.Words"/>).</summary>
    internal static ProcessWords Enumerate(HiddenMarkovProcess process, int length, bool beliefs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(process);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        int s = process.StateCount;
        var tokens = new List<int>();
        var probabilities = new List<double>();
        var after = beliefs ? new List<double>() : null;
        WordTree.Walk([process], length, (word, p, b) =>
        {
            if (probabilities.Count == MaxCount)
                throw new ArgumentException(
                    $"Process '{process.Name}' has more than {MaxCount:N0} positive-probability words of length {length} (ProcessWords.MaxCount); choose a shorter length.",
                    nameof(length));
            tokens.AddRange(word);
            probabilities.Add(p[0]);
            if (after is not null) for (int i = 0; i < s; i++) after.Add(b[i]);
        }, cancellationToken: cancellationToken);
        return new ProcessWords(process, length, tokens.ToArray(), probabilities.ToArray(), after?.ToArray());
    }
}
