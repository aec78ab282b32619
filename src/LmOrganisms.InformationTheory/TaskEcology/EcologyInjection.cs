using LmOrganisms.Ecology;
using LmOrganisms.InformationTheory;

namespace LmOrganisms;

/// <summary>
/// Two ecologies and post-training rescue (task-ecology paper Prop 15, Prop 47, Cor 48; spec §4.6): injecting a
/// second ecology ν with weight α gives μ_α = (1 − α)μ0 + αν (<see cref="FiniteEcology.Mixture"/>), whose task distance
/// interpolates linearly. ε is the effective separation threshold: a pair is resolved iff σ² &gt; ε.
/// </summary>
public static class EcologyInjection
{
    /// <summary>σ²_{μα} = (1 − α) σ²_{μ0} + α σ²_ν for every pair (Prop 47a), from the two separation matrices.</summary>
    public static double[][] InterpolatedTaskDistance(FiniteEcology baseEcology, FiniteEcology injected, double alpha)
    {
        CheckPair(baseEcology, injected);
        CheckAlpha(alpha);
        var a = baseEcology.TaskDistanceMatrix();
        var b = injected.TaskDistanceMatrix();
        return a.Select((row, i) => row.Select((v, j) => (1 - alpha) * v + alpha * b[i][j]).ToArray()).ToArray();
    }

    /// <summary>
    /// The rescue threshold α*(w1, w2) = (ε − σ²_{μ0}) / (σ²_ν − σ²_{μ0}) (Prop 47c): for σ²_{μ0} ≤ ε &lt; σ²_ν the pair is
    /// resolved in μ_α iff α &gt; α*.
    /// </summary>
    public static double AlphaStar(double sigmaBase, double sigmaInjected, double epsilon)
    {
        if (!(sigmaBase >= 0 && sigmaBase <= epsilon && epsilon < sigmaInjected && sigmaInjected <= 1))
            throw new ArgumentException(
                $"alpha* needs 0 ≤ σ²_0 ≤ ε < σ²_ν ≤ 1; got σ²_0 = {Laws.Num(sigmaBase)}, ε = {Laws.Num(epsilon)}, σ²_ν = {Laws.Num(sigmaInjected)}.",
                nameof(epsilon));
        return (epsilon - sigmaBase) / (sigmaInjected - sigmaBase);
    }

    /// <summary>α*(w1, w2) for a pair of worlds of two ecologies over the same worlds.</summary>
    public static double AlphaStar(FiniteEcology baseEcology, FiniteEcology injected, int world1, int world2, double epsilon)
    {
        CheckPair(baseEcology, injected);
        return AlphaStar(baseEcology.TaskDistance(world1, world2), injected.TaskDistance(world1, world2), epsilon);
    }

    /// <summary>True when a pair with task distance σ² is resolved at threshold ε (σ² &gt; ε).</summary>
    public static bool Resolved(double sigma, double epsilon) => sigma > epsilon;

    /// <summary>
    /// The gap set G_ε = {(w1, w2) : σ²_tok ≤ ε, σ²_eval &gt; ε} (§1.13): pairs the token ecology leaves merged but the
    /// evaluation ecology separates.
    /// </summary>
    public static IReadOnlyList<(int World1, int World2)> GapSet(FiniteEcology token, FiniteEcology evaluation, double epsilon)
    {
        CheckPair(token, evaluation);
        var a = token.TaskDistanceMatrix();
        var b = evaluation.TaskDistanceMatrix();
        var pairs = new List<(int, int)>();
        for (int i = 0; i < a.Length; i++)
            for (int j = i + 1; j < a.Length; j++)
                if (a[i][j] <= epsilon && b[i][j] > epsilon) pairs.Add((i, j));
        return pairs;
    }

    /// <summary>
    /// The rescued set R_α = {(w1, w2) ∈ G_ε(μ0, ν) : σ²_{μα} &gt; ε} (Cor 48), with σ²_{μα} computed on the actual mixture
    /// ecology (so the identity of Prop 47a is not assumed).
    /// </summary>
    public static IReadOnlyList<(int World1, int World2)> RescuedSet(FiniteEcology baseEcology, FiniteEcology injected, double alpha, double epsilon)
    {
        CheckPair(baseEcology, injected);
        var mix = FiniteEcology.Mixture(baseEcology, injected, alpha);
        return GapSet(baseEcology, injected, epsilon).Where(p => mix.TaskDistance(p.World1, p.World2) > epsilon).ToArray();
    }

    private static void CheckPair(FiniteEcology a, FiniteEcology b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (!a.Worlds.SequenceEqual(b.Worlds, StringComparer.Ordinal))
            throw new ArgumentException($"The ecologies have different worlds ({string.Join(", ", a.Worlds)} vs {string.Join(", ", b.Worlds)}).", nameof(b));
    }

    private static void CheckAlpha(double alpha)
    {
        if (!double.IsFinite(alpha) || alpha < 0 || alpha > 1)
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, $"alpha = {Laws.Num(alpha)} must lie in [0, 1].");
    }
}
