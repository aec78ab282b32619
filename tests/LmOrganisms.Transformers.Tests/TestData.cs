namespace LmOrganisms.Transformers.Tests;

/// <summary>Locates shared test data: the repository root (the folder holding LmOrganisms.sln) and ../shared next to it.</summary>
internal static class TestData
{
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
    /// <c>shared/checkpoints/belief-geometry</c>: the folder named by the environment variable <c>LMO_SHARED</c> if set,
    /// else <c>../shared</c> next to the repository (or next to any folder above it). Fails (never skips) when missing.
    /// </summary>
    public static string BeliefGeometryCheckpoint(string relative)
    {
        var candidates = new List<string>();
        var env = Environment.GetEnvironmentVariable("LMO_SHARED");
        if (!string.IsNullOrEmpty(env)) candidates.Add(env);
        for (var dir = new DirectoryInfo(RepoRoot()).Parent; dir is not null; dir = dir.Parent)
            candidates.Add(Path.Combine(dir.FullName, "shared"));
        foreach (var shared in candidates)
        {
            var path = Path.Combine(shared, "checkpoints", "belief-geometry", relative);
            if (File.Exists(path)) return path;
        }
        Assert.Fail($"The released checkpoint {relative} is missing. These tests need the belief-geometry checkpoints in ../shared/checkpoints/belief-geometry next to the repository (or set LMO_SHARED); looked in: {string.Join(", ", candidates)}.");
        return "";
    }
}
