namespace LmOrganisms.BeliefStates;

/// <summary>The one row-vector step shared by the layer's loops: <c>v = η T[x]</c> on a flattened tensor (see <see cref="Check.Flatten"/>).</summary>
internal static class BeliefStep
{
    /// <summary>Writes <c>η T[x]</c> into <paramref name="v"/> and returns its sum <c>η T[x] 1</c> = Pr(x | η).</summary>
    public static double Unnormalised(double[] flat, int s, int x, ReadOnlySpan<double> eta, Span<double> v)
    {
        v[..s].Clear();
        var m = flat.AsSpan(x * s * s, s * s);
        for (int a = 0; a < s; a++)
        {
            double e = eta[a];
            if (e == 0) continue;
            var row = m.Slice(a * s, s);
            for (int b = 0; b < s; b++) v[b] += e * row[b];
        }
        double z = 0;
        for (int b = 0; b < s; b++) z += v[b];
        return z;
    }
}
