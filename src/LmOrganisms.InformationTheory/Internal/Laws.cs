using System.Globalization;
using LmOrganisms.Ecology;

namespace LmOrganisms.InformationTheory;

/// <summary>Argument checks for probability vectors and stochastic matrices; messages name the bad value and where.</summary>
internal static class Laws
{
    public static string Num(double value) => value.ToString("G15", CultureInfo.InvariantCulture);

    /// <summary>Throws unless <paramref name="p"/> is a distribution (entries finite, ≥ 0, summing to 1 within 1e-9).</summary>
    public static void Check(ReadOnlySpan<double> p, string name)
    {
        if (p.Length == 0) throw new ArgumentException($"The distribution {name} is empty.", name);
        double sum = 0;
        for (int i = 0; i < p.Length; i++)
        {
            double v = p[i];
            if (!double.IsFinite(v))
                throw new ArgumentException($"Entry {i} of {name} is {Num(v)}; expected a finite probability.", name);
            if (v < 0)
                throw new ArgumentException($"Entry {i} of {name} is negative ({Num(v)}).", name);
            sum += v;
        }
        if (Math.Abs(sum - 1) > Tolerances.SumTolerance)
            throw new ArgumentException($"{name} sums to {Num(sum)}, expected 1 (within {Num(Tolerances.SumTolerance)}).", name);
    }

    /// <summary>Throws unless both vectors are distributions of the same length.</summary>
    public static void CheckPair(ReadOnlySpan<double> p, ReadOnlySpan<double> q, string pName = "p", string qName = "q")
    {
        Check(p, pName);
        Check(q, qName);
        if (p.Length != q.Length)
            throw new ArgumentException($"{pName} has {p.Length} entries but {qName} has {q.Length}; expected the same support.", qName);
    }

    /// <summary>Throws unless every row of <paramref name="rows"/> is a distribution of length <paramref name="columns"/>.</summary>
    public static void CheckStochastic(IReadOnlyList<double[]> rows, string name, int columns = -1)
    {
        ArgumentNullException.ThrowIfNull(rows, name);
        if (rows.Count == 0) throw new ArgumentException($"The matrix {name} has no rows.", name);
        int m = columns < 0 ? rows[0]?.Length ?? 0 : columns;
        for (int i = 0; i < rows.Count; i++)
        {
            if (rows[i] is null) throw new ArgumentException($"Row {i} of {name} is null.", name);
            if (rows[i].Length != m)
                throw new ArgumentException($"Row {i} of {name} has {rows[i].Length} entries, expected {m}.", name);
            Check(rows[i], $"row {i} of {name}");
        }
    }

    /// <summary>Σ x ln x with 0 ln 0 = 0 (the negative of the Shannon entropy for a distribution).</summary>
    public static double XLogX(ReadOnlySpan<double> x)
    {
        double s = 0;
        for (int i = 0; i < x.Length; i++)
        {
            double v = x[i];
            if (v > 0) s += v * Math.Log(v);
        }
        return s;
    }
}
