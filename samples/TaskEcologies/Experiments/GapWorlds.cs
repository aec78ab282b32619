using System.Globalization;
using LmOrganisms.Ecology;

namespace LmOrganisms.Samples.TaskEcologies;

/// <summary>
/// Strongly revealing gap pairs over the alphabet A, B, C for the rescue experiment (task-ecology spec §1.13, §3.8):
/// the i.i.d. uniform process against a process whose every pair law (x_t, x_{t+1}) is also uniform, so the two worlds
/// have identical next-token laws on every context of length ≤ 1 (the prefix token ecology's σ²_tok is exactly 0), while
/// longer stretches of tokens obey a rule that reveals the world — the analogue of the paper's bracket bodies, whose
/// balance label is almost a function of the body.
/// </summary>
/// <remarks>
/// <para>Noisy echo (<see cref="NoisyEcho"/>): the order-2 Markov chain that repeats the token two steps back with
/// probability 1 − η and otherwise draws a uniform token, <c>P(x_{t+2} = c | x_t = a, x_{t+1} = b) = (1 − η)[c = a] + η/3</c>.
/// Each 3×3 slice over (a, c) at fixed b is doubly stochastic, so the stationary pair law is uniform and
/// P(c | b) = 1/3. A body of B tokens has m matches x_t = x_{t−2} among its B − 2 checks with likelihood ratio against
/// i.i.d. uniform r_m = (3q)^m η^{B−2−m}, q = 1 − 2η/3, which gives the closed form of
/// <see cref="EchoSummaryCrossEntropy"/>.</para>
/// <para>Sum-3 (<see cref="SumThree"/>): blocks (a, b, (a + b) mod 3) with a, b uniform, started in the stationary block
/// phase; unifilar, 7 states. Every pair inside and across blocks is uniform; one token in three is a function of the
/// two before it, but the phase must be inferred from the body.</para>
/// </remarks>
internal static class GapWorlds
{
    private static readonly string[] Alphabet = ["A", "B", "C"];

    /// <summary>The i.i.d. uniform process over A, B, C (one state), named <paramref name="name"/>.</summary>
    public static HiddenMarkovProcess Uniform(string name = "uniform")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return Processes.MarkovChain(name, Alphabet, 0, [[1.0 / 3, 1.0 / 3, 1.0 / 3]]);
    }

    /// <summary>The noisy echo with noise η = <paramref name="noise"/> ∈ (0, 1] (see the remarks): an order-2 Markov chain,
    /// 9 states (the last two tokens), unifilar, uniform stationary law; η = 1 is i.i.d. uniform.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="noise"/> is outside (0, 1] (η = 0 is not ergodic).</exception>
    public static HiddenMarkovProcess NoisyEcho(double noise = 0.1, string name = "echo")
    {
        CheckNoise(noise);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var conditional = new double[9][];
        for (int c = 0; c < 9; c++)
        {
            int older = c / 3;
            conditional[c] = new double[3];
            for (int x = 0; x < 3; x++) conditional[c][x] = ((1 - noise) * (x == older ? 1 : 0)) + (noise / 3);
        }
        return Processes.MarkovChain(name, Alphabet, 2, conditional);
    }

    /// <summary>The sum-3 block process (see the remarks): states S (block start), a ∈ {A, B, C} (first token read) and
    /// s ∈ {A, B, C} (the third token due, s = a + b mod 3); stationary law (1/3, 1/9 × 3, 1/9 × 3).</summary>
    public static HiddenMarkovProcess SumThree(string name = "sum3")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        // State 0 = S, 1..3 = first token a, 4..6 = due third token s.
        var t = new double[3][][];
        for (int x = 0; x < 3; x++)
        {
            t[x] = Enumerable.Range(0, 7).Select(_ => new double[7]).ToArray();
            t[x][0][1 + x] = 1.0 / 3;
            for (int a = 0; a < 3; a++) t[x][1 + a][4 + ((a + x) % 3)] = 1.0 / 3;
            t[x][4 + x][0] = 1;
        }
        return HiddenMarkovProcess.Create(name, Alphabet, ["S", "a=A", "a=B", "a=C", "s=A", "s=B", "s=C"], t);
    }

    /// <summary>
    /// The exact Bayes summary CE E[H(W | body)] in nats of the pair (i.i.d. uniform, noisy echo η) with equal priors and
    /// bodies of <paramref name="bodyLength"/> tokens, in closed form: with k = B − 2, q = 1 − 2η/3 and r_m = (3q)^m η^{k−m},
    /// <c>½ Σ_m C(k, m) [(1/3)^m (2/3)^{k−m} ln(1 + r_m) + q^m (1 − q)^{k−m} ln(1 + 1/r_m)]</c>.
    /// </summary>
    public static double EchoSummaryCrossEntropy(double noise, int bodyLength)
    {
        CheckNoise(noise);
        if (bodyLength < 0) throw new ArgumentOutOfRangeException(nameof(bodyLength), bodyLength, $"bodyLength = {bodyLength} must be non-negative.");
        int k = Math.Max(0, bodyLength - 2);
        double q = 1 - (2 * noise / 3), total = 0;
        for (int m = 0; m <= k; m++)
        {
            double logChoose = LogChoose(k, m);
            double logR = (m * Math.Log(3 * q)) + ((k - m) * Math.Log(noise));
            double uniform = Math.Exp(logChoose + (m * Math.Log(1.0 / 3)) + ((k - m) * Math.Log(2.0 / 3)));
            double echo = Math.Exp(logChoose + (m * Math.Log(q)) + ((k - m) * Math.Log(1 - q)));
            total += 0.5 * ((uniform * Softplus(logR)) + (echo * Softplus(-logR)));
        }
        return total;
    }

    private static double Softplus(double z) => z > 0 ? z + Math.Log(1 + Math.Exp(-z)) : Math.Log(1 + Math.Exp(z));

    private static double LogChoose(int n, int k)
    {
        double s = 0;
        for (int i = 1; i <= k; i++) s += Math.Log(n - k + i) - Math.Log(i);
        return s;
    }

    private static void CheckNoise(double noise)
    {
        if (!(noise > 0 && noise <= 1))
            throw new ArgumentOutOfRangeException(nameof(noise), noise, $"noise η = {noise.ToString("G6", CultureInfo.InvariantCulture)} must lie in (0, 1] (η = 0 repeats two tokens forever and is not ergodic).");
    }
}
