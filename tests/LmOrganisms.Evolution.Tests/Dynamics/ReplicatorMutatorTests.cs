using LmOrganisms.Evolution;

namespace LmOrganisms.Evolution.Tests;

public class ReplicatorMutatorTests
{
    private static readonly MutationKernel SpecKernel = MutationKernel.FromRows([[0.9, 0.1], [0.2, 0.8]]);
    private static readonly double[] SpecFitness = [1, 2];

    // Spec §4.10: x = (.5,.5), W = (1,2), Q = [[.9,.1],[.2,.8]] ⇒ one step (0.4333333333, 0.5666666667).
    [Test]
    public void SpecVector_OneStep()
    {
        var next = ReplicatorMutator.Step([0.5, 0.5], SpecFitness, SpecKernel);
        Assert.That(next[0], Is.EqualTo(0.4333333333).Within(1e-10));
        Assert.That(next[1], Is.EqualTo(0.5666666667).Within(1e-10));
        Assert.That(next[0], Is.EqualTo(13.0 / 30).Within(1e-15));
        Assert.That(next[1], Is.EqualTo(17.0 / 30).Within(1e-15));
    }

    // Spec §4.10: A = QᵀD = [[.9,.4],[.1,1.6]].
    [Test]
    public void SpecVector_SelectionMutationMatrix()
    {
        var a = ReplicatorMutator.SelectionMutationMatrix(SpecFitness, SpecKernel);
        Assert.That(a.ToArray(), Is.EqualTo(new double[,] { { 0.9, 0.4 }, { 0.1, 1.6 } }).Within(1e-15));
    }

    // Spec §4.10: Perron λ = 1.6531128874, fixed point (0.3468871126, 0.6531128874).
    [Test]
    public void SpecVector_PerronEquilibrium()
    {
        var eq = ReplicatorMutator.Equilibrium(SpecFitness, SpecKernel);
        Assert.That(eq.Eigenvalue, Is.EqualTo(1.6531128874).Within(1e-10));
        Assert.That(eq.Eigenvalue, Is.EqualTo((2.5 + Math.Sqrt(0.65)) / 2).Within(1e-13)); // closed form of the 2×2 root
        Assert.That(eq.Frequencies[0], Is.EqualTo(0.3468871126).Within(1e-10));
        Assert.That(eq.Frequencies[1], Is.EqualTo(0.6531128874).Within(1e-10));
        // The equilibrium mean fitness is the Perron root.
        Assert.That(ReplicatorMutator.MeanFitness(eq.Frequencies, SpecFitness), Is.EqualTo(eq.Eigenvalue).Within(1e-12));
    }

    // Spec §4.10: "(iteration converges there)".
    [Test]
    public void SpecVector_IterationConvergesToPerronVector()
    {
        var run = ReplicatorMutator.Iterate([0.5, 0.5], SpecFitness, SpecKernel, tolerance: 1e-15);
        Assert.That(run.Converged, Is.True);
        Assert.That(run.Frequencies[0], Is.EqualTo(0.3468871126).Within(1e-10));
        Assert.That(run.Frequencies[1], Is.EqualTo(0.6531128874).Within(1e-10));
        Assert.That(run.MeanFitness, Is.EqualTo(1.6531128874).Within(1e-10));
    }

    [Test]
    public void IdentityKernel_EqualsReplicatorEquation()
    {
        var rng = new Random(11);
        for (int trial = 0; trial < 50; trial++)
        {
            int n = 2 + rng.Next(7);
            var x = RandomPopulations.Simplex(rng, n);
            var w = RandomPopulations.Uniform(rng, n, 0.1, 3);
            var next = ReplicatorMutator.Step(x, w, MutationKernel.Identity(n));
            double wBar = 0;
            for (int i = 0; i < n; i++) wBar += x[i] * w[i];
            for (int i = 0; i < n; i++)
                Assert.That(next[i], Is.EqualTo(x[i] * w[i] / wBar).Within(1e-14));
        }
    }

    // Replicator equation closed form after g generations: xᵢ(g) ∝ xᵢ Wᵢ^g.
    [Test]
    public void IdentityKernel_TrajectoryMatchesClosedForm()
    {
        double[] x = [0.5, 0.3, 0.2];
        double[] w = [1.0, 1.2, 0.7];
        var traj = ReplicatorMutator.Trajectory(x, w, MutationKernel.Identity(3), 20);
        for (int g = 0; g <= 20; g++)
        {
            double s = 0;
            var expected = new double[3];
            for (int i = 0; i < 3; i++) s += expected[i] = x[i] * Math.Pow(w[i], g);
            for (int i = 0; i < 3; i++) Assert.That(traj[g][i], Is.EqualTo(expected[i] / s).Within(1e-13));
        }
    }

    [Test]
    public void Trajectory_EqualsRepeatedSteps()
    {
        var rng = new Random(3);
        var x = RandomPopulations.Simplex(rng, 4);
        var w = RandomPopulations.Uniform(rng, 4, 0.5, 2);
        var q = MutationKernel.FromRows(RandomPopulations.StochasticRows(rng, 4));
        var traj = ReplicatorMutator.Trajectory(x, w, q, 5);
        var y = x;
        for (int g = 1; g <= 5; g++)
        {
            y = ReplicatorMutator.Step(y, w, q);
            Assert.That(traj[g], Is.EqualTo(y).Within(1e-15));
        }
        Assert.That(traj[0], Is.EqualTo(x));
    }

    // Eigen-solver result against a long power iteration on random positive kernels; the equilibrium is a fixed point.
    [Test]
    public void Equilibrium_IsFixedPointAndMatchesIteration()
    {
        var rng = new Random(5);
        for (int trial = 0; trial < 30; trial++)
        {
            int n = 2 + rng.Next(6);
            var w = RandomPopulations.Uniform(rng, n, 0.2, 2);
            var q = MutationKernel.FromRows(RandomPopulations.StochasticRows(rng, n));
            var eq = ReplicatorMutator.Equilibrium(w, q);
            Assert.That(eq.Frequencies.Sum(), Is.EqualTo(1).Within(1e-13));
            Assert.That(eq.Frequencies.All(v => v > 0), Is.True);
            Assert.That(ReplicatorMutator.Step(eq.Frequencies, w, q), Is.EqualTo(eq.Frequencies).Within(1e-12));
            var run = ReplicatorMutator.Iterate(RandomPopulations.Simplex(rng, n), w, q, tolerance: 1e-15, maxIterations: 200_000);
            Assert.That(run.Converged, Is.True);
            Assert.That(run.Frequencies, Is.EqualTo(eq.Frequencies).Within(1e-10));
            Assert.That(run.MeanFitness, Is.EqualTo(eq.Eigenvalue).Within(1e-10));
        }
    }

    // Sparse but irreducible (cyclic) mutation still has a unique positive Perron vector.
    [Test]
    public void Equilibrium_SparseIrreducibleKernel()
    {
        var q = MutationKernel.FromRows([[0.9, 0.1, 0], [0, 0.95, 0.05], [0.2, 0, 0.8]]);
        double[] w = [1, 1.5, 0.5];
        var eq = ReplicatorMutator.Equilibrium(w, q);
        Assert.That(eq.Frequencies.All(v => v > 0), Is.True);
        Assert.That(ReplicatorMutator.Step(eq.Frequencies, w, q), Is.EqualTo(eq.Frequencies).Within(1e-12));
    }

    // Irreducible but periodic: Q swaps the two types. A = [[0,2],[1,0]] has eigenvalues ±√2; the Perron vector solves
    // 2 x₂ = √2 x₁, i.e. x = (√2, 1)/(1 + √2). The normalised iteration oscillates (period 2) from any other start.
    [Test]
    public void Equilibrium_PeriodicKernel_IterationDoesNotConverge()
    {
        var q = MutationKernel.FromRows([[0, 1], [1, 0]]);
        double[] w = [1, 2];
        var eq = ReplicatorMutator.Equilibrium(w, q);
        Assert.That(eq.Eigenvalue, Is.EqualTo(Math.Sqrt(2)).Within(1e-12));
        Assert.That(eq.Frequencies[0], Is.EqualTo(Math.Sqrt(2) / (1 + Math.Sqrt(2))).Within(1e-12));
        var run = ReplicatorMutator.Iterate([0.5, 0.5], w, q, tolerance: 1e-12, maxIterations: 1000);
        Assert.That(run.Converged, Is.False);
        Assert.That(run.LastChange, Is.GreaterThan(0.01));
    }

    [Test]
    public void Equilibrium_ReducibleKernel_ThrowsNamingTypes()
    {
        var q = MutationKernel.FromRows([[0.9, 0.1, 0], [0, 1, 0], [0, 0.3, 0.7]]);
        var ex = Assert.Throws<ArgumentException>(() => ReplicatorMutator.Equilibrium([1, 2, 3], q));
        Assert.That(ex!.Message, Does.Contain("reducible"));
        Assert.That(ex.Message, Does.Contain("type 2 cannot be reached from type 0"));
        // Iterate still works. Type 2 grows by W₂Q₂₂ = 2.1 > W₁Q₁₁ = 2 and feeds type 1, so the limit solves
        // 2.1 x₁ = 2 x₁ + 0.9 x₂ with x₀ = 0: x = (0, 0.9, 0.1) (the class dominant among those reachable).
        var run = ReplicatorMutator.Iterate([1.0 / 3, 1.0 / 3, 1.0 / 3], [1, 2, 3], q, tolerance: 1e-15);
        Assert.That(run.Frequencies, Is.EqualTo(new[] { 0, 0.9, 0.1 }).Within(1e-9));
    }

    [Test]
    public void Equilibrium_ZeroFitness_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => ReplicatorMutator.Equilibrium([1, 0], SpecKernel));
        Assert.That(ex!.Message, Does.Contain("Entry 1 of the fitness values is 0"));
    }

    [Test]
    public void Iterate_ReportsNonConvergenceAndProgress()
    {
        var reports = new List<IterationProgress>();
        var progress = new SyncProgress<IterationProgress>(reports.Add);
        var run = ReplicatorMutator.Iterate([0.5, 0.5], SpecFitness, SpecKernel, tolerance: 0, maxIterations: 3, progress: progress);
        Assert.That(run.Converged, Is.False);
        Assert.That(run.Iterations, Is.EqualTo(3));
        Assert.That(reports, Has.Count.EqualTo(1));
        Assert.That(reports[0].Iteration, Is.EqualTo(3));
        var three = ReplicatorMutator.Trajectory([0.5, 0.5], SpecFitness, SpecKernel, 3)[3];
        Assert.That(run.Frequencies, Is.EqualTo(three).Within(1e-15));
    }

    [Test]
    public void Iterate_HonoursCancellation()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.Throws<OperationCanceledException>(() =>
            ReplicatorMutator.Iterate([0.5, 0.5], SpecFitness, SpecKernel, cancellationToken: cts.Token));
    }

    [Test]
    public void Step_BadInputs_NameTheProblem()
    {
        var ex1 = Assert.Throws<ArgumentException>(() => ReplicatorMutator.Step([0.5, 0.4], SpecFitness, SpecKernel));
        Assert.That(ex1!.Message, Does.Contain("frequencies sum to 0.9"));
        var ex2 = Assert.Throws<ArgumentException>(() => ReplicatorMutator.Step([0.5, 0.5], [1, -2], SpecKernel));
        Assert.That(ex2!.Message, Does.Contain("Entry 1 of the fitness values is -2"));
        var ex3 = Assert.Throws<ArgumentException>(() => ReplicatorMutator.Step([0.5, 0.5], [1, 2, 3], SpecKernel));
        Assert.That(ex3!.Message, Does.Contain("3 entries, expected 2"));
        var ex4 = Assert.Throws<ArgumentException>(() => ReplicatorMutator.Step([1, 0], [0, 2], SpecKernel));
        Assert.That(ex4!.Message, Does.Contain("mean fitness"));
    }

    [Test]
    public void MutationKernel_Validation()
    {
        var ex = Assert.Throws<ArgumentException>(() => MutationKernel.FromRows([[0.9, 0.1], [0.2, 0.73]]));
        Assert.That(ex!.Message, Does.Contain("Row 1 of the mutation kernel sums to 0.93"));
        var ex2 = Assert.Throws<ArgumentException>(() => MutationKernel.FromRows([[1.1, -0.1], [0.5, 0.5]]));
        Assert.That(ex2!.Message, Does.Contain("Entry (0, 0)"));
        var ex3 = Assert.Throws<ArgumentException>(() => MutationKernel.FromRows([[1, 0, 0], [0.5, 0.5]]));
        Assert.That(ex3!.Message, Does.Contain("square"));
        var u = MutationKernel.Uniform(4, 0.3);
        Assert.That(u[0, 0], Is.EqualTo(0.7).Within(1e-15));
        Assert.That(u[2, 3], Is.EqualTo(0.1).Within(1e-15));
        Assert.That(MutationKernel.FromMatrix(u.ToMatrix())[1, 2], Is.EqualTo(0.1).Within(1e-15));
    }
}
