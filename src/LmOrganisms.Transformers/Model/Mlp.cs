using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LmOrganisms.Transformers;

/// <summary>The MLP <c>act(x W_in + b_in) W_out + b_out</c> with TransformerLens names <c>W_in</c> [D, d_mlp], <c>b_in</c>,
/// <c>W_out</c> [d_mlp, D], <c>b_out</c>; hook points before (<c>hook_pre</c>) and after (<c>hook_post</c>) the nonlinearity.</summary>
internal sealed class Mlp : HookableModule
{
    private readonly bool biases;
    private readonly ActivationKind activation;
    private readonly HookRunner hooks;
    private readonly string preName, postName;

    public Mlp(string name, TransformerConfig config, HookRunner hooks, string preName, string postName) : base(name)
    {
        activation = config.Activation;
        this.hooks = hooks;
        this.preName = preName;
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
        pre = hooks.Apply(preName, pre);
        var post = hooks.Apply(postName, activation == ActivationKind.Relu ? nn.functional.relu(pre) : nn.functional.gelu(pre));
        var output = post.matmul(ModuleParameters.Get(this, "W_out"));
        return biases ? output.Plus(ModuleParameters.Get(this, "b_out")) : output;
    }
}
