using LmOrganisms.Ecology;
using LmOrganisms.Transformers;

namespace LmOrganisms.Transformers.Tests;

/// <summary>
/// The belief-geometry paper's released checkpoints load into the presets and reproduce the logged losses by exact
/// evaluation (spec belief-geometry §5): the loss is the mean over the 10 positions of the expected per-position
/// cross-entropy; the relative loss is the mean over positions of loss_k / h_μ(k+1) (convention A).
/// </summary>
[Category(TestData.ReleasedCheckpoints)]
public sealed class ReleasedCheckpointTests
{
    /// <summary>Optimal loss of position k = 1..n: h_μ(k+1) = H(k+1) − H(k), block entropies H(L) in nats by enumerating
    /// every word of length L with the process's WordProbability (independent of the BeliefStates layer).</summary>
    private static double[] OptimalPerPosition(HiddenMarkovProcess process, int n)
    {
        var h = new double[n + 2];
        for (int length = 1; length <= n + 1; length++)
        {
            var word = new int[length];
            double entropy = 0;
            long total = (long)Math.Pow(process.AlphabetSize, length);
            for (long code = 0; code < total; code++)
            {
                long c = code;
                for (int i = length - 1; i >= 0; i--)
                {
                    word[i] = (int)(c % process.AlphabetSize);
                    c /= process.AlphabetSize;
                }
                double p = process.WordProbability(word);
                if (p > 0) entropy -= p * Math.Log(p);
            }
            h[length] = entropy;
        }
        return Enumerable.Range(1, n).Select(k => h[k + 1] - h[k]).ToArray();
    }

    private static double[] Loss(string checkpoint, TransformerConfig config, HiddenMarkovProcess process)
    {
        // No configuration is stored in the released files: it is inferred (LayerNorm with biases) and equals the preset.
        using var model = Transformer.Load(TestData.BeliefGeometryCheckpoint(checkpoint));
        Assert.That(model.Config, Is.EqualTo(config));
        return model.ExactLoss(process);
    }

    [Test]
    public void Mess3FinalCheckpointReproducesThePapersLossAndOptimum()
    {
        var mess3 = Processes.Mess3();
        var optimum = OptimalPerPosition(mess3, 10);
        var loss = Loss("mess3/629209600.safetensors", TransformerPresets.BeliefGeometry, mess3);
        Assert.That(optimum.Average(), Is.EqualTo(0.802512).Within(5e-7));
        Assert.That(loss.Average(), Is.EqualTo(0.802605).Within(5e-6));
        var relative = loss.Zip(optimum, (l, o) => l / o).ToArray();
        Assert.That(relative.Average(), Is.EqualTo(1.000117).Within(5e-6));
        Assert.That(relative[0], Is.EqualTo(1.000045).Within(5e-6));
        Assert.That(relative[9], Is.EqualTo(1.000189).Within(5e-6));
    }

    [Test]
    public void Mess3After6400TokensHasTheLoggedRelativeLoss()
    {
        var mess3 = Processes.Mess3();
        var optimum = OptimalPerPosition(mess3, 10);
        var loss = Loss("mess3/6400.safetensors", TransformerPresets.BeliefGeometry, mess3);
        Assert.That(loss.Zip(optimum, (l, o) => l / o).Average(), Is.EqualTo(1.100153).Within(5e-6));
        Assert.That(loss.Average(), Is.EqualTo(0.882340).Within(5e-6));
    }

    [Test]
    public void RrxorFinalCheckpointReproducesThePapersLossAndOptimum()
    {
        var rrxor = Processes.Rrxor();
        var optimum = OptimalPerPosition(rrxor, 10);
        var loss = Loss("rrxor/509376000.safetensors", TransformerPresets.BeliefGeometryRrxor, rrxor);
        Assert.That(optimum.Average(), Is.EqualTo(0.578185).Within(5e-7));
        Assert.That(loss.Average(), Is.EqualTo(0.578693).Within(5e-6));
    }

    [Test]
    public void ShapesOfTheReleasedCheckpointsGiveThePresets()
    {
        using var mess3 = Safetensors.Read(TestData.BeliefGeometryCheckpoint("mess3/629209600.safetensors"));
        using var rrxor = Safetensors.Read(TestData.BeliefGeometryCheckpoint("rrxor/509376000.safetensors"));
        Assert.That(Transformer.InferConfig(mess3.Tensors, "mess3"), Is.EqualTo(TransformerPresets.BeliefGeometry));
        Assert.That(Transformer.InferConfig(rrxor.Tensors, "rrxor"), Is.EqualTo(TransformerPresets.BeliefGeometryRrxor));
    }
}
