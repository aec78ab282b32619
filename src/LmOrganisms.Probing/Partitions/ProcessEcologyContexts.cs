using System.Globalization;
using LmOrganisms.Ecology;

namespace LmOrganisms.Probing;

/// <summary>
/// The words behind the contexts of an ecology built by <see cref="FiniteEcology.FromProcesses"/>
/// (<see cref="FiniteEcology.ContextWords"/>), with the checks that the ecology really is the exact ecology of the given worlds.
/// </summary>
internal static class ProcessEcologyContexts
{
    /// <summary>Largest difference between the ecology's law and the worlds' exact law that is taken as equal.</summary>
    public const double LawTolerance = 1e-9;

    /// <summary>
    /// Checks that <paramref name="worlds"/> are the ecology's worlds (same names in the same order, the ecology's
    /// vocabulary as alphabet, the ecology's next-token laws from the stationary start) and returns the context words.
    /// </summary>
    public static int[][] Words(IReadOnlyList<HiddenMarkovProcess> worlds, FiniteEcology ecology)
    {
        ArgumentNullException.ThrowIfNull(worlds);
        ArgumentNullException.ThrowIfNull(ecology);
        if (worlds.Count != ecology.WorldCount)
            throw new ArgumentException(
                $"{worlds.Count} worlds (processes) given, but the ecology has {ecology.WorldCount} worlds ({string.Join(", ", ecology.Worlds)}).",
                nameof(worlds));
        for (int w = 0; w < worlds.Count; w++)
        {
            if (worlds[w] is null) throw new ArgumentException($"World {w} is null.", nameof(worlds));
            if (!string.Equals(worlds[w].Name, ecology.Worlds[w], StringComparison.Ordinal))
                throw new ArgumentException(
                    $"World {w} is process '{worlds[w].Name}', but the ecology's world {w} is '{ecology.Worlds[w]}'; pass the processes the ecology was built from, in its order.",
                    nameof(worlds));
            if (!worlds[w].Alphabet.SequenceEqual(ecology.Vocabulary, StringComparer.Ordinal))
                throw new ArgumentException(
                    $"Process '{worlds[w].Name}' has alphabet ({string.Join(", ", worlds[w].Alphabet)}), but the ecology's vocabulary is ({string.Join(", ", ecology.Vocabulary)}).",
                    nameof(worlds));
        }
        var contextWords = ecology.ContextWords ?? throw new ArgumentException(
            "The ecology's contexts are names without token words; build it from the worlds with FiniteEcology.FromProcesses.", nameof(ecology));
        var words = new int[ecology.ContextCount][];
        for (int c = 0; c < words.Length; c++)
        {
            words[c] = contextWords[c].ToArray();
            CheckLaws(worlds, ecology, c, words[c]);
        }
        return words;
    }

    /// <summary>Pr_w(c | η) = η T[c₁] ⋯ T[c_l] 1 for a belief (or any row vector) η.</summary>
    public static double WordProbability(HiddenMarkovProcess process, ReadOnlySpan<double> eta, ReadOnlySpan<int> word,
        Span<double> a, Span<double> b)
    {
        eta.CopyTo(a);
        foreach (int x in word)
        {
            process.StepUnnormalised(a, x, b);
            b.CopyTo(a);
        }
        double s = 0;
        foreach (var v in a) s += v;
        return s;
    }

    private static void CheckLaws(IReadOnlyList<HiddenMarkovProcess> worlds, FiniteEcology ecology, int c, int[] word)
    {
        for (int w = 0; w < worlds.Count; w++)
        {
            var p = worlds[w];
            var stationary = p.StationaryDistribution.ToArray();
            var a = new double[p.StateCount];
            var b = new double[p.StateCount];
            double pc = WordProbability(p, stationary, word, a, b);
            if (!(pc > 0))
                throw new ArgumentException(
                    $"Context '{ecology.Contexts[c]}' has probability 0 in world '{p.Name}', so its next-token law there is undefined; FiniteEcology.FromProcesses excludes such contexts, so this ecology was not built from these worlds.",
                    nameof(ecology));
            var law = ecology.Next(w, c);
            var after = a.ToArray();
            for (int v = 0; v < law.Length; v++)
            {
                p.StepUnnormalised(after, v, b);
                double exact = 0;
                foreach (var x in b) exact += x;
                exact /= pc;
                if (Math.Abs(exact - law[v]) > LawTolerance)
                    throw new ArgumentException(
                        $"The ecology gives P('{ecology.Vocabulary[v]}' | '{ecology.Contexts[c]}') = {law[v].ToString("R", CultureInfo.InvariantCulture)} in world '{p.Name}', but process '{p.Name}' gives {exact.ToString("R", CultureInfo.InvariantCulture)}; the ecology was not built from these worlds (FiniteEcology.FromProcesses).",
                        nameof(ecology));
            }
        }
    }
}
