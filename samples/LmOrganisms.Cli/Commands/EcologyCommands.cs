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

    // Worlds, contexts and tokens listed in the text output (JSON has all).
    private const int Shown = 20;

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
            sb.AppendLine($"worlds      {e.WorldCount}: " + string.Join(", ", e.Worlds.Take(Shown).Select((w, i) => $"{Text.Name(w)} ({Text.Num(e.Priors[i], 6)})")) + (e.WorldCount > Shown ? ", …" : ""));
            sb.AppendLine($"contexts    {e.ContextCount}: " + string.Join(", ", e.Contexts.Take(Shown).Select((c, i) => $"{Text.Name(c)} ({Text.Num(e.ContextWeights[i], 6)})")) + (e.ContextCount > Shown ? ", …" : ""));
            sb.AppendLine($"vocabulary  {e.VocabularySize}: {string.Join(" ", e.Vocabulary.Take(Shown).Select(Text.Name))}{(e.VocabularySize > Shown ? " …" : "")}");
            sb.AppendLine($"next-token laws P_w(v | c){(e.ContextCount > Shown || e.WorldCount > Shown ? $" (the first {Shown} contexts and worlds; --json has all)" : "")}:");
            for (int c = 0; c < Math.Min(e.ContextCount, Shown); c++)
            {
                sb.AppendLine($"  context {Text.Name(e.Contexts[c])}:");
                for (int w = 0; w < Math.Min(e.WorldCount, Shown); w++)
                    sb.AppendLine($"    {Text.Name(e.Worlds[w]),-10} {Text.Vec(e.Next(w, c).ToArray())}");
            }
            Console.Out.Write(sb.ToString());
            return 0;
        }));
        return cmd;
    }
}
