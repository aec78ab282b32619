using System.Globalization;
using LmOrganisms.Ecology;

namespace LmOrganisms.Samples.TaskEcologies;

/// <summary>
/// Mess3 twins: two Mess3 variants (<see cref="Processes.Mess3"/>) with different (x, α) but the same one-step
/// statistics, so every context of length 0 or 1 has the same next-token law in both worlds and only longer contexts
/// separate them. They are the exact "pair unseparated by a short-context training ecology and separated by a refining
/// deployment ecology" of the off-ecology bound (task-ecology paper Prop 77, spec §1.11) and the barely separated gap
/// pair of the rescue experiment (§1.13).
/// </summary>
/// <remarks>
/// For Mess3(x, α), with β = (1 − α)/2 and the uniform stationary law, the probability that a token repeats is
/// <c>P(x_{t+1} = x_t) = x + (1 − 3x)(α² + 2β²)</c>, and by the symmetry of Mess3 the law of x_{t+1} given x_t is
/// determined by it. The twin with jump probability x' solves <c>α'² + (1 − α')²/2 = a'</c>,
/// <c>a' = (P − x')/(1 − 3x')</c>, on the branch α' ≥ 1/3: <c>α' = (1 + √(6a' − 2))/3</c>.
/// </remarks>
internal static class TwinWorlds
{
    /// <summary>P(x_{t+1} = x_t) of the stationary Mess3(x, α) process (a probability; see the remarks).</summary>
    public static double RepeatProbability(double x, double alpha)
    {
        CheckX(x, nameof(x));
        if (!(alpha >= 0 && alpha <= 1))
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, $"alpha = {Num(alpha)} must lie in [0, 1].");
        double beta = (1 - alpha) / 2;
        return x + ((1 - (3 * x)) * ((alpha * alpha) + (2 * beta * beta)));
    }

    /// <summary>The emission accuracy α' ∈ [1/3, 1] of the Mess3 twin with jump probability <paramref name="twinX"/> of
    /// Mess3(<paramref name="x"/>, <paramref name="alpha"/>): the same repeat probability, hence the same laws on every
    /// context of length ≤ 1.</summary>
    /// <exception cref="ArgumentException">No α' in [1/3, 1] matches (the repeat probability is out of the twin's reach).</exception>
    public static double TwinAlpha(double x, double alpha, double twinX)
    {
        double repeat = RepeatProbability(x, alpha);
        CheckX(twinX, nameof(twinX));
        if (Math.Abs(1 - (3 * twinX)) < 1e-12)
            throw new ArgumentException($"twinX = {Num(twinX)} makes Mess3 i.i.d. uniform (repeat probability 1/3 for every α); no twin exists.", nameof(twinX));
        double a = (repeat - twinX) / (1 - (3 * twinX));
        if (!(a >= 1.0 / 3 && a <= 1))
            throw new ArgumentException(
                $"Mess3({Num(x)}, {Num(alpha)}) repeats a token with probability {Num(repeat)}; a Mess3 twin with x' = {Num(twinX)} reaches only " +
                $"[{Num(Math.Min(twinX + ((1 - (3 * twinX)) / 3), 1 - (2 * twinX)))}, {Num(Math.Max(twinX + ((1 - (3 * twinX)) / 3), 1 - (2 * twinX)))}].",
                nameof(twinX));
        return (1 + Math.Sqrt(Math.Max(0, (6 * a) - 2))) / 3;
    }

    /// <summary>The Mess3 twin of Mess3(<paramref name="x"/>, <paramref name="alpha"/>) with jump probability
    /// <paramref name="twinX"/>, named <paramref name="name"/>.</summary>
    public static HiddenMarkovProcess Mess3Twin(double x, double alpha, double twinX, string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return Processes.Mess3(twinX, TwinAlpha(x, alpha, twinX)).WithName(name);
    }

    private static void CheckX(double x, string paramName)
    {
        if (!(x >= 0 && x <= 0.5))
            throw new ArgumentOutOfRangeException(paramName, x, $"{paramName} = {Num(x)} must lie in [0, 0.5].");
    }

    private static string Num(double v) => v.ToString("G6", CultureInfo.InvariantCulture);
}
