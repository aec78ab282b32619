using LmOrganisms.Ecology;

namespace LmOrganisms.Ecology.Tests;

public sealed class ProcessJsonTests
{
    [Test]
    public void RoundTripIsExactForEveryCatalogProcess()
    {
        foreach (var name in Processes.Names)
        {
            var p = Processes.FromName(name);
            var q = HiddenMarkovProcess.FromJson(p.ToJson());
            Assert.That(q.Name, Is.EqualTo(p.Name));
            Assert.That(q.Alphabet, Is.EqualTo(p.Alphabet));
            Assert.That(q.States, Is.EqualTo(p.States));
            Assert.That(q.ToArray(), Is.EqualTo(p.ToArray()), name); // bit-for-bit equality
        }
    }

    [Test]
    public void RoundTripIsExactForAwkwardDoubles()
    {
        double a = 1.0 / 3, b = 0.1 + 0.2;
        var p = HiddenMarkovProcess.Create("odd", ["x", "y"], ["s"], [[[a]], [[1 - a]]]);
        var q = HiddenMarkovProcess.FromJson(p.ToJson(indented: false));
        Assert.That(q[0, 0, 0], Is.EqualTo(a));
        Assert.That(b, Is.Not.EqualTo(0.3)); // sanity: the test is about exact doubles
    }

    [Test]
    public void SaveAndLoadThroughAFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"lmo-{Guid.NewGuid():N}.json");
        try
        {
            Processes.Mess3().Save(path);
            Assert.That(HiddenMarkovProcess.Load(path).ToArray(), Is.EqualTo(Processes.Mess3().ToArray()));
            Assert.That(Directory.GetFiles(Path.GetDirectoryName(path)!, "." + Path.GetFileName(path) + "*.tmp"), Is.Empty);
        }
        finally { File.Delete(path); }
    }

    [Test]
    public void ReadsTheDesignDocumentFormat()
    {
        const string json = """
            { "name": "gm", "alphabet": ["0", "1"], "states": ["A", "B"],
              "transitions": { "0": [[0.5, 0], [1, 0]], "1": [[0, 0.5], [0, 0]] } }
            """;
        var p = HiddenMarkovProcess.FromJson(json);
        Assert.That(p.StationaryDistribution, Is.EqualTo(new[] { 2.0 / 3, 1.0 / 3 }).Within(1e-12));
    }

    [TestCase("[1, 2]", "top level must be a JSON object")]
    [TestCase("{ \"alphabet\": [\"0\"], \"states\": [\"A\"], \"transitions\": {} }", "field \"name\" is missing")]
    [TestCase("{ \"name\": \"p\", \"states\": [\"A\"], \"transitions\": {} }", "field \"alphabet\" is missing")]
    [TestCase("{ \"name\": \"p\", \"alphabet\": [\"0\"], \"states\": [\"A\"] }", "field \"transitions\" is missing")]
    [TestCase("{ \"name\": \"p\", \"alphabet\": [\"0\"], \"states\": [\"A\"], \"transitions\": { } }", "no matrix for symbol '0'")]
    [TestCase("{ \"name\": \"p\", \"alphabet\": [\"0\"], \"states\": [\"A\"], \"transitions\": { \"0\": [[1]], \"9\": [[1]] } }", "matrix for '9', which is not in the alphabet")]
    [TestCase("{ \"name\": \"p\", \"alphabet\": [\"0\"], \"states\": [\"A\"], \"transitions\": { \"0\": [[\"x\"]] } }", "transitions[\"0\"][0][0] is not a number")]
    [TestCase("{ \"name\": \"p\", \"alphabet\": [\"0\"], \"states\": [\"A\"], \"transitions\": { \"0\": [[0.5]] } }", "row 0 (state 'A') sums to 0.5")]
    [TestCase("{ not json", "Invalid JSON")]
    public void BadFilesGiveErrorsNamingTheField(string json, string expected)
    {
        var e = Assert.Catch(() => HiddenMarkovProcess.FromJson(json));
        Assert.That(e, Is.InstanceOf<FormatException>().Or.InstanceOf<ArgumentException>());
        Assert.That(e!.Message, Does.Contain(expected));
    }

    [Test]
    public void LoadNamesTheFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"lmo-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, "{ \"name\": 3 }");
        try
        {
            var e = Assert.Throws<FormatException>(() => HiddenMarkovProcess.Load(path));
            Assert.That(e!.Message, Does.StartWith($"Process file '{path}'"));
        }
        finally { File.Delete(path); }
        Assert.That(Assert.Throws<FileNotFoundException>(() => HiddenMarkovProcess.Load(path))!.Message, Does.Contain($"Process file '{path}' does not exist"));
    }
}
