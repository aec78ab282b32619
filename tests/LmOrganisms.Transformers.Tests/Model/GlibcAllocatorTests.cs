using LmOrganisms.Transformers;

namespace LmOrganisms.Transformers.Tests;

public sealed class GlibcAllocatorTests
{
    private static Func<string, string?> Env(params (string Name, string Value)[] vars)
    {
        var map = vars.ToDictionary(v => v.Name, v => v.Value);
        return name => map.TryGetValue(name, out var v) ? v : null;
    }

    [Test]
    public void TunesByDefault() => Assert.That(GlibcAllocator.ShouldTune(Env()), Is.True);

    [TestCase("0")]
    [TestCase("false")]
    [TestCase(" FALSE ")]
    public void TheOptOutVariableLeavesGlibcAlone(string value) =>
        Assert.That(GlibcAllocator.ShouldTune(Env((GlibcAllocator.OptOutVariable, value))), Is.False);

    [Test]
    public void AnyOtherValueOfTheVariableTunes() =>
        Assert.That(GlibcAllocator.ShouldTune(Env((GlibcAllocator.OptOutVariable, "1"))), Is.True);

    [TestCase("MALLOC_MMAP_THRESHOLD_", "131072")]
    [TestCase("MALLOC_TRIM_THRESHOLD_", "131072")]
    [TestCase("GLIBC_TUNABLES", "glibc.malloc.mmap_threshold=131072")]
    public void TheUsersOwnMallocSettingsWin(string name, string value) =>
        Assert.That(GlibcAllocator.ShouldTune(Env((name, value))), Is.False);

    [Test]
    public void UnrelatedTunablesDoNotStopTheTuning() =>
        Assert.That(GlibcAllocator.ShouldTune(Env(("GLIBC_TUNABLES", "glibc.pthread.rseq=0"))), Is.True);

    [Test]
    public void CreatingAModelTunesTheAllocatorOnGlibcLinux()
    {
        using var model = Transformer.Create(TransformerPresets.BeliefGeometry, seed: 1);
        bool expected = OperatingSystem.IsLinux() && File.Exists("/lib/x86_64-linux-gnu/libc.so.6") &&
            GlibcAllocator.ShouldTune(Environment.GetEnvironmentVariable);
        if (!expected) Assert.Ignore("Not glibc Linux on x86-64, or the environment opts out: nothing to check.");
        Assert.That(GlibcAllocator.IsTuned, Is.True);
    }
}
