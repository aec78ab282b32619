using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LmOrganisms.Transformers;

/// <summary>
/// Looks up a module's own parameters and buffers by their registered names. <c>Module.to(device)</c> and <c>to(dtype)</c>
/// register new parameter and buffer objects, so the model's modules never keep them in fields: every forward pass reads
/// the ones registered at that moment, which makes moving a built model between devices and precisions correct.
/// </summary>
internal static class ModuleParameters
{
    public static Parameter Get(nn.Module module, string name)
        => module.get_parameter(name) ?? throw new InvalidOperationException($"Module '{module.GetName()}' has no parameter '{name}'.");

    public static Tensor Buffer(nn.Module module, string name)
        => module.get_buffer(name) ?? throw new InvalidOperationException($"Module '{module.GetName()}' has no buffer '{name}'.");
}
