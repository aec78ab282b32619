namespace LmOrganisms.Ecology;

/// <summary>
/// Fluent builder for a <see cref="FiniteEcology"/> assembled by hand: declare the vocabulary, the worlds with their
/// priors and the contexts with their weights, then the next-token law of every (world, context). Validation happens
/// in <see cref="Build"/>; a missing law is reported by world and context name.
/// </summary>
/// <example>
/// <code>
/// var eco = FiniteEcology.Builder().Vocabulary("a", "b")
///     .World("w1", 0.5).World("w2", 0.5).Context("c1", 1.0)
///     .Next("w1", "c1", 0.9, 0.1).Next("w2", "c1", 0.1, 0.9)
///     .Build();
/// </code>
/// </example>
public sealed class FiniteEcologyBuilder
{
    private readonly List<(string Name, double Prior)> worlds = [];
    private readonly List<(string Name, double Weight)> contexts = [];
    private readonly Dictionary<(string World, string Context), double[]> laws = [];
    private string[] vocabulary = [];

    internal FiniteEcologyBuilder() { }

    /// <summary>Sets the vocabulary (token names, in index order).</summary>
    public FiniteEcologyBuilder Vocabulary(params string[] tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        vocabulary = (string[])tokens.Clone();
        return this;
    }

    /// <summary>Adds a world with its prior π(w) &gt; 0.</summary>
    public FiniteEcologyBuilder World(string name, double prior)
    {
        worlds.Add((name, prior));
        return this;
    }

    /// <summary>Adds a context with its weight d_c(c) ≥ 0.</summary>
    public FiniteEcologyBuilder Context(string name, double weight)
    {
        contexts.Add((name, weight));
        return this;
    }

    /// <summary>Sets the next-token law P_w(· | c), one probability per vocabulary token.</summary>
    public FiniteEcologyBuilder Next(string world, string context, params double[] law)
    {
        ArgumentNullException.ThrowIfNull(law);
        laws[(world, context)] = (double[])law.Clone();
        return this;
    }

    /// <summary>Validates and builds the ecology.</summary>
    /// <exception cref="ArgumentException">A name is unknown or duplicated, a law is missing, or a number is not a probability.</exception>
    public FiniteEcology Build()
    {
        var worldNames = worlds.Select(w => w.Name).ToArray();
        var contextNames = contexts.Select(c => c.Name).ToArray();
        foreach (var key in laws.Keys)
        {
            if (!worldNames.Contains(key.World))
                throw new ArgumentException($"A next-token law is given for world '{key.World}', which was not declared with World(...).");
            if (!contextNames.Contains(key.Context))
                throw new ArgumentException($"A next-token law is given for context '{key.Context}', which was not declared with Context(...).");
        }
        var next = new double[worldNames.Length][][];
        for (int w = 0; w < worldNames.Length; w++)
        {
            next[w] = new double[contextNames.Length][];
            for (int c = 0; c < contextNames.Length; c++)
                next[w][c] = laws.TryGetValue((worldNames[w], contextNames[c]), out var law)
                    ? law
                    : throw new ArgumentException($"No next-token law was given for world '{worldNames[w]}' after context '{contextNames[c]}'.");
        }
        return FiniteEcology.Create(worldNames, worlds.Select(w => w.Prior).ToArray(), contextNames,
            contexts.Select(c => c.Weight).ToArray(), vocabulary, next);
    }
}
