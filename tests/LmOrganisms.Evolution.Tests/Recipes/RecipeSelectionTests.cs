using LmOrganisms.Evolution;

namespace LmOrganisms.Evolution.Tests;

public class RecipeSelectionTests
{
    // Spec §4.10: x = (.6,.4), α = (0,1), Δ = (1.2,.4), f = e^{−Δ}: ᾱ = 0.4, f̄ = 0.4488445456,
    // ᾱ_sel = 0.5973739039 (= ᾱ + Cov/f̄, Cov/f̄ = 0.1973739039).
    [Test]
    public void SpecVector_BinaryRecipe()
    {
        var r = RecipeSelection.Select([0.6, 0.4], [0, 1], [Math.Exp(-1.2), Math.Exp(-0.4)]);
        Assert.That(r.MeanTrait, Is.EqualTo(0.4).Within(1e-15));
        Assert.That(r.MeanFitness, Is.EqualTo(0.4488445456).Within(1e-10));
        Assert.That(r.SelectedMeanTrait, Is.EqualTo(0.5973739039).Within(1e-10));
        Assert.That(r.Shift, Is.EqualTo(0.1973739039).Within(1e-10));
        Assert.That(r.SelectedMeanTrait - r.MeanTrait, Is.EqualTo(r.Shift).Within(1e-15));
    }

    // Spec §3.10 recipe-trait check: 6 recipes α ∈ {0,.5,1} × ζ ∈ {1,2}, Δ = base_ζ − slope_ζ α (base 1.4, 1.1; slope
    // .35, .15), f = e^{−Δ}, random x: identity ᾱ_sel − ᾱ = Cov/f̄ to 1e-12. Prop 75's sign (Cov ≥ 0, ᾱ_sel ≥ ᾱ) is
    // checked when the trait is independent of the background under x (x = a(α) b(ζ)); Lemma 76: for nondecreasing h,
    // E_sel[h(α)] ≥ E[h(α)].
    [Test]
    public void Prop75_IdentityAndSign_SixRecipes()
    {
        double[] alpha = [0, 0.5, 1, 0, 0.5, 1];
        double[] delta = [1.4, 1.4 - 0.175, 1.4 - 0.35, 1.1, 1.1 - 0.075, 1.1 - 0.15];
        var f = delta.Select(d => Math.Exp(-d)).ToArray();
        var rng = new Random(20260317);
        Func<double, double>[] hs = [a => a * a, Math.Sqrt, a => a >= 0.5 ? 1 : 0];
        for (int trial = 0; trial < 40; trial++)
        {
            var x = RandomPopulations.Simplex(rng, 6);
            var r = RecipeSelection.Select(x, alpha, f);
            Assert.That(r.SelectedMeanTrait - r.MeanTrait, Is.EqualTo(r.Shift).Within(1e-12));

            var a = RandomPopulations.Simplex(rng, 3);
            var b = RandomPopulations.Simplex(rng, 2);
            var product = new double[6];
            for (int z = 0; z < 2; z++)
                for (int i = 0; i < 3; i++) product[(3 * z) + i] = a[i] * b[z];
            var p = RecipeSelection.Select(product, alpha, f);
            Assert.That(p.Covariance, Is.GreaterThan(0));
            Assert.That(p.SelectedMeanTrait, Is.GreaterThan(p.MeanTrait));
            foreach (var h in hs)
            {
                var ht = RecipeSelection.Select(product, alpha.Select(h).ToArray(), f);
                Assert.That(ht.SelectedMeanTrait, Is.GreaterThanOrEqualTo(ht.MeanTrait - 1e-15));
            }
        }
    }

    // Without independence the sign can flip: x on (ζ=1, α=.5) and (ζ=2, α=0) only; Δ = 1.225 vs 1.1, so the higher-α
    // recipe is less fit and Cov = ½·½·(e^{−1.225} − e^{−1.1})·½ < 0.
    [Test]
    public void Prop75_SignNeedsTraitIndependentOfBackground()
    {
        double[] alpha = [0, 0.5, 1, 0, 0.5, 1];
        double[] delta = [1.4, 1.225, 1.05, 1.1, 1.025, 0.95];
        var f = delta.Select(d => Math.Exp(-d)).ToArray();
        var r = RecipeSelection.Select([0, 0.5, 0, 0.5, 0, 0], alpha, f);
        Assert.That(r.Covariance, Is.EqualTo(0.125 * (Math.Exp(-1.225) - Math.Exp(-1.1))).Within(1e-15));
        Assert.That(r.Covariance, Is.LessThan(0));
    }

    [Test]
    public void NextGeneration_IsReproducibleAndSelectsHighTrait()
    {
        double[] traits = [0.1, 0.2, 0.8, 0.9];
        double[] fitness = [0.1, 0.1, 1, 1];
        var a = RecipeSelection.NextGeneration(traits, fitness, 0.1, seed: 5);
        var b = RecipeSelection.NextGeneration(traits, fitness, 0.1, seed: 5);
        Assert.That(b, Is.EqualTo(a));
        Assert.That(a.All(v => v is >= 0 and <= 1), Is.True);
        // Without mutation the children's mean over many seeds is the selected mean Σ f α / Σ f = 0.8 (per-draw sd ≤ 0.4).
        double mean = 0;
        const int reps = 2000;
        for (int s = 0; s < reps; s++) mean += RecipeSelection.NextGeneration(traits, fitness, 0, s).Average() / reps;
        double expected = RecipeSelection.Select(traits, fitness).SelectedMeanTrait;
        Assert.That(expected, Is.EqualTo(((0.1 * 0.1) + (0.1 * 0.2) + 0.8 + 0.9) / 2.2).Within(1e-15));
        Assert.That(mean, Is.EqualTo(expected).Within(5 * 0.4 / Math.Sqrt(4 * reps)));
    }

    [Test]
    public void BadInputs_NameTheProblem()
    {
        var ex = Assert.Throws<ArgumentException>(() => RecipeSelection.Select([0.5, 0.5], [0, 1.5], [1, 1]));
        Assert.That(ex!.Message, Does.Contain("Trait α of recipe 1 is 1.5"));
        var ex2 = Assert.Throws<ArgumentException>(() => RecipeSelection.Select([0.7, 0.5], [0, 1], [1, 1]));
        Assert.That(ex2!.Message, Does.Contain("recipe frequencies sum to 1.2"));
    }
}
