using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using LmOrganisms.Cli.Infrastructure;
using LmOrganisms.Evolution;

namespace LmOrganisms.Cli.Commands;

/// <summary><c>lmo evolve …</c>: exact population dynamics (replicator–mutator, Wright–Fisher selection stage).</summary>
public static class EvolutionCommands
{
    /// <summary>Builds the <c>evolve</c> command and its subcommands.</summary>
    public static Command Create()
    {
        var evolve = new Command("evolve", "Population dynamics of the task-ecology paper (Sec. 5): replicator–mutator, Perron equilibrium, Wright–Fisher selection-stage statistics, and populations of trained organisms.");
        evolve.Subcommands.Add(Replicator());
        evolve.Subcommands.Add(Selection());
        evolve.Subcommands.Add(PopulationCommands.Create());
        return evolve;
    }

    private static Command Replicator()
    {
        var fitness = new Option<string>("--fitness", "-w") { Description = "Fitness per type, comma-separated (e.g. 1,2).", Required = true };
        var mutation = new Option<string>("--mutation", "-q") { Description = "Mutation kernel rows separated by ';', entries by ',' (e.g. \"0.9,0.1;0.2,0.8\"). Default: no mutation." };
        var initial = new Option<string>("--initial", "-x") { Description = "Initial frequencies, comma-separated. Default: uniform." };
        var tolerance = new Option<double>("--tolerance") { Description = "Stop when the L1 change of a step is at most this.", DefaultValueFactory = _ => 1e-13 };
        var maxIter = new Option<int>("--max-iterations") { Description = "Largest number of steps.", DefaultValueFactory = _ => 1_000_000 };
        var json = CommonOptions.Json();
        var cmd = new Command("replicator", "One replicator–mutator step x'_j = Σ x_i W_i Q_ij / Σ x_i W_i, iteration to convergence, and the Perron equilibrium of A = Qᵀ diag(W).")
            { fitness, mutation, initial, tolerance, maxIter, json };
        cmd.SetAction(r => CliRunner.Guard(() =>
        {
            var w = Vector(r.GetValue(fitness)!, "--fitness");
            var q = r.GetValue(mutation) is { } m ? MutationKernel.FromRows(Rows(m)) : MutationKernel.Identity(w.Length);
            var x = r.GetValue(initial) is { } s ? Vector(s, "--initial") : Enumerable.Repeat(1.0 / w.Length, w.Length).ToArray();
            var step = ReplicatorMutator.Step(x, w, q);
            var run = ReplicatorMutator.Iterate(x, w, q, r.GetValue(tolerance), r.GetValue(maxIter));
            PerronEquilibrium? eq = null;
            string? eqNote = null;
            try
            {
                eq = ReplicatorMutator.Equilibrium(w, q);
            }
            catch (ArgumentException e)
            {
                eqNote = e.Message.Split(" (Parameter", 2)[0];
            }
            if (r.GetValue(json))
            {
                Text.WriteJson(new JsonObject
                {
                    ["initial"] = Text.Array(x),
                    ["fitness"] = Text.Array(w),
                    ["meanFitness"] = ReplicatorMutator.MeanFitness(x, w),
                    ["step"] = Text.Array(step),
                    ["iterate"] = new JsonObject
                    {
                        ["frequencies"] = Text.Array(run.Frequencies),
                        ["iterations"] = run.Iterations,
                        ["converged"] = run.Converged,
                        ["lastChange"] = run.LastChange,
                        ["meanFitness"] = run.MeanFitness,
                    },
                    ["equilibrium"] = eq is null
                        ? new JsonObject { ["error"] = eqNote }
                        : new JsonObject { ["eigenvalue"] = eq.Eigenvalue, ["frequencies"] = Text.Array(eq.Frequencies) },
                });
                return 0;
            }
            var sb = new StringBuilder();
            sb.AppendLine($"initial      {Text.Vec(x, 10)}  mean fitness {Text.Num(ReplicatorMutator.MeanFitness(x, w), 10)}");
            sb.AppendLine($"one step     {Text.Vec(step, 10)}");
            sb.AppendLine($"iterate      {Text.Vec(run.Frequencies, 10)}  after {run.Iterations} steps, {(run.Converged ? "converged" : "NOT converged")} (last L1 change {Text.Num(run.LastChange, 3)})");
            sb.AppendLine(eq is null
                ? $"equilibrium  none unique: {eqNote}"
                : $"equilibrium  {Text.Vec(eq.Frequencies, 10)}  Perron root λ = {Text.Num(eq.Eigenvalue, 10)}");
            Console.Out.Write(sb.ToString());
            return 0;
        }));
        return cmd;
    }

    private static Command Selection()
    {
        var risks = new Option<string>("--risks", "-r") { Description = "Risk (held-out loss, nats) per member, comma-separated.", Required = true };
        var fitness = new Option<string>("--fitness", "-w") { Description = "Fitness per member, comma-separated. Default: w = exp(−R)." };
        var selected = new Option<int?>("--selected", "-k") { Description = "Number of parents drawn. Default: the population size." };
        var seed = new Option<int>("--seed", "-s") { Description = "Seed of one sampled Wright–Fisher draw (same seed, same draw).", DefaultValueFactory = _ => 0 };
        var json = CommonOptions.Json();
        var cmd = new Command("selection", "Selection-stage statistics of a Wright–Fisher generation (the paper's Exp3): expected Δ_sel = Cov(w,R)/w̄, exact sd, 95% band, and one sampled draw with its z-score.")
            { risks, fitness, selected, seed, json };
        cmd.SetAction(r => CliRunner.Guard(() =>
        {
            var rv = Vector(r.GetValue(risks)!, "--risks");
            var w = r.GetValue(fitness) is { } f ? Vector(f, "--fitness") : Fitness.Exponential(rv);
            int k = r.GetValue(selected) ?? rv.Length;
            var stats = SelectionStage.Statistics(rv, w, k);
            var parents = WrightFisher.SampleParents(w, k, r.GetValue(seed));
            double observed = SelectionStage.ObservedChange(rv, parents);
            double? z = stats.HasSpread ? stats.ZScore(observed) : null;
            if (r.GetValue(json))
            {
                Text.WriteJson(new JsonObject
                {
                    ["meanRisk"] = stats.MeanRisk,
                    ["meanFitness"] = stats.MeanFitness,
                    ["covariance"] = stats.Covariance,
                    ["expectedChange"] = stats.ExpectedChange,
                    ["expectedSelectedMean"] = stats.ExpectedSelectedMean,
                    ["sd"] = stats.StandardDeviation,
                    ["lower95"] = stats.Lower95,
                    ["upper95"] = stats.Upper95,
                    ["seed"] = r.GetValue(seed),
                    ["parents"] = Text.Array(parents),
                    ["observedChange"] = observed,
                    ["z"] = z,
                    ["covered"] = stats.Covers(observed),
                });
                return 0;
            }
            var sb = new StringBuilder();
            sb.AppendLine($"mean risk R̄          {Text.Num(stats.MeanRisk, 10)}");
            sb.AppendLine($"mean fitness w̄       {Text.Num(stats.MeanFitness, 10)}");
            sb.AppendLine($"Cov(w, R)            {Text.Num(stats.Covariance, 10)}");
            sb.AppendLine($"expected Δ_sel       {Text.Num(stats.ExpectedChange, 10)}  (= E_p[R] − R̄)");
            sb.AppendLine($"sd(Δ_sel), K = {k,-5} {Text.Num(stats.StandardDeviation, 10)}");
            sb.AppendLine($"95% band             [{Text.Num(stats.Lower95, 8)}, {Text.Num(stats.Upper95, 8)}]");
            sb.AppendLine($"draw (seed {r.GetValue(seed)})       parents {string.Join(",", parents)}; Δ_sel = {Text.Num(observed, 8)}, z = {(z is { } zz ? Text.Num(zz, 4) : "undefined (sd 0)")}");
            Console.Out.Write(sb.ToString());
            return 0;
        }));
        return cmd;
    }

    private static double[] Vector(string text, string option)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        var v = new double[parts.Length];
        for (int i = 0; i < parts.Length; i++)
            if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out v[i]))
                throw new ArgumentException($"{option}: entry {i} ('{parts[i]}') is not a number.");
        return v;
    }

    private static double[][] Rows(string text)
        => text.Split(';', StringSplitOptions.TrimEntries).Select((row, i) => Vector(row, $"--mutation row {i}")).ToArray();
}
