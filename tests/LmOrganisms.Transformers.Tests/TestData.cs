namespace LmOrganisms.Transformers.Tests;

/// <summary>
/// Locates test data: the repository root (the folder holding LmOrganisms.sln) and the belief-geometry paper's released
/// checkpoints, which are not in the repository (their licence is unknown; README "Released checkpoints").
/// </summary>
internal static class TestData
{
    /// <summary>The NUnit category of every test that reads the released checkpoints.</summary>
    public const string ReleasedCheckpoints = "ReleasedCheckpoints";

    /// <summary>The environment variable naming the checkpoints folder (the one holding <c>belief-geometry/</c>).</summary>
    public const string CheckpointsVariable = "LMO_CHECKPOINTS";

    public static string RepoRoot()
    {
        var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "LmOrganisms.sln"))) dir = dir.Parent;
        if (dir is null) Assert.Fail($"No LmOrganisms.sln above the test directory {TestContext.CurrentContext.TestDirectory}.");
        return dir!.FullName;
    }

    /// <summary>A file of Fixtures/PyTorch (copied next to the test assembly), e.g. "tiny.pt" or "hostile/legacy-format.pt".</summary>
    public static string PyTorchFixture(string relative)
        => Path.Combine(TestContext.CurrentContext.TestDirectory, "Fixtures", "PyTorch", relative);

    /// <summary>
    /// The released belief-geometry checkpoint <paramref name="relative"/> (e.g. "mess3/6400.safetensors") under
    /// <c>belief-geometry/</c> of the checkpoints folder. When <c>LMO_CHECKPOINTS</c> is set (as <c>.ci/run</c> does) the
    /// checkpoints are required there and a missing file fails the test. Otherwise <c>shared/checkpoints</c> next to the
    /// repository (or next to any folder above it) is used when present, and when it is not the test is ignored with a
    /// message saying what did not run and how to get the files, so a fresh clone passes.
    /// </summary>
    public static string BeliefGeometryCheckpoint(string relative)
    {
        var env = Environment.GetEnvironmentVariable(CheckpointsVariable);
        if (!string.IsNullOrEmpty(env))
        {
            var required = Path.Combine(Path.GetFullPath(env), "belief-geometry", relative);
            if (!File.Exists(required))
                Assert.Fail($"The released checkpoint belief-geometry/{relative} is missing from {CheckpointsVariable}={env} ({required}); "
                    + "with the variable set the released-checkpoint tests are required (see README, \"Released checkpoints\").");
            return required;
        }
        var candidates = new List<string>();
        for (var dir = new DirectoryInfo(RepoRoot()).Parent; dir is not null; dir = dir.Parent)
            candidates.Add(Path.Combine(dir.FullName, "shared", "checkpoints"));
        foreach (var folder in candidates)
        {
            var path = Path.Combine(folder, "belief-geometry", relative);
            if (File.Exists(path)) return path;
        }
        Assert.Ignore($"Not run: this reproduction needs the belief-geometry paper's released checkpoint belief-geometry/{relative}, "
            + $"which is not in the repository. Put the checkpoints folder at ../shared/checkpoints next to the clone or set "
            + $"{CheckpointsVariable} to it (README, \"Released checkpoints\"); looked in {string.Join(", ", candidates)}.");
        return "";
    }
}
