using LmOrganisms.Ecology;
using LmOrganisms.Transformers;
using MathNet.Numerics.LinearAlgebra;

namespace LmOrganisms.Probing.Tests;

/// <summary>
/// The streamed belief-geometry fit (<c>probe.Fit(model, probeSet)</c>: statistics accumulated chunk by chunk while the
/// model runs, merged in chunk order, predictions from a second pass) against the fit of captured activations, and the
/// blocked statistics against a direct least-squares solve on the whole design matrix.
/// </summary>
public class StreamedBeliefGeometryTests
{
    private static readonly TransformerConfig Config =
        new(Layers: 2, DModel: 12, Heads: 2, DHead: 6, DMlp: 24, ContextLength: 8, Vocabulary: 3);

    // Every Mess3 word of length 8: 6,561 sequences, 52,488 rows, four chunks of the accumulation.
    private static readonly ProbeSet Set = ProbeSet.AllWords(Processes.Mess3(), 8);

    private static Transformer Model()
    {
        var model = Transformer.Create(Config, seed: 5);
        model.Train(TrainingWorld.FromProcess(Processes.Mess3()), new TrainingOptions { Steps = 60, Seed = 2, LearningRate = 3e-3, EvalInterval = 0 });
        return model;
    }

    [Test]
    public void Streamed_fit_through_libtorch_is_bit_identical_to_the_fit_of_captured_activations()
    {
        Assert.That(Set.RowCount, Is.GreaterThan(3 * BeliefGeometryProbe.ChunkRows), "several chunks are merged");
        using var model = Model();
        // An MLP hook needs libtorch's forward pass: one reader, the batches of the capture.
        string[] hooks = [HookNames.ResidPost(0), HookNames.MlpPost(1)];
        var probe = new BeliefGeometryProbe { Hooks = hooks, ShuffleSeed = 3 };
        var options = new CaptureOptions { BatchSize = 1000 };
        var progress = new List<ProbeProgress>();
        var streamed = probe.Fit(model, Set, options, new Sync(progress));
        var captured = probe.Fit(model.Capture(Set, hooks, options), Set);
        Assert.That(streamed.Layers.Select(l => l.Name), Is.EqualTo(hooks));
        Assert.That(streamed.Concatenated!.Name, Is.EqualTo(string.Join("+", hooks)));
        foreach (var (a, b) in streamed.Layers.Append(streamed.Concatenated).Zip(captured.Layers.Append(captured.Concatenated!)))
        {
            Assert.That(a.FeatureCount, Is.EqualTo(b.FeatureCount));
            foreach (var (x, y) in new[] { (a.Belief, b.Belief), (a.NextToken, b.NextToken), (a.ShuffleControl, b.ShuffleControl) })
            {
                Assert.That((x.Mse, x.R2, x.WeightSum), Is.EqualTo((y.Mse, y.R2, y.WeightSum)), a.Name);
                Assert.That(x.MsePerTarget, Is.EqualTo(y.MsePerTarget), a.Name);
            }
            Assert.That(a.BeliefProbe.Coefficients.ToArray(), Is.EqualTo(b.BeliefProbe.Coefficients.ToArray()), a.Name);
            Assert.That(a.PredictedBeliefs, Is.EqualTo(b.PredictedBeliefs), a.Name);
            Assert.That(a.PredictedNextToken, Is.EqualTo(b.PredictedNextToken), a.Name);
        }
        Assert.That(progress[^1], Is.EqualTo(new ProbeProgress("done", 1)));
        Assert.That(progress.Select(p => p.Fraction), Is.Ordered);
    }

    [Test]
    public void Streamed_fit_on_the_cpu_engine_agrees_with_the_captured_fit_to_float32_rounding()
    {
        using var model = Model();
        var probe = new BeliefGeometryProbe { ShuffleSeed = 3 };
        var progress = new List<ProbeProgress>();
        var streamed = probe.Fit(model, Set, progress: new Sync(progress));
        var captured = probe.Fit(model.Capture(Set), Set);
        Assert.That(streamed.Layers.Select(l => l.Name), Is.EqualTo(HookNames.ResidualStream(Config)));
        foreach (var (a, b) in streamed.Layers.Append(streamed.Concatenated!).Zip(captured.Layers.Append(captured.Concatenated!)))
        {
            foreach (var (x, y) in new[] { (a.Belief, b.Belief), (a.NextToken, b.NextToken), (a.ShuffleControl, b.ShuffleControl) })
            {
                // One row stands for every row with its prefix (weight = their number): the same rows and weight.
                Assert.That((x.RowCount, x.WeightSum), Is.EqualTo((y.RowCount, y.WeightSum)), a.Name);
                Assert.That(x.Mse, Is.EqualTo(y.Mse).Within(1e-5 * y.Mse), a.Name);
                Assert.That(x.R2, Is.EqualTo(y.R2).Within(1e-6), a.Name);
            }
            double worst = a.PredictedBeliefs.Zip(b.PredictedBeliefs).Max(p => Math.Abs(p.First - p.Second));
            Assert.That(worst, Is.LessThan(1e-4), a.Name);
        }
        Assert.That(progress[^1], Is.EqualTo(new ProbeProgress("done", 1)));
        Assert.That(progress.Select(p => p.Fraction), Is.Ordered);
    }

    [Test]
    public void Blocked_statistics_give_the_direct_least_squares_fit()
    {
        using var model = Model();
        // Three hooks side by side, a full-rank design (the embedding takes only 3 + 8 directions, and ln_final lies in a
        // hyperplane: both would make the concatenation rank deficient).
        string[] hooks = [HookNames.ResidPost(0), HookNames.ResidMid(1), HookNames.ResidPost(1)];
        var activations = model.Capture(Set, hooks);
        var result = new BeliefGeometryProbe { Hooks = hooks }.Fit(activations, Set);
        int n = Set.RowCount, s = Set.StateCount;
        foreach (var (layer, features) in new[]
        {
            (result.Layers[2], new[] { hooks[2] }),
            (result.Concatenated!, hooks),
        })
        {
            // The design [1 | x] of every row, solved by QR (no normal equations).
            int p = features.Sum(h => activations[h].Width);
            var design = Matrix<double>.Build.Dense(n, p + 1, (r, j) =>
            {
                if (j == 0) return 1;
                j--;
                foreach (var h in features)
                {
                    int w = activations[h].Width;
                    if (j < w) return activations[h].Row(r)[j];
                    j -= w;
                }
                throw new InvalidOperationException();
            });
            var targets = Matrix<double>.Build.Dense(n, s, (r, k) => Set.Beliefs[r * s + k]);
            var direct = design.QR().Solve(targets);
            var coefficients = layer.BeliefProbe.Coefficients;
            double scale = direct.Enumerate().Max(Math.Abs);
            for (int i = 0; i < p; i++)
                for (int k = 0; k < s; k++)
                    Assert.That(coefficients[i, k], Is.EqualTo(direct[i + 1, k]).Within(1e-8 * scale), $"{layer.Name} B[{i}, {k}]");
            for (int k = 0; k < s; k++)
                Assert.That(layer.BeliefProbe.Intercept[k], Is.EqualTo(direct[0, k]).Within(1e-8 * scale), $"{layer.Name} c[{k}]");
            // The MSE from the statistics equals the mean squared residual of the direct solution, and the predictions
            // are the direct solution's fitted values.
            var residual = design * direct - targets;
            double mse = residual.Enumerate().Sum(e => e * e) / (n * (double)s);
            Assert.That(layer.Belief.Mse, Is.EqualTo(mse).Within(1e-9 * mse), layer.Name);
            var fitted = design * direct;
            for (int r = 0; r < n; r += 97)
                for (int k = 0; k < s; k++)
                    Assert.That(layer.PredictedBeliefs[r * s + k], Is.EqualTo(fitted[r, k]).Within(1e-9), $"{layer.Name} row {r}");
        }
    }

    private sealed class Sync(List<ProbeProgress> seen) : IProgress<ProbeProgress>
    {
        public void Report(ProbeProgress value)
        {
            lock (seen) seen.Add(value);
        }
    }
}
