using System.CommandLine;
using System.Text;
using System.Text.Json.Nodes;
using LmOrganisms.Cli.Infrastructure;
using LmOrganisms.Ecology;

namespace LmOrganisms.Cli.Commands;

/// <summary><c>lmo process …</c>: inspect and sample hidden-Markov processes.</summary>
public static class ProcessCommands
{
    /// <summary>Builds the <c>process</c> command and its subcommands.</summary>
    public static Command Create()
    {
        var process = new Command("process", "Hidden-Markov processes: catalog names (" + string.Join(", ", Processes.Names) + ", with parameters as name:p1,p2) or process JSON files.");
        process.Subcommands.Add(Show());
        process.Subcommands.Add(Sample());
        process.Subcommands.Add(ProcessAnalysisCommands.Analyse());
        return process;
    }

    // A token of `process sample --json` as a JSON document in memory and as indented text.
    private const int JsonBytesPerToken = 100;

    private static Argument<string> ProcessArgument() => new("process") { Description = "Catalog name (e.g. mess3, mess3:0.15,0.6) or a process .json file." };

    private static Command Show()
    {
        var arg = ProcessArgument();
        var json = CommonOptions.Json();
        var cmd = new Command("show", "Alphabet, states, transition tensor T[x][i][j], stationary distribution and unifilarity.") { arg, json };
        cmd.SetAction(r => CliRunner.Guard(() =>
        {
            var p = Worlds.Process(r.GetValue(arg)!);
            var pi = p.StationaryDistribution;
            if (r.GetValue(json))
            {
                var doc = JsonNode.Parse(p.ToJson())!.AsObject();
                doc["stationary"] = Text.Array(pi);
                doc["unifilar"] = p.IsUnifilar;
                Text.WriteJson(doc);
                return 0;
            }
            var sb = new StringBuilder();
            sb.AppendLine($"process     {Text.Name(p.Name)}");
            sb.AppendLine($"alphabet    {string.Join(" ", p.Alphabet.Select(Text.Name))}  ({p.AlphabetSize} symbols)");
            sb.AppendLine($"states      {string.Join(" ", p.States.Select(Text.Name))}  ({p.StateCount} states)");
            sb.AppendLine($"unifilar    {(p.IsUnifilar ? "yes" : "no")}");
            sb.AppendLine($"stationary  {Text.Vec(pi)}");
            sb.AppendLine("transitions T[x][from][to]:");
            for (int x = 0; x < p.AlphabetSize; x++)
            {
                sb.AppendLine($"  {Text.Name(p.Alphabet[x])}:");
                for (int i = 0; i < p.StateCount; i++)
                    sb.AppendLine($"    {Text.Name(p.States[i]),-4} " + string.Join(" ", Enumerable.Range(0, p.StateCount).Select(j => Text.Num(p[x, i, j], 6).PadLeft(10))));
            }
            Console.Out.Write(sb.ToString());
            return 0;
        }));
        return cmd;
    }

    private static Command Sample()
    {
        var arg = ProcessArgument();
        var json = CommonOptions.Json();
        var length = new Option<int>("--length", "-n") { Description = "Tokens per sequence.", DefaultValueFactory = _ => 10 };
        var count = new Option<int>("--count", "-k") { Description = "Number of sequences.", DefaultValueFactory = _ => 1 };
        var seed = new Option<int>("--seed", "-s") { Description = "Random seed (same seed, same sequences, bit for bit).", DefaultValueFactory = _ => 0 };
        var cmd = new Command("sample", "Sample sequences from the stationary process: one sequence per line (symbols joined), or JSON.") { arg, length, count, seed, json };
        cmd.SetAction(r => CliRunner.Guard(() =>
        {
            int n = r.GetValue(length), k = r.GetValue(count);
            if (n < 1) throw new ArgumentException($"--length must be at least 1; got {n}.");
            if (k < 1) throw new ArgumentException($"--count must be at least 1; got {k}.");
            var p = Worlds.Process(r.GetValue(arg)!);
            if (r.GetValue(json))
                MemoryBudget.Require((double)k * n * JsonBytesPerToken, $"--json output of --count × --length = {k:N0} × {n:N0} tokens (about {JsonBytesPerToken} bytes each as a JSON document)", "count");
            var batch = p.Sample(k, n, r.GetValue(seed));
            var symbols = p.Alphabet.Select(Text.Name).ToArray();
            bool single = symbols.All(a => a.Length == 1);
            if (r.GetValue(json))
            {
                var rows = new JsonArray();
                for (int i = 0; i < k; i++) rows.Add(Text.Array(batch.Row(i).ToArray()));
                Text.WriteJson(new JsonObject
                {
                    ["process"] = p.Name,
                    ["alphabet"] = Text.Array(p.Alphabet),
                    ["seed"] = r.GetValue(seed),
                    ["length"] = n,
                    ["count"] = k,
                    ["tokens"] = rows,
                });
                return 0;
            }
            var text = new StringBuilder();
            var stdout = Console.Out;
            for (int i = 0; i < k; i++)
            {
                int start = text.Length;
                foreach (var t in batch.Row(i))
                {
                    if (!single && text.Length > start) text.Append(' ');
                    text.Append(symbols[t]);
                }
                text.Append('\n');
                if (text.Length > 1 << 16)
                {
                    stdout.Write(text);
                    text.Clear();
                }
            }
            stdout.Write(text);
            stdout.Flush();
            return 0;
        }));
        return cmd;
    }
}
