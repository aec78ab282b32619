using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LmOrganisms.Transformers;

/// <summary>A named holder of parameters without a forward pass (TransformerLens <c>embed</c>, <c>pos_embed</c>, <c>unembed</c>).</summary>
internal sealed class ParameterGroup(string name) : nn.Module(name)
{
    public void Add(string parameterName, params long[] shape) => register_parameter(parameterName, new Parameter(torch.zeros(shape)));

    /// <summary>The parameter registered as <paramref name="parameterName"/> now (Module.to replaces parameter objects).</summary>
    public Parameter Get(string parameterName) => ModuleParameters.Get(this, parameterName);
}
