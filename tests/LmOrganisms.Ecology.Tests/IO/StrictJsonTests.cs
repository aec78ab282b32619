using LmOrganisms.Ecology;

namespace LmOrganisms.Ecology.Tests;

/// <summary>The JSON loaders are strict and every refusal names the file and the field (issue 14 §4).</summary>
public sealed class StrictJsonTests
{
    private static readonly string Ecology = FiniteEcology.Builder().Vocabulary("a", "b").World("w1", 0.5).World("w2", 0.5)
        .Context("c1", 1).Next("w1", "c1", 0.9, 0.1).Next("w2", "c1", 0.1, 0.9).Build().ToJson();

    [Test]
    public void Duplicate_fields_are_refused_naming_the_field()
    {
        var json = Processes.Mess3().ToJson().Replace("\"name\": \"mess3\",", "\"name\": \"mess3\", \"name\": \"other\",", StringComparison.Ordinal);
        var e = Assert.Throws<FormatException>(() => HiddenMarkovProcess.FromJson(json))!;
        Assert.That(e.Message, Does.Contain("Duplicate property 'name'"));
        e = Assert.Throws<FormatException>(() => FiniteEcology.FromJson(Ecology.Replace("\"prior\": 0.5", "\"prior\": 0.5, \"prior\": 0.25", StringComparison.Ordinal)))!;
        Assert.That(e.Message, Does.Contain("Duplicate property 'prior'"));
    }

    [Test]
    public void Syntax_errors_give_the_line_and_byte()
    {
        var e = Assert.Throws<FormatException>(() => FiniteEcology.FromJson("{\n  \"worlds\": [1,,2] }"))!;
        Assert.That(e.Message, Does.StartWith("Invalid JSON (line 2, byte "));
    }

    [TestCase("{\"name\": \"p\", \"alphabet\": [\"0\", \"0\"], \"states\": [\"A\"], \"transitions\": {\"0\": [[1]]}}", "In \"alphabet\": Duplicate symbol name '0'")]
    [TestCase("{\"name\": \"p\", \"alphabet\": [\"0\"], \"states\": [\"A\"], \"transitions\": {\"0\": [[0.5]]}}", "In \"transitions\": Process 'p': row 0 (state 'A') sums to 0.5")]
    [TestCase("{\"name\": \" \", \"alphabet\": [\"0\"], \"states\": [\"A\"], \"transitions\": {\"0\": [[1]]}}", "In \"name\": The process name is null or empty.")]
    [TestCase("{\"name\": \"p\", \"alphabet\": [\"0\"], \"states\": [\"A\"], \"transitions\": {\"0\": [[1e400]]}}", "In \"transitions\"")]
    [TestCase("null", "The top level must be a JSON object with \"name\", \"alphabet\", \"states\" and \"transitions\"; it is null.")]
    public void Process_validation_errors_name_the_json_field(string json, string expected)
    {
        var e = Assert.Throws<FormatException>(() => HiddenMarkovProcess.FromJson(json))!;
        Assert.That(e.Message, Does.Contain(expected));
    }

    [TestCase("\"prior\": 0.5", "\"prior\": -0.5", "In \"worlds\"[].prior: The world prior, entry 0, is negative (-0.5)")]
    [TestCase("\"weight\": 1", "\"weight\": 0.5", "In \"contexts\"[].weight: The context weights sums to 0.5")]
    [TestCase("\"name\": \"w2\"", "\"name\": \"w1\"", "In \"worlds\": Duplicate world name 'w1'")]
    [TestCase("\"worlds\": [", "\"worlds\": {\"x\": 1}, \"old\": [", "field \"worlds\" is missing or not an array")]
    public void Ecology_validation_errors_name_the_json_field(string find, string replace, string expected)
    {
        var json = Ecology.Replace(find, replace, StringComparison.Ordinal);
        Assert.That(json, Is.Not.EqualTo(Ecology));
        var e = Assert.Throws<FormatException>(() => FiniteEcology.FromJson(json))!;
        Assert.That(e.Message, Does.Contain(expected));
    }

    [Test]
    public void Load_prefixes_the_file()
    {
        var path = Path.Combine(Path.GetTempPath(), $"lmo-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, Ecology.Replace("\"prior\": 0.5", "\"prior\": \"half\"", StringComparison.Ordinal));
        try
        {
            var e = Assert.Throws<FormatException>(() => FiniteEcology.Load(path))!;
            Assert.That(e.Message, Does.StartWith($"Ecology file '{path}': \"worlds\"[0].prior is not a number"));
        }
        finally { File.Delete(path); }
    }
}
