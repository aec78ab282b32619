using LmOrganisms.Ecology;

using LmOrganisms.Transformers;

namespace LmOrganisms;

/// <summary>
/// Where training sequences come from: a hidden-Markov process (stationary sequences), a mixture of processes with
/// priors (each sequence from one process drawn by its prior; the ecology of worlds <c>FiniteEcology.FromProcesses</c>
/// describes), or user token sequences / text (uniformly random windows). Sampling is counter-based: the batch for a
/// (seed, step) pair is a pure function of both, so runs are reproducible and resumable without stored RNG state.
/// </summary>
public sealed partial class TrainingWorld
{
    private readonly Action<int[], int, int, int> fill;

    private TrainingWorld(string name, int vocabulary, HiddenMarkovProcess? process, Action<int[], int, int, int> fill)
    {
        Name = name;
        VocabularySize = vocabulary;
        Process = process;
        this.fill = fill;
    }

    /// <summary>A name for logs and checkpoints.</summary>
    public string Name { get; }

    /// <summary>Number of distinct tokens.</summary>
    public int VocabularySize { get; }

    /// <summary>The process when the world is a single process (enables exact evaluation); otherwise null.</summary>
    public HiddenMarkovProcess? Process { get; }

    /// <summary>Sequences of the stationary process.</summary>
    public static TrainingWorld FromProcess(HiddenMarkovProcess process)
    {
        ArgumentNullException.ThrowIfNull(process);
        return new TrainingWorld(process.Name, process.AlphabetSize, process, (buffer, count, length, seed) => process.SampleInto(buffer, count, length, seed));
    }

    /// <summary>A mixture: each sequence comes from process w with probability <paramref name="priors"/>[w] (null = uniform);
    /// the processes must share their alphabet. The priors are the world priors of <c>FiniteEcology.FromProcesses</c>.</summary>
    public static TrainingWorld FromProcesses(IReadOnlyList<HiddenMarkovProcess> processes, IReadOnlyList<double>? priors = null)
    {
        ArgumentNullException.ThrowIfNull(processes);
        if (processes.Count == 0) throw new ArgumentException("At least one process is required.", nameof(processes));
        for (int i = 1; i < processes.Count; i++)
            if (!processes[i].Alphabet.SequenceEqual(processes[0].Alphabet, StringComparer.Ordinal))
                throw new ArgumentException($"Process '{processes[i].Name}' has alphabet ({string.Join(", ", processes[i].Alphabet)}), '{processes[0].Name}' has ({string.Join(", ", processes[0].Alphabet)}); a mixture needs one alphabet.", nameof(processes));
        var w = priors?.ToArray() ?? Enumerable.Repeat(1.0 / processes.Count, processes.Count).ToArray();
        if (w.Length != processes.Count)
            throw new ArgumentException($"{w.Length} priors for {processes.Count} processes.", nameof(priors));
        for (int i = 0; i < w.Length; i++)
            if (!(w[i] >= 0)) throw new ArgumentException($"Prior {i} of process '{processes[i].Name}' is {w[i]}; priors must be non-negative.", nameof(priors));
        if (Math.Abs(w.Sum() - 1) > 1e-9) throw new ArgumentException($"The mixture priors sum to {w.Sum():R}, expected 1.", nameof(priors));
        var cumulative = new double[w.Length];
        double acc = 0;
        for (int i = 0; i < w.Length; i++) cumulative[i] = acc += w[i];
        var name = "mixture(" + string.Join(", ", processes.Select((p, i) => $"{p.Name}:{w[i]:G6}")) + ")";
        return new TrainingWorld(name, processes[0].AlphabetSize, processes.Count == 1 ? processes[0] : null, (buffer, count, length, seed) =>
        {
            var rng = new Random(seed);
            for (int r = 0; r < count; r++)
            {
                double u = rng.NextDouble();
                int k = Array.FindIndex(cumulative, c => u < c);
                if (k < 0) k = cumulative.Length - 1;
                processes[k].SampleInto(buffer.AsSpan(r * length, length), 1, length, rng.Next());
            }
        });
    }

    /// <summary>Uniformly random windows of a token stream (the concatenation of <paramref name="sequences"/>).</summary>
    /// <param name="sequences">Token sequences (each token in 0..vocabulary−1).</param>
    /// <param name="vocabulary">Vocabulary size.</param>
    /// <param name="name">Name for logs.</param>
    public static TrainingWorld FromSequences(IReadOnlyList<int[]> sequences, int vocabulary, string name = "sequences")
    {
        ArgumentNullException.ThrowIfNull(sequences);
        var stream = sequences.SelectMany(s => s).ToArray();
        for (int i = 0; i < stream.Length; i++)
            if ((uint)stream[i] >= (uint)vocabulary)
                throw new ArgumentException($"Token {stream[i]} at stream position {i} is outside the vocabulary 0..{vocabulary - 1}.", nameof(sequences));
        return new TrainingWorld(name, vocabulary, null, (buffer, count, length, seed) =>
        {
            if (stream.Length < length)
                throw new ArgumentException($"The token stream has {stream.Length} tokens, fewer than one training window of {length}.", nameof(sequences));
            var rng = new Random(seed);
            for (int r = 0; r < count; r++)
                stream.AsSpan(rng.Next(stream.Length - length + 1), length).CopyTo(buffer.AsSpan(r * length, length));
        });
    }

    /// <summary>Random windows of <paramref name="text"/>, tokenized by characters (<paramref name="tokenizer"/> or the text's own alphabet).</summary>
    public static TrainingWorld FromText(string text, CharacterTokenizer? tokenizer = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(text);
        tokenizer ??= CharacterTokenizer.FromText(text);
        return FromSequences([tokenizer.Encode(text)], tokenizer.VocabularySize, "text");
    }

    /// <summary>Fills <paramref name="buffer"/> with <paramref name="count"/> sequences of <paramref name="length"/> tokens, row-major,
    /// as a pure function of <paramref name="seed"/>.</summary>
    public void Sample(int[] buffer, int count, int length, int seed)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        if (buffer.Length < count * length) throw new ArgumentException($"The buffer holds {buffer.Length} tokens, fewer than {count} × {length}.", nameof(buffer));
        fill(buffer, count, length, seed);
    }
}
