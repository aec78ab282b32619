using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LmOrganisms.Transformers.Model;

/// <summary>A named holder of parameters without a forward pass (TransformerLens <c>embed</c>, <c>pos_embed</c>, <c>unembed</c>).</summary>
internal sealed class ParameterGroup(string name) : nn.Module(name)
{
    public Parameter Add(string parameterName, params long[] shape)
    {
        var p = new Parameter(torch.zeros(shape));
        register_parameter(parameterName, p);
        return p;
    }
}
