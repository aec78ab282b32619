using System.Diagnostics;
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

    [Test]
    public void Devices_and_directories_are_refused_not_replaced()
    {
        var dir = Directory.CreateTempSubdirectory("lmo-atomic-").FullName;
        try
        {
            var folder = Path.Combine(dir, "out.json");
            Directory.CreateDirectory(folder);
            Assert.That(Assert.Throws<IOException>(() => AtomicFile.WriteAllText(folder, "{}"))!.Message,
                Does.Contain($"Cannot write '{folder}': it is a directory"));
            Assert.That(Directory.Exists(folder), Is.True);
            Assert.That(Directory.GetFiles(dir), Is.Empty, "no temporary is left");
        }
        finally { Directory.Delete(dir, recursive: true); }
        if (!File.Exists("/dev/full")) Assert.Ignore("No /dev/full on this system.");
        var e = Assert.Throws<IOException>(() => FiniteEcology.Builder().Vocabulary("a").World("w", 1).Context("c", 1).Next("w", "c", 1).Build().Save("/dev/full"))!;
        Assert.That(e.Message, Does.Contain("'/dev/full': it is a character device"));
        Assert.That(FileKind.Of("/dev/full").Kind, Is.EqualTo(FileKind.Kind.CharacterDevice));
    }

    [Test]
    public void Stale_temporaries_of_killed_writers_are_removed_and_live_ones_kept()
    {
        var dir = Directory.CreateTempSubdirectory("lmo-atomic-").FullName;
        try
        {
            int dead;
            using (var gone = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!)
            {
                gone.WaitForExit();
                dead = gone.Id;
            }
            string Temp(string target, int pid) => Path.Combine(dir, $".{target}.{pid}.{Guid.NewGuid():N}.tmp");
            var staleCheckpoint = Temp("checkpoint.safetensors", dead);
            var staleOther = Temp("weights.safetensors", dead);
            var live = Temp("checkpoint.safetensors", 1);   // init runs as long as the system does
            var unrelated = Path.Combine(dir, "notes.tmp");
            foreach (var f in new[] { staleCheckpoint, staleOther, live, unrelated }) File.WriteAllText(f, "partial");

            AtomicFile.WriteAllText(Path.Combine(dir, "checkpoint.safetensors"), "done");   // cleans its own target's temporaries
            Assert.That(File.Exists(staleCheckpoint), Is.False);
            Assert.That(File.Exists(staleOther), Is.True);
            Assert.That(AtomicFile.RemoveStaleTemporaries(dir), Is.EqualTo(new[] { staleOther }));
            Assert.That(File.Exists(live) && File.Exists(unrelated), Is.True);
        }
        finally { Directory.Delete(dir, recursive: true); }
    }
}
