using LmOrganisms.Ecology;

namespace LmOrganisms.Evolution;

/// <summary>Context weights by context length for ecologies whose contexts are words (<c>FiniteEcology.FromProcesses</c>:
/// "ε" for the empty word, single-character tokens).</summary>
internal static class ContextLengths
{
    /// <summary>The ecology with its weight restricted to contexts of length <paramref name="shortest"/>..<paramref name="longest"/>,
    /// each length weighted equally and words within a length in proportion to their weight in <paramref name="ecology"/>.</summary>
    public static FiniteEcology Restrict(FiniteEcology ecology, int shortest, int longest)
    {
        var lengths = ecology.Contexts.Select(c => c == "ε" ? 0 : c.Length).ToArray();
        var perLength = new double[lengths.Max() + 1];
        for (int c = 0; c < lengths.Length; c++) perLength[lengths[c]] += ecology.ContextWeights[c];
        if (shortest < 0 || longest < shortest || longest >= perLength.Length)
            throw new ArgumentException($"Context lengths {shortest}..{longest} are not within the ecology's 0..{perLength.Length - 1}.", nameof(longest));
        int count = longest - shortest + 1;
        var d = new double[lengths.Length];
        for (int c = 0; c < d.Length; c++)
            if (lengths[c] >= shortest && lengths[c] <= longest) d[c] = ecology.ContextWeights[c] / perLength[lengths[c]] / count;
        return ecology.WithContextWeights(d);
    }
}
