using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using LmOrganisms.Cli.Infrastructure;
using LmOrganisms.Ecology;
using LmOrganisms.InformationTheory;

namespace LmOrganisms.Cli.Commands;

/// <summary><c>lmo ecology analyse</c> and <c>lmo ecology mix</c>: the exact task-ecology theory of an ecology file.</summary>
public static class EcologyAnalysisCommands
{
    /// <summary>Adds <c>analyse</c> and <c>mix</c> to the <c>ecology</c> command and returns it.</summary>
    public static Command AddTo(Command ecology)
    {
        ArgumentNullException.ThrowIfNull(ecology);
        ecology.Subcommands.Add(Analyse());
        ecology.Subcommands.Add(Mix());
        return ecology;
    }

    private static Command Analyse()
    {
        var file = new Argument<string>("file") { Description = "Ecology .json file (DESIGN.md format)." };
        var partition = new Option<string?>("--partition", "-p") { Description = "Encoding as comma-separated labels, one per world (e.g. 0,0,1). Default: the quotient and the one-cell partition." };
        var beta = new Option<double?>("--beta", "-b") { Description = "Simplicity pressure beta >= 0: report the exact optimum of J = L* + beta H." };
        var path = new Option<bool>("--path") { Description = $"Compute the split-merge path also above {EcologyReport.PathLimit} worlds (up to {EcologyReport.MaxPathWorlds}; O(3^n) per step: minutes at 20 worlds)." };
        var json = CommonOptions.Json();
        var cmd = new Command("analyse", $"Floor, quotient partition, complexity, separation matrix, Bayes loss = floor + JS excess, beta_min, split-merge path (up to {EcologyReport.PathLimit} worlds unless --path), rate-distortion staircase (up to {EcologyReport.EnumerationLimit} worlds) and the optimum of J (task-ecology paper). Progress on stderr when it is a terminal.")
        { file, partition, beta, path, json };
        cmd.SetAction(r => CliRunner.Guard(() =>
        {
            var e = Worlds.Ecology(r.GetValue(file)!);
            double? b = r.GetValue(beta);
            if (b is double bv && (!double.IsFinite(bv) || bv < 0)) throw new ArgumentException($"--beta must be finite and >= 0; got {bv}.");
            if (b is not null && e.WorldCount > EcologyReport.MaxPathWorlds)
                throw new ArgumentException($"--beta: the exact optimum of J is a subset programme over 2^n sets of worlds, limited to {EcologyReport.MaxPathWorlds} worlds; the ecology has {e.WorldCount}.");
            if (r.GetValue(path) && e.WorldCount > EcologyReport.MaxPathWorlds)
                throw new ArgumentException($"--path: the split-merge path is limited to {EcologyReport.MaxPathWorlds} worlds; the ecology has {e.WorldCount}.");
            var partitions = r.GetValue(partition) is string text
                ? [ParsePartition(text, e.WorldCount)]
                : new[] { e.QuotientPartition(), SetPartition.OneCell(e.WorldCount) }.DistinctBy(p => string.Join(",", p)).ToArray();
            var report = StageProgress.Run("ecology analyse", progress => EcologyReport.Build(e, partitions, b, r.GetValue(path), progress));
            if (r.GetValue(json)) Text.WriteJson(report);
            else Console.Out.Write(Render(e, report));
            return 0;
        }));
        return cmd;
    }

    private static Command Mix()
    {
        var first = new Argument<string>("first") { Description = "Ecology mu0 (.json), weighted 1 - alpha." };
        var second = new Argument<string>("second") { Description = "Ecology nu (.json), weighted alpha; same worlds, priors and vocabulary." };
        var alpha = new Option<double>("--alpha", "-a") { Description = "Injection weight alpha in [0, 1].", Required = true };
        var output = new Option<string?>("--out", "-o") { Description = "Write the mixture here (atomic); default: stdout." };
        var cmd = new Command("mix", "The mixture (1 - alpha) mu0 + alpha nu: contexts concatenated, weights (1 - alpha) d0 and alpha d1 (Prop 15, 47).")
        { first, second, alpha, output };
        cmd.SetAction(r => CliRunner.Guard(() =>
        {
            var mix = FiniteEcology.Mixture(Worlds.Ecology(r.GetValue(first)!), Worlds.Ecology(r.GetValue(second)!), r.GetValue(alpha));
            if (r.GetValue(output) is string path) mix.Save(path);
            else Console.Out.WriteLine(mix.ToJson());
            return 0;
        }));
        return cmd;
    }

    private static int[] ParsePartition(string text, int worlds)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        var labels = new int[parts.Length];
        for (int i = 0; i < parts.Length; i++)
            if (!int.TryParse(parts[i], NumberStyles.Integer, CultureInfo.InvariantCulture, out labels[i]) || labels[i] < 0)
                throw new ArgumentException($"--partition entry {i} ('{parts[i]}') is not a non-negative integer label.");
        if (labels.Length != worlds)
            throw new ArgumentException($"--partition has {labels.Length} labels but the ecology has {worlds} worlds.");
        return SetPartition.Canonicalize(labels);
    }

    // Worlds up to which the text output prints the separation matrix.
    private const int TextMatrixLimit = 30;

    private static string Render(FiniteEcology e, JsonObject doc)
    {
        static string N(JsonNode? n) => n is null ? "inf" : Text.Num(n.GetValue<double>(), 10);
        static string L(JsonNode? n) => "[" + string.Join(",", n!.AsArray().Select(x => x!.GetValue<int>())) + "]";
        var sb = new StringBuilder();
        sb.AppendLine($"ecology          {Text.Name(e.ToString())}");
        sb.AppendLine($"floor H(Y|C,W)   {N(doc["floor"])} nats");
        sb.AppendLine($"quotient         {L(doc["quotientPartition"])}  (k = {doc["ecologicalComplexity"]})");
        sb.AppendLine($"complexity I*    {N(doc["minimumComplexity"])} nats  (H(W) = {N(doc["worldEntropy"])})");
        sb.AppendLine($"beta_min         {N(doc["betaMin"])}");
        if (doc["separationMatrix"] is JsonArray matrix && matrix.Count <= TextMatrixLimit)
        {
            sb.AppendLine("separation matrix sigma^2 (squared Hellinger, averaged over contexts):");
            foreach (var row in matrix)
                sb.AppendLine("  " + string.Join(" ", row!.AsArray().Select(x => Text.Num(x!.GetValue<double>(), 6).PadLeft(12))));
        }
        else if (doc["separationMatrix"] is JsonArray)
            sb.AppendLine($"separation matrix sigma^2: {e.WorldCount} x {e.WorldCount}, shown up to {TextMatrixLimit} worlds (--json has it up to {EcologyReport.MatrixLimit})");
        else
            sb.AppendLine($"separation margin {N(doc["separationMargin"])} (min sigma^2; the matrix is written up to {EcologyReport.MatrixLimit} worlds)");
        sb.AppendLine("decomposition    partition    Bayes loss = floor + JS excess   (excess, complexity)");
        foreach (var d in doc["decompositions"]!.AsArray())
            sb.AppendLine($"  {L(d!["partition"]),-14} {N(d["bayesLoss"])} = {N(d["floor"])} + {N(d["jsExcess"])}   ({N(d["excess"])}, {N(d["complexity"])})");
        if (doc["splitMergePath"] is JsonArray path)
        {
            sb.AppendLine("split-merge path (beta, partition, excess, complexity, local prediction matched):");
            foreach (var s in path)
                sb.AppendLine($"  {N(s!["beta"]),-14} {L(s["partition"]),-14} {N(s["excess"]),-14} {N(s["complexity"]),-14} {((bool)s["matchesLocalPrediction"]! ? "yes" : "no")}");
        }
        if (doc["rateDistortion"] is JsonArray)
        {
            sb.AppendLine("rate-distortion staircase (complexity, min excess):");
            foreach (var s in doc["rateDistortion"]!.AsArray())
                sb.AppendLine($"  {N(s!["complexity"]),-14} {N(s["excess"]),-14} {L(s["partition"])}");
        }
        else sb.AppendLine($"(the rate-distortion staircase enumerates partitions; shown up to {EcologyReport.EnumerationLimit} worlds)");
        if (doc["splitMergePath"] is null)
            sb.AppendLine($"(the split-merge path takes O(3^n) per step; computed up to {EcologyReport.PathLimit} worlds, or {EcologyReport.MaxPathWorlds} with --path)");
        if (doc["optimum"] is JsonObject o)
            sb.AppendLine($"optimum of J at beta = {N(o["beta"])}: {L(o["partition"])}  J = {N(o["objective"])}, excess {N(o["excess"])}, complexity {N(o["complexity"])}");
        return sb.ToString();
    }
}
