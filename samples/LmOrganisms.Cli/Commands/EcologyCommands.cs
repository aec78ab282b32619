using System.CommandLine;
using System.Text;
using System.Text.Json.Nodes;
using LmOrganisms.Cli.Infrastructure;
using LmOrganisms.Ecology;

namespace LmOrganisms.Cli.Commands;

/// <summary><c>lmo ecology …</c>: finite task ecologies.</summary>
public static class EcologyCommands
{
    /// <summary>Builds the <c>ecology</c> command and its subcommands.</summary>
    public static Command Create()
    {
        var ecology = new Command("ecology", "Finite task ecologies (worlds, contexts, next-token laws) stored as JSON.");
        ecology.Subcommands.Add(Show());
        return ecology;
    }

    private static Command Show()
    {
        var file = new Argument<string>("file") { Description = "Ecology .json file (DESIGN.md format)." };
        var json = CommonOptions.Json();
        var cmd = new Command("show", "Worlds with priors, contexts with weights, vocabulary and next-token laws.") { file, json };
        cmd.SetAction(r => CliRunner.Guard(() =>
        {
            var e = Worlds.Ecology(r.GetValue(file)!);
            if (r.GetValue(json))
            {
                Text.WriteJson(JsonNode.Parse(e.ToJson())!);
                return 0;
            }
            var sb = new StringBuilder();
            sb.AppendLine($"worlds      {e.WorldCount}: " + string.Join(", ", e.Worlds.Select((w, i) => $"{w} ({Text.Num(e.Priors[i], 6)})")));
            sb.AppendLine($"contexts    {e.ContextCount}: " + string.Join(", ", e.Contexts.Take(20).Select((c, i) => $"{c} ({Text.Num(e.ContextWeights[i], 6)})")) + (e.ContextCount > 20 ? ", …" : ""));
            sb.AppendLine($"vocabulary  {e.VocabularySize}: {string.Join(" ", e.Vocabulary)}");
            sb.AppendLine("next-token laws P_w(v | c):");
            for (int c = 0; c < Math.Min(e.ContextCount, 20); c++)
            {
                sb.AppendLine($"  context {e.Contexts[c]}:");
                for (int w = 0; w < e.WorldCount; w++)
                    sb.AppendLine($"    {e.Worlds[w],-10} {Text.Vec(e.Next(w, c).ToArray())}");
            }
            Console.Out.Write(sb.ToString());
            return 0;
        }));
        return cmd;
    }
}
