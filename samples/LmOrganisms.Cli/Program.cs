using LmOrganisms.Cli.Commands;
using LmOrganisms.Cli.Infrastructure;

namespace LmOrganisms.Cli;

/// <summary>Entry point of the <c>lmo</c> tool.</summary>
public static class Program
{
    /// <summary>Builds the command tree and runs it; exit 0 on success, 1 on bad input, 2 on a failure while running.</summary>
    public static int Main(string[] args)
    {
        var root = new System.CommandLine.RootCommand(
            "lmo: the LmOrganisms tool. Inspect, sample and analyse hidden-Markov processes and finite task ecologies.");
        root.Subcommands.Add(ProcessCommands.Create());
        root.Subcommands.Add(EcologyAnalysisCommands.AddTo(EcologyCommands.Create()));
        root.Subcommands.Add(EvolutionCommands.Create());
        root.Subcommands.Add(TrainCommands.Create());
        root.Subcommands.Add(ProbeCommands.Create());
        root.Subcommands.Add(ConvertCommands.Import());
        root.Subcommands.Add(ConvertCommands.Export());
        return CliRunner.Run(root, args);
    }
}
