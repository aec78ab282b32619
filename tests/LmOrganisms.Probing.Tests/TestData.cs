namespace LmOrganisms.Probing.Tests;

/// <summary>Locates shared test data relative to the repository root (the folder holding LmOrganisms.sln).</summary>
internal static class TestData
{
    public static string RepoRoot()
    {
        var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "LmOrganisms.sln"))) dir = dir.Parent;
        if (dir is null) Assert.Fail($"No LmOrganisms.sln above the test directory {TestContext.CurrentContext.TestDirectory}.");
        return dir!.FullName;
    }

    /// <summary>The released belief-geometry checkpoint <paramref name="relative"/> (e.g. "mess3/6400.safetensors") under
    /// ../shared/checkpoints/belief-geometry next to the repository. Fails (never skips) when it is missing.</summary>
    public static string BeliefGeometryCheckpoint(string relative)
    {
        var folder = Path.GetFullPath(Path.Combine(RepoRoot(), "..", "shared", "checkpoints", "belief-geometry"));
        var path = Path.Combine(folder, relative);
        if (!File.Exists(path))
            Assert.Fail($"The released checkpoint {path} is missing. These tests need the belief-geometry checkpoints in ../shared/checkpoints/belief-geometry relative to the repository root (see that folder's README).");
        return path;
    }
}
