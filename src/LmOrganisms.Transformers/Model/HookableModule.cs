using TorchSharp;
using static TorchSharp.torch;

namespace LmOrganisms.Transformers;

/// <summary>A module of the model (block, attention, MLP, norm) that can tell whether TorchSharp forward hooks
/// (<c>register_forward_hook</c>, <c>register_forward_pre_hook</c>) are registered on it: the CPU training engine,
/// which does not run the modules, steps aside while any are.</summary>
internal abstract class HookableModule(string name) : nn.Module<Tensor, Tensor>(name)
{
    /// <summary>True while a TorchSharp forward or pre-forward hook is registered on this module.</summary>
    public bool HasTorchHooks => pre_hooks.Count > 0 || post_hooks.Count > 0 || module_pre_hooks.Count > 0 || module_post_hooks.Count > 0;
}
