using TorchSharp;

namespace LmOrganisms.Transformers;

/// <summary>
/// The hook points of one model: every named activation passes through <see cref="Apply"/>, which leaves it unchanged
/// unless a caller installed a function for that name for the duration of one forward pass (capture or patch).
/// With nothing installed a hook point costs one null check. A function observes when it returns its argument (the same
/// object) and patches when it returns another tensor.
/// </summary>
internal sealed class HookRunner
{
    private IReadOnlyDictionary<string, Func<torch.Tensor, torch.Tensor>>? active;

    /// <summary>True while functions are installed (inside one hooked forward pass).</summary>
    public bool IsActive => active is not null;

    public torch.Tensor Apply(string name, torch.Tensor x)
        => active is not null && active.TryGetValue(name, out var f) ? f(x) : x;

    /// <summary>True when a function is installed for <paramref name="name"/>: hook points whose activation is not
    /// computed on the plain forward pass (a norm's scale) or not in its layout (queries, keys, values) are then
    /// materialised; otherwise they cost this check only.</summary>
    public bool IsHooked(string name) => active is not null && active.ContainsKey(name);

    public IDisposable Install(IReadOnlyDictionary<string, Func<torch.Tensor, torch.Tensor>> hooks)
    {
        if (active is not null) throw new InvalidOperationException("Hooks are already installed on this model (nested hooked forward passes are not supported).");
        active = hooks;
        return new Uninstall(this);
    }

    private sealed class Uninstall(HookRunner runner) : IDisposable
    {
        public void Dispose() => runner.active = null;
    }
}
