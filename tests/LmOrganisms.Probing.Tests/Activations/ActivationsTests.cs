using LmOrganisms.Ecology;
using LmOrganisms.InformationTheory;
using MathNet.Numerics.LinearAlgebra;

namespace LmOrganisms.Probing.Tests;

/// <summary><see cref="Activations.FromArrays"/>: the TorchSharp-free way into every estimator, and its validation.</summary>
public class ActivationsTests
{
    private static HookActivations Hook(string name, int rows, int width, float offset = 0) =>
        new(name, width, Enumerable.Range(0, rows * width).Select(i => offset + i).ToArray());

    private static LinearHead Head(int vocabulary, int width) =>
        new(Matrix<double>.Build.Dense(vocabulary, width, (t, j) => t - j), Vector<double>.Build.Dense(vocabulary, t => 0.5 * t));

    [Test]
    public void Arrays_become_named_rows_in_the_given_order_with_the_head()
    {
        var a = Hook("a", 2, 2);
        var b = Hook("b", 2, 3, 100);
        var head = Head(3, 3);
        var activations = Activations.FromArrays(2, [a, b], head, "b");
        Assert.That(activations.RowCount, Is.EqualTo(2));
        Assert.That(activations.Hooks, Is.EqualTo(new[] { "a", "b" }));
        Assert.That(activations.All, Is.EqualTo(new[] { a, b }));
        Assert.That(activations["b"], Is.SameAs(b));
        Assert.That(activations["b"].Values, Is.SameAs(b.Values), "not copied");
        Assert.That(activations["b"].Row(1).ToArray(), Is.EqualTo(new float[] { 103, 104, 105 }));
        Assert.That(activations["a"].RowCount, Is.EqualTo(2));
        Assert.That(activations.Contains("a"), Is.True);
        Assert.That(activations.Contains("c"), Is.False);
        Assert.That((activations.Head, activations.HeadHook), Is.EqualTo((head, "b")));
        var plain = Activations.FromArrays(2, [a]);
        Assert.That((plain.Head, plain.HeadHook), Is.EqualTo(((LinearHead?)null, (string?)null)));
        var ex = Assert.Throws<ArgumentException>(() => _ = activations["c"]);
        Assert.That(ex!.Message, Does.Contain("No activations for 'c'; captured: a, b"));
        // Zero rows are allowed (an empty probe set has none).
        Assert.That(Activations.FromArrays(0, [new HookActivations("a", 4, [])]).RowCount, Is.Zero);
    }

    [Test]
    public void Bad_arrays_and_heads_are_named()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Activations.FromArrays(-1, [Hook("a", 1, 1)]));
        Assert.Throws<ArgumentNullException>(() => Activations.FromArrays(1, null!));
        var ex = Assert.Throws<ArgumentException>(() => Activations.FromArrays(1, []));
        Assert.That(ex!.Message, Does.Contain("At least one hook's activations are needed"));
        ex = Assert.Throws<ArgumentException>(() => Activations.FromArrays(1, [Hook("a", 1, 1), Hook("a", 1, 2)]));
        Assert.That(ex!.Message, Does.Contain("Hook 'a' appears twice"));
        ex = Assert.Throws<ArgumentException>(() => Activations.FromArrays(1, [new HookActivations("", 1, [1])]));
        Assert.That(ex!.Message, Does.Contain("name is null"));
        ex = Assert.Throws<ArgumentException>(() => Activations.FromArrays(1, [new HookActivations("a", 0, [])]));
        Assert.That(ex!.Message, Does.Contain("Hook 'a' has width 0; expected at least 1"));
        ex = Assert.Throws<ArgumentException>(() => Activations.FromArrays(3, [Hook("a", 2, 2)]));
        Assert.That(ex!.Message, Does.Contain("Hook 'a' has 4 values; expected 3 rows × width 2"));
        ex = Assert.Throws<ArgumentException>(() => Activations.FromArrays(2, [new HookActivations("a", 2, null!)]));
        Assert.That(ex!.Message, Does.Contain("Hook 'a' has 0 values; expected 2 rows × width 2"));
        ex = Assert.Throws<ArgumentException>(() => Activations.FromArrays(2, [Hook("a", 2, 2)], Head(3, 2)));
        Assert.That(ex!.Message, Does.Contain("Give both the head and the hook it reads, or neither"));
        ex = Assert.Throws<ArgumentException>(() => Activations.FromArrays(2, [Hook("a", 2, 2)], null, "a"));
        Assert.That(ex!.Message, Does.Contain("Give both the head and the hook it reads, or neither"));
        ex = Assert.Throws<ArgumentException>(() => Activations.FromArrays(2, [Hook("a", 2, 2), Hook("b", 2, 2)], Head(3, 2), "c"));
        Assert.That(ex!.Message, Does.Contain("The head reads 'c', which is not among the hooks (a, b)"));
        ex = Assert.Throws<ArgumentException>(() => Activations.FromArrays(2, [Hook("a", 2, 2)], Head(3, 4), "a"));
        Assert.That(ex!.Message, Does.Contain("does not read 'a' of width 2"));
        var badBias = new LinearHead(Matrix<double>.Build.Dense(3, 2), Vector<double>.Build.Dense(2));
        ex = Assert.Throws<ArgumentException>(() => Activations.FromArrays(2, [Hook("a", 2, 2)], badBias, "a"));
        Assert.That(ex!.Message, Does.Contain("b 2) does not read 'a'"));
    }

    [Test]
    public void Estimators_refuse_activations_of_another_probe_set()
    {
        var set = ProbeSet.AllWords(Processes.Mess3(), 3); // 27 words × 3 positions
        var wrong = Activations.FromArrays(80, [Hook("a", 80, 2)]);
        var ex = Assert.Throws<ArgumentException>(() => new BeliefGeometryProbe().Fit(wrong, set));
        Assert.That(ex!.Message, Does.Contain("The activations have 80 rows; the probe set has 81"));
        ex = Assert.Throws<ArgumentException>(() => new UsableInformation().Fit(wrong, set));
        Assert.That(ex!.Message, Does.Contain("The activations have 80 rows; the probe set has 81"));
        var withHead = Activations.FromArrays(80, [Hook("a", 80, 2)], Head(3, 2), "a");
        ex = Assert.Throws<ArgumentException>(() => new SpectralAlignment().Fit(withHead, set));
        Assert.That(ex!.Message, Does.Contain("The activations have 80 rows; the probe set has 81"));

        var right = Activations.FromArrays(81, [Hook("a", 81, 2)]);
        ex = Assert.Throws<ArgumentException>(() => new SpectralAlignment().Fit(right, set));
        Assert.That(ex!.Message, Does.Contain("The activations carry no head"));
        ex = Assert.Throws<ArgumentException>(() => new BeliefGeometryProbe { Hooks = ["b"] }.Fit(right, set));
        Assert.That(ex!.Message, Does.Contain("No activations for 'b'; captured: a"));
        ex = Assert.Throws<ArgumentException>(() => new UsableInformation { Hook = "b" }.Fit(right, set));
        Assert.That(ex!.Message, Does.Contain("No activations for 'b'; captured: a"));
        ex = Assert.Throws<ArgumentException>(() => new UsableInformation { Horizon = 1 }.Fit(right, set));
        Assert.That(ex!.Message, Does.Contain("UsableInformation.Horizon is 1"));
    }
}
