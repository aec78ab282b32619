using System.Text.Json.Nodes;
using LmOrganisms.Cli.Infrastructure;
using LmOrganisms.InformationTheory;

namespace LmOrganisms.Cli.Commands;

/// <summary>
/// The report of <c>lmo ecology analyse</c>, computed stage by stage with progress. Every stage is polynomial in the
/// number of worlds n except the split–merge path (subset dynamic programme, O(3ⁿ) per step) and the rate–distortion
/// staircase (Bell(n) partitions), which run only up to the limits below, so the default analysis of 20 worlds takes
/// seconds and that of thousands of worlds stays within memory (the separation matrix is reported in full only up to
/// <see cref="MatrixLimit"/> worlds; beyond, its minimum and maximum).
/// </summary>
internal static class EcologyReport
{
    /// <summary>Largest ecology for which the rate–distortion staircase (partition enumeration) is computed.</summary>
    public const int EnumerationLimit = 10;

    /// <summary>Largest ecology for which the split–merge path is computed by default (3¹⁶ ≈ 4.3e7 per step).</summary>
    public const int PathLimit = 16;

    /// <summary>Largest ecology for which the path can be requested (the subset tables hold 2ⁿ entries).</summary>
    public const int MaxPathWorlds = 20;

    /// <summary>Largest ecology whose separation matrix is written in full.</summary>
    public const int MatrixLimit = 500;

    /// <summary>Builds the report; <paramref name="progress"/> hears the stage being computed.</summary>
    public static JsonObject Build(FiniteEcology e, IReadOnlyList<int[]> partitions, double? beta, bool forcePath, IProgress<string> progress)
    {
        int n = e.WorldCount;
        progress.Report($"quotient partition of {n} worlds");
        var quotient = e.QuotientPartition();
        progress.Report("separation matrix");
        var doc = new JsonObject
        {
            ["worlds"] = Text.Array(e.Worlds),
            ["floor"] = e.Floor(),
            ["quotientPartition"] = Text.Array(quotient),
            ["ecologicalComplexity"] = quotient.Max() + 1,
            ["minimumComplexity"] = e.Complexity(quotient),
            ["worldEntropy"] = e.Complexity(SetPartition.Identity(n)),
        };
        if (n <= MatrixLimit) doc["separationMatrix"] = new JsonArray(e.TaskDistanceMatrix().Select(row => (JsonNode)Text.Array(row)).ToArray());
        else
        {
            doc["separationMatrix"] = null;
            doc["separationMargin"] = e.SeparationMargin();
        }
        progress.Report("decompositions");
        doc["decompositions"] = new JsonArray(partitions.Select(p =>
        {
            var d = e.Decompose(p);
            return (JsonNode)new JsonObject
            {
                ["partition"] = Text.Array(d.Partition),
                ["bayesLoss"] = d.BayesLoss,
                ["floor"] = d.Floor,
                ["jsExcess"] = d.JsExcess,
                ["excess"] = d.Excess,
                ["complexity"] = d.Complexity,
            };
        }).ToArray());
        progress.Report($"beta_min over {quotient.Max() + 1} quotient classes");
        double bmin = e.BetaMin();
        doc["betaMin"] = double.IsPositiveInfinity(bmin) ? null : bmin;
        if (n <= PathLimit || (forcePath && n <= MaxPathWorlds))
        {
            progress.Report($"split–merge path (subset programme over 2^{n} sets of worlds)");
            var path = e.GlobalPathExact(new Stage(s => progress.Report($"split–merge path: step {s} done")));
            doc["splitMergePath"] = new JsonArray(path.Steps.Select(s => (JsonNode)new JsonObject
            {
                ["beta"] = s.Beta,
                ["partition"] = Text.Array(s.To),
                ["excess"] = s.Excess,
                ["complexity"] = s.Complexity,
                ["localPrediction"] = Text.Array(s.LocalPrediction),
                ["localBetaStar"] = s.LocalBetaStar,
                ["matchesLocalPrediction"] = s.MatchesLocalPrediction,
            }).ToArray());
        }
        if (n <= EnumerationLimit)
        {
            progress.Report("rate–distortion staircase");
            doc["rateDistortion"] = new JsonArray(e.Curve().Steps.Select(s => (JsonNode)new JsonObject
            {
                ["complexity"] = s.Complexity,
                ["excess"] = s.Excess,
                ["partition"] = Text.Array(s.Partition),
            }).ToArray());
        }
        if (beta is double b)
        {
            progress.Report($"optimum of J at beta = {Text.Num(b)}");
            var o = e.OptimumAt(b);
            doc["optimum"] = new JsonObject
            {
                ["beta"] = b,
                ["partition"] = Text.Array(o.Partition),
                ["objective"] = o.Objective,
                ["bayesLoss"] = o.BayesLoss,
                ["excess"] = o.BayesLoss - e.Floor(),
                ["complexity"] = o.Complexity,
            };
        }
        return doc;
    }

    private sealed class Stage(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }
}
