using LmOrganisms.InformationTheory;

namespace LmOrganisms;

/// <summary>
/// A model's activations on a probe set: named float32 matrices with one row per probe-set row (in the probe set's row
/// order), and, when the model has one, its linear-softmax head with the hook whose states the head reads. The one seam
/// between organisms and probes: <c>model.Capture(probeSet)</c> makes it from a transformer; <see cref="FromArrays"/>
/// makes it from any model's arrays, so every estimator of this package runs without TorchSharp.
/// </summary>
public sealed class Activations
{
    private readonly Dictionary<string, HookActivations> byName;

    private Activations(int rowCount, HookActivations[] hooks, LinearHead? head, string? headHook)
    {
        RowCount = rowCount;
        All = hooks;
        byName = hooks.ToDictionary(h => h.Hook, StringComparer.Ordinal);
        Head = head;
        HeadHook = headHook;
    }

    /// <summary>Rows per hook (the probe set's <see cref="ProbeSet.RowCount"/>).</summary>
    public int RowCount { get; }

    /// <summary>Every hook's activations, in capture order (forward order for a transformer).</summary>
    public IReadOnlyList<HookActivations> All { get; }

    /// <summary>The hook names, in capture order.</summary>
    public IReadOnlyList<string> Hooks => All.Select(h => h.Hook).ToArray();

    /// <summary>The model's head (W: V × d, b), or null. It maps the states at <see cref="HeadHook"/> to the next-token logits.</summary>
    public LinearHead? Head { get; }

    /// <summary>The hook whose states <see cref="Head"/> reads (e.g. <c>ln_final.hook_normalized</c>), or null.</summary>
    public string? HeadHook { get; }

    /// <summary>The activations at <paramref name="hook"/>.</summary>
    /// <exception cref="ArgumentException">No such hook was captured; the message lists the captured ones.</exception>
    public HookActivations this[string hook] => byName.TryGetValue(hook, out var h)
        ? h
        : throw new ArgumentException($"No activations for '{hook}'; captured: {string.Join(", ", byName.Keys)}.", nameof(hook));

    /// <summary>True when <paramref name="hook"/> was captured.</summary>
    public bool Contains(string hook) => byName.ContainsKey(hook);

    /// <summary>
    /// Activations from arrays: <paramref name="hooks"/> each with <paramref name="rowCount"/> × width values, and
    /// optionally a head reading <paramref name="headHook"/> (which must be among the hooks, with the head's width).
    /// </summary>
    /// <exception cref="ArgumentException">A hook's values are not rows × width, a name repeats, or the head does not fit.</exception>
    public static Activations FromArrays(int rowCount, IEnumerable<HookActivations> hooks, LinearHead? head = null, string? headHook = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rowCount);
        ArgumentNullException.ThrowIfNull(hooks);
        var list = hooks.ToArray();
        if (list.Length == 0) throw new ArgumentException("At least one hook's activations are needed.", nameof(hooks));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var h in list)
        {
            if (h is null || string.IsNullOrEmpty(h.Hook)) throw new ArgumentException("A hook's activations or its name is null.", nameof(hooks));
            if (!seen.Add(h.Hook)) throw new ArgumentException($"Hook '{h.Hook}' appears twice.", nameof(hooks));
            if (h.Width < 1) throw new ArgumentException($"Hook '{h.Hook}' has width {h.Width}; expected at least 1.", nameof(hooks));
            if (h.Values is null || h.Values.LongLength != (long)rowCount * h.Width)
                throw new ArgumentException($"Hook '{h.Hook}' has {h.Values?.LongLength ?? 0} values; expected {rowCount} rows × width {h.Width}.", nameof(hooks));
        }
        if ((head is null) != (headHook is null))
            throw new ArgumentException("Give both the head and the hook it reads, or neither.", nameof(headHook));
        if (head is not null)
        {
            var read = list.FirstOrDefault(h => h.Hook == headHook)
                ?? throw new ArgumentException($"The head reads '{headHook}', which is not among the hooks ({string.Join(", ", seen)}).", nameof(headHook));
            if (head.Weights is null || head.Bias is null || head.Weights.ColumnCount != read.Width || head.Bias.Count != head.Weights.RowCount)
                throw new ArgumentException($"The head (W {head.Weights?.RowCount}×{head.Weights?.ColumnCount}, b {head.Bias?.Count}) does not read '{headHook}' of width {read.Width}.", nameof(head));
        }
        return new Activations(rowCount, list, head, headHook);
    }

    /// <inheritdoc />
    public override string ToString() => $"Activations: {RowCount:N0} rows at {string.Join(", ", byName.Keys)}";
}
