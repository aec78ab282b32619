using LmOrganisms.BeliefStates;
using LmOrganisms.Ecology;
using LmOrganisms.Probing;
using LmOrganisms.Transformers;

namespace LmOrganisms.Probing;

/// <summary>
/// Usable information about the future on an exact population of contexts (spec markov-categories §1.4 "for a trained
/// model", §2 claim C2): linear-softmax probes from a representation of every word of length L (weighted by Pr(word),
/// targets the exact laws of the next k tokens given the word's belief) to the next token, the next k tokens, the
/// tokens after the next one given the next one, and the belief's simplex cell. Because the population is exact, each
/// bound is at most the exact information of the contexts (the belief's, <see cref="InformationSurplus"/>) without a
/// held-out split; a representation that is a function of the belief with a linear-softmax read-out reaches it.
/// </summary>
public static class FutureInformationProbe
{
    /// <summary>The bounds from <paramref name="features"/> (one row of <paramref name="width"/> per context, in the order of <paramref name="contexts"/>).</summary>
    public static FutureInformationBounds Measure(ProbeContexts contexts, double[] features, int width, UsableInformationOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(contexts);
        ArgumentNullException.ThrowIfNull(features);
        options ??= UsableInformationOptions.Default;
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Horizon, 2, nameof(options));
        if (features.Length != (long)contexts.Count * width)
            throw new ArgumentException($"features has {features.Length} values; expected {contexts.Count} contexts × width {width}.", nameof(features));
        var process = contexts.Process;
        int v = process.AlphabetSize, k = options.Horizon, f = (int)Math.Pow(v, k);
        var futures = FutureLaws.OfAll(process, contexts.Beliefs, k);
        // Next token: sum each future law over its last k − 1 symbols.
        int tail = f / v;
        var next = new double[contexts.Count * v];
        for (int r = 0; r < contexts.Count; r++)
            for (int x = 0; x < v; x++)
            {
                double s = 0;
                for (int t = 0; t < tail; t++) s += futures[(long)r * f + x * tail + t];
                next[r * v + x] = s;
            }
        var w = contexts.Probabilities;
        var probe = options.Probe;
        var nextToken = UsableInformation.Predictive(new ProbeData(features, width, next, v, w), null, probe, cancellationToken);
        var futureData = new ProbeData(features, width, futures, f, w);
        var future = UsableInformation.Predictive(futureData, null, probe, cancellationToken);
        var surplus = UsableInformation.Conditional(futureData, v, null, probe, cancellationToken);
        var (cells, count) = BeliefCells.Assign(contexts.Beliefs, process.StateCount, options.CellResolution);
        var cellTargets = new double[(long)contexts.Count * Math.Max(count, 2)];
        for (int r = 0; r < contexts.Count; r++) cellTargets[(long)r * Math.Max(count, 2) + cells[r]] = 1;
        var cell = UsableInformation.Predictive(new ProbeData(features, width, cellTargets, Math.Max(count, 2), w), null, probe, cancellationToken);
        return new FutureInformationBounds(k, nextToken, future, surplus, cell, count);
    }

    /// <summary>
    /// Runs <paramref name="model"/> on every word of length L (default: the model's context), probes the activation at
    /// <paramref name="hook"/> (default: the last residual-stream hook, <c>ln_final.hook_normalized</c> when the model
    /// has a final norm) at the last position, and puts the bounds next to <see cref="InformationSurplus.Compute"/>.
    /// </summary>
    public static TransformerFutureInformation Run(Transformer model, HiddenMarkovProcess process, string? hook = null, int? contextLength = null,
        UsableInformationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(process);
        options ??= UsableInformationOptions.Default;
        hook ??= BeliefGeometryProbe.ResidualStream(model.Config)[^1];
        int length = contextLength ?? model.Config.ContextLength;
        if (length < 1 || length > model.Config.ContextLength)
            throw new ArgumentException($"contextLength is {length}; the model's context holds 1 to {model.Config.ContextLength}.", nameof(contextLength));
        if (model.Config.Vocabulary != process.AlphabetSize)
            throw new ArgumentException($"The model has vocabulary {model.Config.Vocabulary}; process '{process.Name}' has {process.AlphabetSize} symbols.", nameof(process));
        var contexts = ProbeContexts.AllWords(process, length, cancellationToken);
        var (features, width) = CaptureLast(model, contexts, hook, cancellationToken);
        var bounds = Measure(contexts, features, width, options, cancellationToken);
        var exact = InformationSurplus.Compute(process, length, options.Horizon, cancellationToken: cancellationToken);
        return new TransformerFutureInformation(hook, length, exact, bounds);
    }

    /// <summary>
    /// The longest context length L ≤ <paramref name="maxLength"/> whose positive-probability words number at most
    /// <paramref name="maxWords"/> (at least 1): keeps the probe fits of a report to seconds (Mess3, context 10: L = 8,
    /// 6,561 words; RRXOR: L = 10, 436 words).
    /// </summary>
    public static int ContextLengthFor(HiddenMarkovProcess process, int maxLength, long maxWords = 10_000)
    {
        ArgumentNullException.ThrowIfNull(process);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 1);
        int length = 1;
        for (int l = 2; l <= maxLength; l++)
        {
            if (LmOrganisms.BeliefStates.WordEnumeration.Count(process, l) > maxWords) break;
            length = l;
        }
        return length;
    }

    /// <summary>The activation at <paramref name="hook"/> at the last position of every context word (contexts × width, and the width).</summary>
    public static (double[] Features, int Width) CaptureLast(Transformer model, ProbeContexts contexts, string hook, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(contexts);
        ArgumentNullException.ThrowIfNull(hook);
        var batch = new TokenBatch(contexts.Tokens, contexts.Count, contexts.Length);
        double[]? features = null;
        int width = 0, t = contexts.Length;
        model.RunWithCache(batch, [hook], 4096, (first, cache) =>
        {
            var values = cache.ToArray(hook);
            int rows = Math.Min(4096, contexts.Count - first);
            width = values.Length / (rows * t);
            features ??= new double[(long)contexts.Count * width];
            for (int r = 0; r < rows; r++)
                for (int j = 0; j < width; j++) features[(long)(first + r) * width + j] = values[((long)r * t + t - 1) * width + j];
        }, cancellationToken);
        return (features!, width);
    }
}
