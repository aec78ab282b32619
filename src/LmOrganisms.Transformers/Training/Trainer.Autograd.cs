using LmOrganisms.Transformers;
using TorchSharp;
using static TorchSharp.torch;
using Parameter = TorchSharp.Modules.Parameter;

namespace LmOrganisms;

public sealed partial class Trainer
{
    // The libtorch path: the module's forward pass, autograd and a per-tensor update. Used where the CPU engine is not
    // (CUDA, float64, mixture of experts) and for steps taken while hooks are installed on the model.
    private double AutogradStep(double lr)
    {
        using var scope = torch.NewDisposeScope();
        for (int i = 0; i < sampled.Length; i++) staged[i] = sampled[i];
        var tokens = torch.tensor(staged, [Options.BatchSize, length + 1], device: device);
        var logits = Model.call(tokens.narrow(1, 0, length));
        var loss = nn.functional.cross_entropy(logits.reshape(-1, Model.Config.Vocabulary), tokens.narrow(1, 1, length).reshape(-1));
        Model.zero_grad();
        loss.backward();
        double value = loss.ToDoubleKept();
        if (!double.IsFinite(value)) throw Diverged(value, lr);
        using (torch.no_grad()) Update(lr);
        return value;
    }

    private void Update(double lr) => UpdateTensors(state, Options, lr, Step + 1);

    /// <summary>The per-tensor update of the autograd path: step <paramref name="t"/> (1-based) of the options' optimiser
    /// on each parameter from its <c>grad</c>, with its moments m and v (the semantics <see cref="FlatOptimizer"/> keeps).</summary>
    // Every number reaches libtorch as an explicit Scalar disposed after the call (see TorchScalars): implicit
    // conversions could be finalized mid-call when another thread collects. Same conversions, same bits.
    internal static void UpdateTensors(IReadOnlyList<(string Name, Parameter Parameter, Tensor M, Tensor V)> state, TrainingOptions options, double lr, int t)
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        double scale = 1;
        if (options.GradientClipNorm is { } maxNorm)
        {
            var squares = state.Select(s => s.Parameter.grad!.Squared().sum()).ToArray();
            double norm = Math.Sqrt(torch.stack(squares).sum().ToDoubleKept());
            if (norm > maxNorm) scale = maxNorm / (norm + 1e-6);
        }
        double wd = options.WeightDecay, b1 = options.Beta1, b2 = options.Beta2;
        double bc1 = 1 - Math.Pow(b1, t), bc2 = 1 - Math.Pow(b2, t);
        using var minusLr = (-lr).ToScalar();
        using var decay = (1 - lr * wd).ToScalar();
        using var beta1 = b1.ToScalar();
        using var oneMinusBeta1 = (1 - b1).ToScalar();
        using var beta2 = b2.ToScalar();
        using var oneMinusBeta2 = (1 - b2).ToScalar();
        using var sqrtBc2 = Math.Sqrt(bc2).ToScalar();
        using var epsilon = options.Epsilon.ToScalar();
        using var step = (-lr / bc1).ToScalar();
        foreach (var (_, p, m, v) in state)
        {
            var g = p.grad!;
            if (scale != 1) g = g.Times(scale);
            switch (options.Optimizer)
            {
                case OptimizerKind.Sgd:
                    if (wd != 0) g = g.Plus(p.Times(wd));
                    p.add_(g, minusLr);
                    break;
                default:
                    if (options.Optimizer == OptimizerKind.AdamW) { if (wd != 0) p.mul_(decay); }
                    else if (wd != 0) g = g.Plus(p.Times(wd));
                    m.mul_(beta1).add_(g, oneMinusBeta1);
                    v.mul_(beta2).addcmul_(g, g, oneMinusBeta2);
                    var denominator = v.sqrt().div(sqrtBc2).add_(epsilon, TorchScalars.One);
                    p.addcdiv_(m, denominator, step);
                    break;
            }
        }
    }

    // Mean cross-entropy per position of the evaluation sequences through the module, without gradients.
    private double[] AutogradLossPerPosition(int[] sequences, int count)
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var tokens = torch.tensor(Array.ConvertAll(sequences, x => (long)x), [count, length + 1], device: device);
        var logits = Model.call(tokens.narrow(1, 0, length));
        var ce = nn.functional.cross_entropy(logits.reshape(-1, Model.Config.Vocabulary), tokens.narrow(1, 1, length).reshape(-1), reduction: nn.Reduction.None)
            .reshape(count, length).to(torch.float64).mean([0]);
        return ce.cpu().data<double>().ToArray();
    }
}
