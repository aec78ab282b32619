using LmOrganisms.Ecology;

namespace LmOrganisms.Cli.Infrastructure;

/// <summary>
/// Up-front memory checks of the heavy commands (docs/reliability.md): each computes what the work must hold at least
/// and refuses through <see cref="MemoryBudget"/> when that exceeds the memory available, before anything is allocated.
/// </summary>
public static class MemoryEstimates
{
    /// <summary>
    /// One training step of <paramref name="batch"/> sequences: the activations kept for the backward pass, per token and
    /// layer the residual stream, norms, queries, keys, values, attention scores and pattern, head outputs and the MLP
    /// hidden layer (12 d_model + 2 heads · context + 2 d_mlp floats), plus the embeddings and logits, and as much again
    /// for their gradients, at 4 bytes each.
    /// </summary>
    public static void Training(TransformerConfig config, int batch)
    {
        ArgumentNullException.ThrowIfNull(config);
        double perToken = config.Layers * (12.0 * config.DModel + 2.0 * config.Heads * config.ContextLength + 2.0 * config.DMlp)
            + 4.0 * config.DModel + 3.0 * config.Vocabulary;
        double bytes = 2 * 4 * perToken * config.ContextLength * (double)batch;
        MemoryBudget.Require(bytes,
            $"--batch {batch:N0}: one training step of {batch:N0} sequences × {config.ContextLength} tokens ({perToken * 8:N0} bytes of activations and gradients per token)",
            "batch");
    }

    /// <summary>
    /// Probing every word of length context: refused when the process has more positive-probability words of that length
    /// than a probe set holds (<see cref="ProcessWords.MaxCount"/>, counted exactly by <see cref="WordCounts"/> where it
    /// can), and when the rows (words × context), each holding its token, belief and next-token law (doubles), its place in
    /// the shuffle control's permutation, and the predictions of every probe (each hook and their concatenation: belief and
    /// next-token law, doubles), exceed the memory available. The activations are streamed (one batch per core), so they
    /// do not count.
    /// </summary>
    public static void Probing(HiddenMarkovProcess process, TransformerConfig config, int hooks)
    {
        ArgumentNullException.ThrowIfNull(process);
        ArgumentNullException.ThrowIfNull(config);
        int length = config.ContextLength;
        var exact = WordCounts.Positive(process, length);
        if (exact > ProcessWords.MaxCount)
            throw new ArgumentException(
                $"Process '{Text.Name(process.Name)}' has {exact:N0} positive-probability words of length {length} (the model's context length); "
                + $"the probe set enumerates every word and holds at most {ProcessWords.MaxCount:N0} (ProcessWords.MaxCount), so the probe was refused before starting. Probe a model with a shorter context.",
                "process");
        double words = Math.Min(exact ?? Math.Pow(process.AlphabetSize, length), ProcessWords.MaxCount);
        double rows = words * length;
        int targets = process.StateCount + process.AlphabetSize;
        double perRow = 4 + 4 + 8.0 * targets + 8.0 * (hooks + 1) * targets;
        MemoryBudget.Require(rows * perRow,
            $"Probing every word of length {length} of '{Text.Name(process.Name)}' ({words:N0} words, {rows:N0} rows × {perRow:N0} bytes: tokens, beliefs, next-token laws, the shuffle permutation and the predictions of {hooks + 1} probes)",
            "run");
    }
}
