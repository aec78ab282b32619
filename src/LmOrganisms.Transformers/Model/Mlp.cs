using LmOrganisms.Transformers;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LmOrganisms.Transformers;

/// <summary>The MLP <c>act(x W_in + b_in) W_out + b_out</c> with TransformerLens names <c>W_in</c> [D, d_mlp], <c>b_in</c>, <c>W_out</c> [d_mlp, D], <c>b_out</c>.</summary>
internal sealed class Mlp : nn.Module<Tensor, Tensor>
{
    private readonly bool biases;
    private readonly ActivationKind activation;
    private readonly HookRunner? hooks;
    private readonly string? postName;

    public Mlp(string name, TransformerConfig config, HookRunner? hooks, string? postName) : base(name)
    {
        activation = config.Activation;
        this.hooks = hooks;
        this.postName = postName;
        biases = config.Biases;
        register_parameter("W_in", new Parameter(torch.zeros(config.DModel, config.DMlp)));
        if (config.Biases)
        {
            register_parameter("b_in", new Parameter(torch.zeros(config.DMlp)));
        }
        register_parameter("W_out", new Parameter(torch.zeros(config.DMlp, config.DModel)));
        if (config.Biases)
        {
            register_parameter("b_out", new Parameter(torch.zeros(config.DModel)));
        }
    }

    public override Tensor forward(Tensor x)
    {
        var pre = x.matmul(ModuleParameters.Get(this, "W_in"));
        if (biases) pre = pre.Plus(ModuleParameters.Get(this, "b_in"));
        var post = activation == ActivationKind.Relu ? nn.functional.relu(pre) : nn.functional.gelu(pre);
        if (hooks is not null && postName is not null) post = hooks.Apply(postName, post);
        var output = post.matmul(ModuleParameters.Get(this, "W_out"));
        return biases ? output.Plus(ModuleParameters.Get(this, "b_out")) : output;
    }
}
