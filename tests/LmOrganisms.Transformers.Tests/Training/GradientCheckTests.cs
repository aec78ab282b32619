using LmOrganisms.Transformers;
using TorchSharp;

namespace LmOrganisms.Transformers.Tests;

[NonParallelizable]
public sealed class GradientCheckTests
{
    [Test]
    public void BackpropagationMatchesCentralFiniteDifferencesInFloat64([Values] NormalizationKind norm, [Values(0, 2)] int experts)
    {
        var config = new TransformerConfig(2, 6, 2, 3, 8, 5, 3)
        {
            Normalization = norm, Activation = ActivationKind.Gelu, Experts = experts, TopK = 1, EmbeddingNorm = norm == NormalizationKind.RmsNormNoGain,
        };
        // Built directly in float64 (default dtype switched for the construction only).
        var previous = torch.get_default_dtype();
        torch.set_default_dtype(torch.float64);
        Transformer model;
        try
        {
            model = Transformer.Create(config, seed: 12);
        }
        finally
        {
            torch.set_default_dtype(previous);
        }
        using var owned = model;
        Assert.That(model.named_parameters().All(p => p.parameter.dtype == torch.float64), Is.True);
        using var scope = torch.NewDisposeScope();
        var tokens = torch.tensor(new long[] { 0, 2, 1, 1, 0, 2, 2, 1, 0, 1, 1, 0 }, [2, 6]);
        torch.Tensor Loss() => torch.nn.functional.cross_entropy(model.call(tokens.narrow(1, 0, 5)).reshape(-1, 3), tokens.narrow(1, 1, 5).reshape(-1));
        model.zero_grad();
        Loss().backward();
        const double h = 1e-6;
        int checkedEntries = 0;
        foreach (var (name, p) in model.named_parameters())
        {
            var flat = p.detach().view(-1);
            var grad = p.grad!.view(-1);
            foreach (long i in new long[] { 0, flat.numel() / 2, flat.numel() - 1 })
            {
                double original = flat[i].item<double>();
                double plus, minus;
                using (torch.no_grad())
                {
                    flat[i] = torch.tensor(original + h, torch.float64);
                    plus = Loss().item<double>();
                    flat[i] = torch.tensor(original - h, torch.float64);
                    minus = Loss().item<double>();
                    flat[i] = torch.tensor(original, torch.float64);
                }
                double numeric = (plus - minus) / (2 * h);
                Assert.That(grad[i].item<double>(), Is.EqualTo(numeric).Within(1e-6 + 1e-5 * Math.Abs(numeric)), $"{name}[{i}]");
                checkedEntries++;
            }
        }
        Assert.That(checkedEntries, Is.GreaterThan(30));
    }
}
