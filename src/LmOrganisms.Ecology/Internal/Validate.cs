using System.Globalization;

namespace LmOrganisms.Ecology;

/// <summary>Shared argument checks that produce messages naming the bad value and where it is.</summary>
internal static class Validate
{
    /// <summary>Formats a number for an error message (round-trippable, invariant culture).</summary>
    public static string Num(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Formats a computed sum for an error message (12 significant digits, so 0.1 + 0.83 shows as 0.93).</summary>
    public static string Sum(double value) => value.ToString("G12", CultureInfo.InvariantCulture);

    public static void Names(IReadOnlyList<string> names, string what, string paramName)
    {
        if (names is null) throw new ArgumentNullException(paramName);
        if (names.Count == 0) throw new ArgumentException($"The {what} list is empty; at least one {what} is required.", paramName);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < names.Count; i++)
        {
            var n = names[i];
            if (string.IsNullOrEmpty(n))
                throw new ArgumentException($"The {what} name at index {i} is null or empty.", paramName);
            if (seen.TryGetValue(n, out int first))
                throw new ArgumentException($"Duplicate {what} name '{n}' at indices {first} and {i}.", paramName);
            seen[n] = i;
        }
    }

    public static void Probability(double p, string where, string paramName)
    {
        if (!double.IsFinite(p))
            throw new ArgumentException($"{where} is {Num(p)}; expected a finite probability.", paramName);
        if (p < 0)
            throw new ArgumentException($"{where} is negative ({Num(p)}).", paramName);
        if (p > 1 + Tolerances.SumTolerance)
            throw new ArgumentException($"{where} is {Num(p)}, greater than 1.", paramName);
    }

    /// <summary>Checks that <paramref name="values"/> is a probability vector of the given length.</summary>
    public static void Distribution(ReadOnlySpan<double> values, int expectedLength, string where, string paramName,
        bool strictlyPositive = false)
    {
        if (values.Length != expectedLength)
            throw new ArgumentException($"{where} has {values.Length} entries, expected {expectedLength}.", paramName);
        double sum = 0;
        for (int i = 0; i < values.Length; i++)
        {
            Probability(values[i], $"{where}, entry {i},", paramName);
            if (strictlyPositive && values[i] <= 0)
                throw new ArgumentException($"{where}, entry {i}, is {Num(values[i])}; expected a strictly positive value.", paramName);
            sum += values[i];
        }
        if (Math.Abs(sum - 1) > Tolerances.SumTolerance)
            throw new ArgumentException(
                $"{where} sums to {Sum(sum)}, expected 1 (within {Num(Tolerances.SumTolerance)}).", paramName);
    }
}
