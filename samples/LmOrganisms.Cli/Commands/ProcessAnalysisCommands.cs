using System.CommandLine;
using System.Text;
using System.Text.Json.Nodes;
using LmOrganisms.BeliefStates;
using LmOrganisms.Cli.Infrastructure;

namespace LmOrganisms.Cli.Commands;

/// <summary><c>lmo process analyse …</c>: what an ideal predictor of a process must know (BeliefStates layer).</summary>
public static class ProcessAnalysisCommands
{
    /// <summary>Builds the <c>analyse</c> subcommand of <c>process</c>.</summary>
    public static Command Analyse()
    {
        var arg = new Argument<string>("process") { Description = "Catalog name (e.g. mess3, rrxor, z1r:0.3) or a process .json file." };
        var depth = new Option<int>("--depth", "-d") { Description = "MSP depth for the state counts per depth.", DefaultValueFactory = _ => 8 };
        var maxLength = new Option<int>("--max-length", "-L") { Description = "Largest word length for block and myopic entropies.", DefaultValueFactory = _ => 10 };
        var context = new Option<int>("--context", "-n") { Description = "Context length for the optimal loss per position and the information surplus.", DefaultValueFactory = _ => 10 };
        var json = CommonOptions.Json();
        var cmd = new Command("analyse", "Stationary law, unifilarity, entropy rate, block/myopic entropies, excess entropy, statistical complexity, MSP counts and beliefs, optimal loss per position, information surplus.")
        { arg, depth, maxLength, context, json };
        cmd.Aliases.Add("analyze");
        cmd.SetAction(r => CliRunner.Guard(() =>
        {
            int d = r.GetValue(depth), maxL = r.GetValue(maxLength), n = r.GetValue(context);
            if (d < 0 || d > 14) throw new ArgumentException($"--depth must be between 0 and 14; got {d}.");
            if (maxL < 1 || maxL > 200) throw new ArgumentException($"--max-length must be between 1 and 200; got {maxL}.");
            if (n < 1 || n > 200) throw new ArgumentException($"--context must be between 1 and 200; got {n}.");
            var p = Worlds.Process(r.GetValue(arg)!);
            int needed = Math.Max(maxL, n + 1);
            var probe = MixedStatePresentation.TryClose(p, maxDepth: needed, maxStates: 2_000_000);
            if (!probe.IsClosed && probe.MaxDepth < needed)
                throw new ArgumentException($"The MSP of '{p.Name}' is not finite and has more than 2,000,000 beliefs by depth {probe.MaxDepth}; exact entropies to L = {needed} are out of reach. Lower --max-length and --context (≤ {probe.MaxDepth - 1}).");
            var theory = p.Theory(n);
            var rate = theory.EntropyRate;
            var curves = p.Theory(Math.Max(maxL - 1, n)).BlockEntropies;
            var excess = theory.ExcessEntropy;
            double? cmu = theory.StatisticalComplexity;
            var msp = MixedStatePresentation.Build(p, d);
            var lossA = theory.OptimalLoss;
            var lossB = theory.OptimalLossFor(LossConvention.B);
            var surplus = Enumerable.Range(2, 3).Select(theory.Surplus).ToArray();
            int shown = Math.Min(20, msp.Count);
            double Bits(double nats) => nats / Math.Log(2);
            if (r.GetValue(json))
            {
                var states = new JsonArray();
                for (int s = 0; s < shown; s++)
                    states.Add(new JsonObject { ["index"] = s, ["word"] = msp.Name(s), ["belief"] = Text.Array(msp.Belief(s).ToArray()) });
                Text.WriteJson(new JsonObject
                {
                    ["process"] = p.Name,
                    ["stationary"] = Text.Array(p.StationaryDistribution),
                    ["unifilar"] = p.IsUnifilar,
                    ["entropyRate"] = new JsonObject { ["nats"] = rate.Value, ["bits"] = Units.ToBits(rate.Value), ["errorBoundNats"] = rate.ErrorBound, ["exact"] = rate.IsExact, ["method"] = rate.Method },
                    ["blockEntropyNats"] = Text.Array(curves.BlockEntropies.Take(maxL + 1)),
                    ["blockEntropyBits"] = Text.Array(curves.BlockEntropies.Take(maxL + 1).Select(Bits)),
                    ["myopicEntropyNats"] = Text.Array(curves.MyopicEntropies.Take(maxL)),
                    ["myopicEntropyBits"] = Text.Array(curves.MyopicEntropies.Take(maxL).Select(Bits)),
                    ["excessEntropy"] = new JsonObject { ["nats"] = excess.Value, ["bits"] = Units.ToBits(excess.Value), ["errorBoundNats"] = excess.ErrorBound, ["exact"] = excess.IsExact },
                    ["statisticalComplexityBits"] = cmu is null ? null : Bits(cmu.Value),
                    ["msp"] = new JsonObject
                    {
                        ["depth"] = d, ["closed"] = msp.IsClosed, ["states"] = msp.Count,
                        ["countsPerDepth"] = Text.Array(msp.CountsPerDepth), ["cumulativeCountsPerDepth"] = Text.Array(msp.CumulativeCountsPerDepth),
                        ["recurrentStates"] = Text.Array(msp.RecurrentStates), ["firstStates"] = states,
                    },
                    ["optimalLoss"] = new JsonObject
                    {
                        ["context"] = n,
                        ["conventionA"] = new JsonObject { ["nats"] = Text.Array(lossA.PerPosition), ["bits"] = Text.Array(Units.ToBits(lossA.PerPosition)), ["meanNats"] = lossA.Mean, ["meanBits"] = Units.ToBits(lossA.Mean) },
                        ["conventionB"] = new JsonObject { ["nats"] = Text.Array(lossB.PerPosition), ["bits"] = Text.Array(Units.ToBits(lossB.PerPosition)), ["meanNats"] = lossB.Mean, ["meanBits"] = Units.ToBits(lossB.Mean) },
                    },
                    ["surplus"] = new JsonArray(surplus.Select(s => (JsonNode)new JsonObject
                    {
                        ["k"] = s.Horizon, ["conditionalNats"] = s.Conditional, ["dpiGapNats"] = s.DpiGap,
                        ["predictiveInformationNats"] = Text.Array(s.PredictiveInformation),
                    }).ToArray()),
                });
                return 0;
            }
            var sb = new StringBuilder();
            string N(double v) => Text.Num(v, 6);
            sb.AppendLine($"process              {p.Name} ({p.AlphabetSize} symbols, {p.StateCount} states)");
            sb.AppendLine($"stationary           {Text.Vec(p.StationaryDistribution)}");
            sb.AppendLine($"unifilar             {(p.IsUnifilar ? "yes" : "no")}");
            sb.AppendLine($"entropy rate         {N(rate.Value)} nats = {N(Units.ToBits(rate.Value))} bits" + (rate.IsExact ? " (exact)" : $" ± {Text.Num(rate.ErrorBound, 2)} nats") + $"  [{rate.Method}]");
            sb.AppendLine($"excess entropy       {N(excess.Value)} nats = {N(Units.ToBits(excess.Value))} bits" + (excess.IsExact ? " (exact)" : $" ± {Text.Num(excess.ErrorBound, 2)} nats (estimate)"));
            sb.AppendLine($"statistical compl.   " + (cmu is null ? "no finite ε-machine found (C_μ diverges or exceeds the search)" : $"{N(cmu.Value)} nats = {N(Bits(cmu.Value))} bits"));
            sb.AppendLine("  L   H(L) bits   h(L) bits");
            for (int l = 0; l <= maxL; l++)
                sb.AppendLine($"{l,3}   {N(Units.ToBits(curves.Block(l))),-10}  {(l == 0 ? "" : N(Units.ToBits(curves.Myopic(l))))}");
            sb.AppendLine($"MSP to depth {d}: {msp.Count} states{(msp.IsClosed ? $", closed, {msp.RecurrentStates.Count} recurrent" : "")}; new per depth {string.Join(" ", msp.CountsPerDepth)}");
            for (int s = 0; s < shown; s++)
                sb.AppendLine($"  {s,3}  η^{msp.Name(s),-12} {Text.Vec(msp.Belief(s).ToArray())}{(msp.IsClosed && msp.IsRecurrent(s) ? "  recurrent" : "")}");
            sb.AppendLine($"optimal loss per position, context {n} (nats):");
            sb.AppendLine($"  A (k = 1..n, h(k+1)): {string.Join(" ", lossA.PerPosition.Select(N))}  mean {N(lossA.Mean)}");
            sb.AppendLine($"  B (k = 0..n−1, h(k+1)): {string.Join(" ", lossB.PerPosition.Select(N))}  mean {N(lossB.Mean)}");
            sb.AppendLine($"information surplus, context {n} (nats):");
            foreach (var s in surplus)
                sb.AppendLine($"  k = {s.Horizon}: S^cond = {N(s.Conditional)}  S^DPI = {N(s.DpiGap)}  I(B; X_1..k) = {N(s.PredictiveInformation[^1])}");
            Console.Out.Write(sb.ToString());
            return 0;
        }));
        return cmd;
    }
}
