using System.Globalization;
using LmOrganisms.Ecology;

namespace LmOrganisms.Evolution;

/// <summary>Argument checks whose messages name the bad value and where it is.</summary>
internal static class Check
{
    public static string Num(double value) => value.ToString("G12", CultureInfo.InvariantCulture);

    /// <summary>A frequency vector: finite, non-negative entries summing to 1 within <see cref="Tolerances.SumTolerance"/>.</summary>
    public static void Frequencies(ReadOnlySpan<double> x, string what, string paramName)
    {
        if (x.Length == 0)
            throw new ArgumentException($"The {what} are empty; at least one type is required.", paramName);
        double sum = 0;
        for (int i = 0; i < x.Length; i++)
        {
            if (!double.IsFinite(x[i]) || x[i] < 0)
                throw new ArgumentException($"Entry {i} of the {what} is {Num(x[i])}; expected a finite non-negative value.", paramName);
            sum += x[i];
        }
        if (Math.Abs(sum - 1) > Tolerances.SumTolerance)
            throw new ArgumentException(
                $"The {what} sum to {Num(sum)}, expected 1 (within {Num(Tolerances.SumTolerance)}).", paramName);
    }

    /// <summary>Fitness values: finite and non-negative (or strictly positive).</summary>
    public static void Fitness(ReadOnlySpan<double> w, string what, string paramName, bool strictlyPositive = false)
    {
        if (w.Length == 0)
            throw new ArgumentException($"The {what} are empty; at least one value is required.", paramName);
        for (int i = 0; i < w.Length; i++)
        {
            if (!double.IsFinite(w[i]) || w[i] < 0 || (strictlyPositive && w[i] == 0))
                throw new ArgumentException(
                    $"Entry {i} of the {what} is {Num(w[i])}; expected a finite {(strictlyPositive ? "positive" : "non-negative")} value.",
                    paramName);
        }
    }

    /// <summary>Finite real values (traits, risks).</summary>
    public static void Finite(ReadOnlySpan<double> z, string what, string paramName)
    {
        if (z.Length == 0)
            throw new ArgumentException($"The {what} are empty; at least one value is required.", paramName);
        for (int i = 0; i < z.Length; i++)
            if (!double.IsFinite(z[i]))
                throw new ArgumentException($"Entry {i} of the {what} is {Num(z[i])}; expected a finite value.", paramName);
    }

    public static void SameLength(int expected, int actual, string what, string paramName)
    {
        if (expected != actual)
            throw new ArgumentException($"The {what} have {actual} entries, expected {expected} (one per type).", paramName);
    }

    public static void Positive(int value, string what, string paramName)
    {
        if (value <= 0)
            throw new ArgumentOutOfRangeException(paramName, value, $"The {what} is {value}; expected a positive integer.");
    }
}
