using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LmOrganisms.Transformers;

/// <summary>
/// Mixture-of-experts MLP (TransformerLens names <c>W_gate</c> [D, E], <c>experts.{e}.W_in</c> …): router probabilities
/// softmax(x W_gate) computed from the token's own normalised residual x only, the top-k experts kept with their
/// probabilities renormalised to sum to 1, output Σ_e gate_e · MLP_e(x). Routing therefore depends on nothing but the
/// token's residual (task-ecology paper's frozen mixture-of-experts argument). All experts are evaluated densely, each with
/// its own hook points <c>mlp.experts.{e}.hook_pre</c> / <c>hook_post</c> on every token.
/// </summary>
internal sealed class MixtureOfExperts : HookableModule
{
    private readonly ModuleList<Mlp> experts;
    private readonly int topK;
    private readonly HookRunner hooks;
    private readonly string weightsName, choicesName;

    public MixtureOfExperts(TransformerConfig config, int layer, HookRunner hooks) : base("mlp")
    {
        topK = config.TopK;
        this.hooks = hooks;
        weightsName = HookNames.RouterWeights(layer);
        choicesName = HookNames.RouterChoices(layer);
        register_parameter("W_gate", new Parameter(torch.zeros(config.DModel, config.Experts)));
        experts = new ModuleList<Mlp>(Enumerable.Range(0, config.Experts).Select(e => new Mlp($"expert{e}", config, hooks, HookNames.ExpertPre(layer, e), HookNames.ExpertPost(layer, e))).ToArray());
        register_module("experts", experts);
    }

    public override Tensor forward(Tensor x)
    {
        var probs = x.matmul(ModuleParameters.Get(this, "W_gate")).softmax(-1);                                  // [B, T, E]
        var (values, indices) = probs.topk(topK, dim: -1);
        hooks.Apply(choicesName, indices);
        var gate = torch.zeros_like(probs).scatter(-1, indices, values / values.sum(-1, keepdim: true));
        gate = hooks.Apply(weightsName, gate);
        Tensor? output = null;
        for (int e = 0; e < experts.Count; e++)
        {
            var term = gate.narrow(-1, e, 1) * experts[e].call(x);
            output = output is null ? term : output.Plus(term);
        }
        return output!;
    }
}
