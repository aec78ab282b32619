using LmOrganisms.Ecology;
using LmOrganisms.InformationTheory;

namespace LmOrganisms.Samples.TaskEcologies;

/// <summary>
/// The worlds of the task-ecology experiments on hidden-Markov processes: eight Mess3(x, α) variants
/// (<see cref="Processes.Mess3"/>) over one alphabet {A, B, C}, renamed so that every world has its own name.
/// All have the uniform stationary law, so they agree on the empty context and differ only in how the next token depends
/// on the past: x sets how sticky the hidden state is (x = 1/3 is i.i.d. uniform; x near 1/2 avoids repeats), α how
/// sharply a token names the state. The separations σ²_D (task-ecology spec §1.5, Hellinger, uniform prior, pooled
/// contexts of length 0..2, from <see cref="Separation.TaskDistanceMatrix"/> on <c>FiniteEcology.FromProcesses</c>) span
/// more than two orders of magnitude: smallest pairs mess3–near 0.00063 and iid–alternating-soft 0.00051, then
/// mess3–drift 0.0059 and soft–drift 0.0051; largest alternating–crisp 0.172 (every entry in <see cref="Separations"/>).
/// With a 10-token warm-up the ideal organism (the exact Bayes predictor of the mixture) separates all of the first five
/// worlds at the calibrated threshold, and a 2 × 16 organism trained 1,000 steps separates all or all but
/// alternating–iid (samples/TaskEcologies exp2); the near pairs are the hard ones on purpose.
/// </summary>
internal static class OrganismWorlds
{
    private static readonly (string Name, double X, double Alpha)[] Table =
    [
        ("mess3", 0.05, 0.85),
        ("alternating", 0.45, 0.9),
        ("iid", 1.0 / 3, 0.85),
        ("crisp", 0.02, 0.95),
        ("drift", 0.15, 0.85),
        ("near", 0.08, 0.85),
        ("soft", 0.05, 0.6),
        ("alternating-soft", 0.45, 0.6),
    ];

    /// <summary>The shared alphabet {A, B, C}.</summary>
    public static IReadOnlyList<string> Alphabet { get; } = ["A", "B", "C"];

    /// <summary>
    /// Every world, in catalog order: mess3 = Mess3(0.05, 0.85) (the belief-geometry paper's), alternating = Mess3(0.45, 0.9),
    /// iid = Mess3(1/3, 0.85) (i.i.d. uniform tokens), crisp = Mess3(0.02, 0.95), drift = Mess3(0.15, 0.85),
    /// near = Mess3(0.08, 0.85), soft = Mess3(0.05, 0.6), alternating-soft = Mess3(0.45, 0.6). The first T worlds form the
    /// nested conditions of the static-optimality experiment (T = 1, 2, 3, 5).
    /// </summary>
    public static IReadOnlyList<HiddenMarkovProcess> All { get; } =
        Table.Select(t => Processes.Mess3(t.X, t.Alpha).WithName(t.Name)).ToArray();

    /// <summary>The names of <see cref="All"/>, in order.</summary>
    public static IReadOnlyList<string> Names { get; } = Table.Select(t => t.Name).ToArray();

    /// <summary>The Mess3 parameters (x, α) of the world named <paramref name="name"/>.</summary>
    public static (double X, double Alpha) Parameters(string name)
    {
        int i = Array.FindIndex(Table, t => t.Name == name);
        if (i < 0) throw new ArgumentException($"No organism world is named '{name}'; known: {string.Join(", ", Names)}.", nameof(name));
        return (Table[i].X, Table[i].Alpha);
    }

    /// <summary>The world named <paramref name="name"/>.</summary>
    public static HiddenMarkovProcess ByName(string name)
    {
        _ = Parameters(name);
        return All[Array.FindIndex(Table, t => t.Name == name)];
    }

    /// <summary>The first <paramref name="count"/> worlds of <see cref="All"/>.</summary>
    public static IReadOnlyList<HiddenMarkovProcess> First(int count)
    {
        if (count < 1 || count > All.Count)
            throw new ArgumentException($"count = {count} worlds asked for; the catalog has 1..{All.Count}.", nameof(count));
        return All.Take(count).ToArray();
    }

    /// <summary>The exact ecology of <paramref name="worlds"/>: <c>FiniteEcology.FromProcesses(worlds, maxContextLength, priors)</c>
    /// (all contexts of length 0..L, pooled context law, stationary start; task-ecology spec §1.2).</summary>
    public static FiniteEcology Ecology(IReadOnlyList<HiddenMarkovProcess> worlds, int maxContextLength = 2, IReadOnlyList<double>? priors = null) =>
        FiniteEcology.FromProcesses(worlds, maxContextLength, priors);

    /// <summary>The exact separations σ²_D(w1, w2) = E_c H²(P_w1(·|c), P_w2(·|c)) (spec §1.5) between the worlds of
    /// <paramref name="worlds"/> on their exact ecology with contexts of length 0..<paramref name="maxContextLength"/>.</summary>
    public static double[][] Separations(IReadOnlyList<HiddenMarkovProcess> worlds, int maxContextLength = 2) =>
        Ecology(worlds, maxContextLength).TaskDistanceMatrix();
}
