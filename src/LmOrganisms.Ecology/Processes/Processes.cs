using System.Globalization;
using LmOrganisms.Ecology;

namespace LmOrganisms;

/// <summary>
/// The catalog of named hidden-Markov processes used by the three papers, with their parameters.
/// Every factory returns a validated, immutable <see cref="HiddenMarkovProcess"/>; matrices follow the
/// <c>T[x][from][to]</c> convention of DESIGN.md. Source of each process in its doc comment.
/// </summary>
public static class Processes
{
    /// <summary>Names accepted by <see cref="FromName"/> (lower case).</summary>
    public static IReadOnlyList<string> Names { get; } = ["mess3", "rrxor", "z1r", "golden-mean", "even", "coin"];

    /// <summary>
    /// Mess3(x, α) (Marzen &amp; Crutchfield 2017; belief-geometry paper §2.2): three hidden states, three tokens
    /// A, B, C. The hidden chain stays with probability <c>y = 1 − 2x</c> and jumps to each other state with
    /// probability x; the token names the destination state with probability α and each other token with
    /// probability <c>β = (1 − α)/2</c>: <c>T[s][i][j] = P[i][j]·(α if s = j else β)</c>. Paper parameters (defaults):
    /// x = 0.05, α = 0.85. Stationary law uniform; not unifilar.
    /// </summary>
    /// <param name="x">Jump probability to each other state, in [0, 1/2].</param>
    /// <param name="alpha">Probability that the token names the destination state, in [0, 1].</param>
    public static HiddenMarkovProcess Mess3(double x = 0.05, double alpha = 0.85)
    {
        if (!double.IsFinite(x) || x < 0 || x > 0.5)
            throw new ArgumentOutOfRangeException(nameof(x), x, $"Mess3: x = {Validate.Num(x)} must lie in [0, 0.5] (y = 1 - 2x is a probability).");
        if (!double.IsFinite(alpha) || alpha < 0 || alpha > 1)
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, $"Mess3: alpha = {Validate.Num(alpha)} must lie in [0, 1].");
        double y = 1 - 2 * x, beta = (1 - alpha) / 2;
        var t = new double[3][][];
        for (int s = 0; s < 3; s++)
        {
            t[s] = new double[3][];
            for (int i = 0; i < 3; i++)
            {
                t[s][i] = new double[3];
                for (int j = 0; j < 3; j++)
                    t[s][i][j] = (i == j ? y : x) * (s == j ? alpha : beta);
            }
        }
        return HiddenMarkovProcess.Create("mess3", ["A", "B", "C"], ["0", "1", "2"], t);
    }

    /// <summary>
    /// RRXOR(p1, p2) (Riechers &amp; Crutchfield 2018; belief-geometry paper §2.2): emit a random bit (Pr(1) = p1), another
    /// random bit (Pr(1) = p2), then their XOR; repeat. States S, 0, 1, T, F. With p1 = p2 = 1/2 (defaults) the
    /// stationary law is (1/3, 1/6, 1/6, 1/6, 1/6) and the entropy rate 2/3 bit per symbol. Unifilar (it is the ε-machine).
    /// </summary>
    /// <param name="p1">Probability that the first random bit is 1.</param>
    /// <param name="p2">Probability that the second random bit is 1.</param>
    public static HiddenMarkovProcess Rrxor(double p1 = 0.5, double p2 = 0.5)
    {
        Validate.Probability(p1, $"RRXOR: p1 = {Validate.Num(p1)}", nameof(p1));
        Validate.Probability(p2, $"RRXOR: p2 = {Validate.Num(p2)}", nameof(p2));
        return HiddenMarkovProcess.Builder("rrxor")
            .Alphabet("0", "1").States("S", "0", "1", "T", "F")
            .Transition("0", "S", "0", 1 - p1).Transition("1", "S", "1", p1)
            .Transition("0", "0", "F", 1 - p2).Transition("1", "0", "T", p2)
            .Transition("0", "1", "T", 1 - p2).Transition("1", "1", "F", p2)
            .Transition("0", "F", "S", 1).Transition("1", "T", "S", 1)
            .Build();
    }

    /// <summary>
    /// Z1R(p), the zero-one-random process (belief-geometry paper §2.2; epsilon-transformers <c>ZeroOneR</c>): states
    /// 0, 1, R with <c>0 −0→ 1</c>, <c>1 −1→ R</c>, <c>R −0 (p)→ 0</c>, <c>R −1 (1−p)→ 0</c>. Here p is Pr(0 | R), as in
    /// epsilon-transformers (Simplexity's <c>zero_one_random(p)</c> uses Pr(1 | R)). Stationary law uniform; unifilar.
    /// </summary>
    /// <param name="p">Pr(emit 0 | state R); default 1/2.</param>
    public static HiddenMarkovProcess Z1R(double p = 0.5)
    {
        Validate.Probability(p, $"Z1R: p = {Validate.Num(p)}", nameof(p));
        return HiddenMarkovProcess.Builder("z1r")
            .Alphabet("0", "1").States("0", "1", "R")
            .Transition("0", "0", "1", 1)
            .Transition("1", "1", "R", 1)
            .Transition("0", "R", "0", p).Transition("1", "R", "0", 1 - p)
            .Build();
    }

    /// <summary>
    /// The golden-mean process (no two consecutive 1s; epsilon-transformers <c>GoldenMean</c>, Crutchfield &amp; Feldman 2003):
    /// states A, B; <c>A −0 (1−p)→ A</c>, <c>A −1 (p)→ B</c>, <c>B −0→ A</c>. With p = 1/2 (default) the stationary law
    /// is (2/3, 1/3), the entropy rate 2/3 bit per symbol and the statistical complexity H(2/3) ≈ 0.918 bit. Unifilar.
    /// </summary>
    /// <param name="p">Probability of emitting 1 from state A.</param>
    public static HiddenMarkovProcess GoldenMean(double p = 0.5)
    {
        Validate.Probability(p, $"Golden mean: p = {Validate.Num(p)}", nameof(p));
        return HiddenMarkovProcess.Builder("golden-mean")
            .Alphabet("0", "1").States("A", "B")
            .Transition("0", "A", "A", 1 - p).Transition("1", "A", "B", p)
            .Transition("0", "B", "A", 1)
            .Build();
    }

    /// <summary>
    /// The even process (1s come in blocks of even length; epsilon-transformers <c>Even</c>, Crutchfield &amp; Feldman 2003):
    /// states A, B; <c>A −0 (1−p)→ A</c>, <c>A −1 (p)→ B</c>, <c>B −1→ A</c>. With p = 1/2 (default) the stationary law
    /// is (2/3, 1/3) and the entropy rate 2/3 bit per symbol; its excess entropy is infinite-order Markov but finite. Unifilar.
    /// </summary>
    /// <param name="p">Probability of emitting 1 from state A.</param>
    public static HiddenMarkovProcess Even(double p = 0.5)
    {
        Validate.Probability(p, $"Even process: p = {Validate.Num(p)}", nameof(p));
        return HiddenMarkovProcess.Builder("even")
            .Alphabet("0", "1").States("A", "B")
            .Transition("0", "A", "A", 1 - p).Transition("1", "A", "B", p)
            .Transition("1", "B", "A", 1)
            .Build();
    }

    /// <summary>
    /// A biased coin: independent, identically distributed bits with Pr(1) = p (one hidden state). Entropy rate
    /// H(p); statistical complexity 0.
    /// </summary>
    /// <param name="p">Probability of a 1.</param>
    public static HiddenMarkovProcess BiasedCoin(double p = 0.5)
    {
        Validate.Probability(p, $"Biased coin: p = {Validate.Num(p)}", nameof(p));
        return HiddenMarkovProcess.Create("coin", ["0", "1"], ["*"], new[] { new[] { new[] { 1 - p } }, new[] { new[] { p } } });
    }

    /// <summary>
    /// A generic order-k Markov chain over an alphabet from its conditional table: <paramref name="conditional"/>[c][x] =
    /// Pr(next = x | last k symbols = c), where context c is the base-|X| number of the last k symbols (oldest first,
    /// most significant). Hidden states are the |X|^k contexts, named by their symbols joined with no separator; the
    /// process is unifilar. Order 0 is an i.i.d. source (one row).
    /// </summary>
    /// <param name="name">Process name.</param>
    /// <param name="alphabet">Symbol names.</param>
    /// <param name="order">Markov order k ≥ 0.</param>
    /// <param name="conditional">|X|^k rows of |X| probabilities each.</param>
    public static HiddenMarkovProcess MarkovChain(string name, IReadOnlyList<string> alphabet, int order, double[][] conditional)
    {
        Validate.Names(alphabet, "symbol", nameof(alphabet));
        ArgumentNullException.ThrowIfNull(conditional);
        ArgumentOutOfRangeException.ThrowIfNegative(order);
        int nx = alphabet.Count;
        double count = Math.Pow(nx, order);
        if (count > 4096)
            throw new ArgumentOutOfRangeException(nameof(order), order, $"Markov chain '{name}': {nx}^{order} = {count} contexts is more than 4096 hidden states.");
        int s = (int)count;
        if (conditional.Length != s)
            throw new ArgumentException($"Markov chain '{name}': the conditional table has {conditional.Length} rows, expected {nx}^{order} = {s}.", nameof(conditional));
        var states = new string[s];
        for (int c = 0; c < s; c++)
        {
            var parts = new string[order];
            for (int k = order - 1, v = c; k >= 0; k--, v /= nx) parts[k] = alphabet[v % nx];
            states[c] = order == 0 ? "*" : string.Concat(parts);
            Validate.Distribution(conditional[c], nx, $"Markov chain '{name}': conditional row {c} (context '{states[c]}')", nameof(conditional));
        }
        if (order > 0 && states.Distinct(StringComparer.Ordinal).Count() != s)
            for (int c = 0; c < s; c++)
                states[c] = string.Join(",", Enumerable.Range(0, order).Select(k => alphabet[c / (int)Math.Pow(nx, order - 1 - k) % nx]));
        var t = new double[nx][][];
        for (int x = 0; x < nx; x++)
        {
            t[x] = new double[s][];
            for (int c = 0; c < s; c++)
            {
                t[x][c] = new double[s];
                int next = order == 0 ? 0 : (c * nx + x) % s;
                t[x][c][next] = conditional[c][x];
            }
        }
        return HiddenMarkovProcess.Create(name, alphabet, states, t);
    }

    /// <summary>
    /// Looks a catalog process up by name with its default parameters. Parameters may follow the name after a colon,
    /// comma-separated in the order of the factory's arguments (for example <c>mess3:0.15,0.6</c>, <c>z1r:0.3</c>).
    /// </summary>
    /// <exception cref="ArgumentException">The name is not in <see cref="Names"/> or a parameter is not a number.</exception>
    public static HiddenMarkovProcess FromName(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var colon = name.IndexOf(':', StringComparison.Ordinal);
        var key = (colon < 0 ? name : name[..colon]).Trim().ToLowerInvariant();
        var args = colon < 0 ? [] : name[(colon + 1)..].Split(',').Select(a => ParseArg(a, name)).ToArray();
        double Arg(int i, double fallback) => i < args.Length ? args[i] : fallback;
        int maxArgs = key switch
        {
            "mess3" or "rrxor" => 2,
            "coin" or "biased-coin" or "golden-mean" or "goldenmean" or "even" or "z1r" => 1,
            _ => throw new ArgumentException($"Unknown catalog process '{key}'. Known: {string.Join(", ", Names)}.", nameof(name)),
        };
        if (args.Length > maxArgs)
            throw new ArgumentException($"Catalog process '{key}' takes at most {maxArgs} parameters; got {args.Length} in '{name}'.", nameof(name));
        return key switch
        {
            "mess3" => Mess3(Arg(0, 0.05), Arg(1, 0.85)),
            "rrxor" => Rrxor(Arg(0, 0.5), Arg(1, 0.5)),
            "z1r" => Z1R(Arg(0, 0.5)),
            "golden-mean" or "goldenmean" => GoldenMean(Arg(0, 0.5)),
            "even" => Even(Arg(0, 0.5)),
            "coin" or "biased-coin" => BiasedCoin(Arg(0, 0.5)),
            _ => throw new InvalidOperationException("unreachable"),
        };
    }

    private static double ParseArg(string text, string whole)
    {
        if (double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var v)) return v;
        throw new ArgumentException($"Parameter '{text.Trim()}' in '{whole}' is not a number.", nameof(text));
    }
}
