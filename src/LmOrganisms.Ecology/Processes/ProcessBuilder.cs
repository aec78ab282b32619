namespace LmOrganisms.Ecology;

/// <summary>
/// Fluent builder for a <see cref="HiddenMarkovProcess"/> defined by hand. Unset transitions are 0; validation
/// (row sums, entries, names) happens in <see cref="Build"/> and throws <see cref="ArgumentException"/>s that say
/// what is wrong and where.
/// </summary>
/// <example>
/// <code>
/// var coin = HiddenMarkovProcess.Builder("golden-mean")
///     .Alphabet("0", "1").States("A", "B")
///     .Transition("0", "A", "A", 0.5).Transition("1", "A", "B", 0.5).Transition("0", "B", "A", 1.0)
///     .Build();
/// </code>
/// </example>
public sealed class ProcessBuilder
{
    private readonly string name;
    private readonly List<string> alphabet = [];
    private readonly List<string> states = [];
    private readonly List<(string Symbol, string From, string To, double Probability)> edges = [];

    internal ProcessBuilder(string name) => this.name = name;

    /// <summary>Sets the symbol names (token i = symbol i).</summary>
    public ProcessBuilder Alphabet(params string[] symbols)
    {
        alphabet.Clear();
        alphabet.AddRange(symbols);
        return this;
    }

    /// <summary>Sets the hidden-state names.</summary>
    public ProcessBuilder States(params string[] stateNames)
    {
        states.Clear();
        states.AddRange(stateNames);
        return this;
    }

    /// <summary>
    /// Sets <c>T[symbol][from][to] = probability</c>: in state <paramref name="from"/>, emit <paramref name="symbol"/>
    /// and move to <paramref name="to"/>. Setting the same edge twice is an error at <see cref="Build"/>.
    /// </summary>
    public ProcessBuilder Transition(string symbol, string from, string to, double probability)
    {
        edges.Add((symbol, from, to, probability));
        return this;
    }

    /// <summary>Validates and builds the process.</summary>
    public HiddenMarkovProcess Build()
    {
        int s = states.Count, nx = alphabet.Count;
        var t = new double[nx][][];
        for (int x = 0; x < nx; x++)
        {
            t[x] = new double[s][];
            for (int i = 0; i < s; i++) t[x][i] = new double[s];
        }
        var set = new HashSet<(int, int, int)>();
        foreach (var (symbol, from, to, p) in edges)
        {
            int x = alphabet.IndexOf(symbol), i = states.IndexOf(from), j = states.IndexOf(to);
            if (x < 0) throw new ArgumentException($"Process '{name}': transition uses symbol '{symbol}', which is not in the alphabet ({string.Join(", ", alphabet)}).");
            if (i < 0) throw new ArgumentException($"Process '{name}': transition on '{symbol}' starts in unknown state '{from}'.");
            if (j < 0) throw new ArgumentException($"Process '{name}': transition on '{symbol}' from '{from}' goes to unknown state '{to}'.");
            if (!set.Add((x, i, j)))
                throw new ArgumentException($"Process '{name}': transition '{from}' -{symbol}-> '{to}' is set twice.");
            t[x][i][j] = p;
        }
        return HiddenMarkovProcess.Create(name, alphabet, states, t);
    }
}
