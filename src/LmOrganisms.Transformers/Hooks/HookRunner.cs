using TorchSharp;

namespace LmOrganisms.Transformers;

/// <summary>
/// The hook points of one model: every named activation passes through <see cref="Apply"/>, which leaves it unchanged
/// unless a caller installed a function for that name for the duration of one forward pass (capture or patch).
/// With nothing installed a hook point costs one null check.
/// </summary>
internal sealed class HookRunner
{
    private IReadOnlyDictionary<string, Func<torch.Tensor, torch.Tensor>>? active;

    public torch.Tensor Apply(string name, torch.Tensor x)
        => active is not null && active.TryGetValue(name, out var f) ? f(x) : x;

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
