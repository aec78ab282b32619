using LmOrganisms.Ecology;

namespace LmOrganisms.Ecology.Tests;

public sealed class AtomicFileTests
{
    [Test]
    public void FailureMidWriteLeavesThePreviousFileAndNoTemporary()
    {
        var dir = Directory.CreateTempSubdirectory("lmo-atomic-").FullName;
        var path = Path.Combine(dir, "data.json");
        try
        {
            AtomicFile.WriteAllText(path, "old");
            Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(path, s =>
            {
                s.Write("partial new content"u8);
                throw new InvalidOperationException("simulated crash");
            }));
            Assert.That(File.ReadAllText(path), Is.EqualTo("old"));
            Assert.That(Directory.GetFiles(dir), Is.EqualTo(new[] { path }));
            AtomicFile.WriteAllBytes(path, "new"u8);
            Assert.That(File.ReadAllText(path), Is.EqualTo("new"));
        }
        finally { Directory.Delete(dir, recursive: true); }
    }
}
