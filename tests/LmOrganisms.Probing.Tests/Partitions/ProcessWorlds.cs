using LmOrganisms.Ecology;

namespace LmOrganisms.Probing.Tests;

/// <summary>Worlds over Mess3's alphabet (A, B, C) for the induced-partition tests.</summary>
internal static class ProcessWorlds
{
    public static HiddenMarkovProcess Mess3 { get; } = Processes.Mess3();

    /// <summary>The same process as <see cref="Mess3"/> under another name (identical laws).</summary>
    public static HiddenMarkovProcess Mess3Copy { get; } = Processes.Mess3().WithName("mess3-copy");

    /// <summary>An i.i.d. skewed law (0.6, 0.3, 0.1), far from Mess3's uniform marginal.</summary>
    public static HiddenMarkovProcess Skewed { get; } = Processes.MarkovChain("skewed", ["A", "B", "C"], 0, [[0.6, 0.3, 0.1]]);
}
