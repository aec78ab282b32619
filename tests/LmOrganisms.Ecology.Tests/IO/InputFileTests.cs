using System.Diagnostics;
using LmOrganisms.Ecology;

namespace LmOrganisms.Ecology.Tests;

/// <summary>What the loaders refuse before parsing (issue 14 §4): non-regular files, oversized files, invalid UTF-8.</summary>
public sealed class InputFileTests
{
    private string dir = null!;

    [SetUp]
    public void MakeFolder() => dir = Directory.CreateTempSubdirectory("lmo-input-").FullName;

    [TearDown]
    public void RemoveFolder() => Directory.Delete(dir, recursive: true);

    [Test]
    public void A_directory_is_refused_as_a_directory_not_as_missing()
    {
        var folder = Path.Combine(dir, "ecology.json");
        Directory.CreateDirectory(folder);
        var e = Assert.Throws<IOException>(() => FiniteEcology.Load(folder))!;
        Assert.That(e.Message, Does.Contain($"Ecology file '{folder}' is a directory"));
    }

    [Test]
    public void Devices_are_refused_before_reading()
    {
        if (!File.Exists("/dev/zero")) Assert.Ignore("No /dev/zero on this system.");
        var clock = Stopwatch.StartNew();
        var e = Assert.Throws<IOException>(() => HiddenMarkovProcess.Load("/dev/zero"))!;
        Assert.That(e.Message, Does.Contain("'/dev/zero' is a character device, not a regular file"));
        Assert.That(Assert.Throws<IOException>(() => InputFile.ReadAllBytes("/dev/urandom", 100, "test file"))!.Message, Does.Contain("character device"));
        Assert.That(clock.Elapsed.TotalSeconds, Is.LessThan(5));
    }

    [Test]
    public void A_fifo_is_refused_without_blocking()
    {
        var fifo = Path.Combine(dir, "process.json");
        if (!Fifo.TryCreate(fifo)) Assert.Ignore("mkfifo is not available.");
        var load = Task.Run(() => Assert.Throws<IOException>(() => HiddenMarkovProcess.Load(fifo))!.Message);
        Assert.That(load.Wait(TimeSpan.FromSeconds(10)), Is.True, "the load blocked on the FIFO");
        Assert.That(load.Result, Does.Contain("is a FIFO (named pipe), not a regular file"));
    }

    [Test]
    public void Missing_files_name_the_file()
    {
        var path = Path.Combine(dir, "none.json");
        Assert.That(Assert.Throws<FileNotFoundException>(() => FiniteEcology.Load(path))!.Message, Is.EqualTo($"Ecology file '{path}' does not exist."));
    }

    [Test]
    public void Files_over_the_limit_are_refused_with_the_size()
    {
        var path = Path.Combine(dir, "big.json");
        File.WriteAllBytes(path, new byte[1001]);
        var e = Assert.Throws<IOException>(() => InputFile.ReadAllBytes(path, 1000, "process file"))!;
        Assert.That(e.Message, Does.Contain($"Process file '{path}' has 1,001 bytes; the limit for a process file is 1,000 bytes"));
        Assert.That(InputFile.ReadAllBytes(path, 1001, "process file"), Has.Length.EqualTo(1001));
        Assert.That(InputFile.MaxJsonBytes, Is.EqualTo(64L << 20));
    }

    [Test]
    public void Invalid_utf8_is_refused_with_the_byte_offset_not_replaced()
    {
        var good = Processes.Mess3().ToJson();
        int at = good.IndexOf("\"A\"", StringComparison.Ordinal) + 1;
        var bytes = System.Text.Encoding.UTF8.GetBytes(good);
        bytes[at] = 0xFF;
        var path = Path.Combine(dir, "p.json");
        File.WriteAllBytes(path, bytes);
        var e = Assert.Throws<FormatException>(() => HiddenMarkovProcess.Load(path))!;
        Assert.That(e.Message, Does.Contain($"Process file '{path}' is not valid UTF-8: invalid byte 0xFF at byte offset {at}"));
        Assert.That(InputFile.InvalidUtf8Offset("ab"u8), Is.EqualTo(-1));
        Assert.That(InputFile.InvalidUtf8Offset([0x61, 0xE2, 0x82]), Is.EqualTo(1));   // truncated 3-byte sequence
        Assert.That(InputFile.InvalidUtf8Offset([0x61, 0xC0, 0xAF]), Is.EqualTo(1));   // overlong encoding
        Assert.That(InputFile.DecodeUtf8([0xEF, 0xBB, 0xBF, 0x7B, 0x7D], "x"), Is.EqualTo("{}"));
    }
}
