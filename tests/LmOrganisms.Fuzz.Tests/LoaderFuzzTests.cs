using LmOrganisms.Transformers;

namespace LmOrganisms.Fuzz.Tests;

/// <summary>
/// The fuzz suite of issue 14 (docs/reliability.md): seeded mutations of valid process JSON, ecology JSON and
/// safetensors files (bit flips, truncation, field deletion and duplication, type changes, huge numbers, invalid UTF-8,
/// hostile names, lying safetensors headers) go through the library loaders. Each must load (and round-trip) or be
/// refused with the documented exception — FormatException for process and ecology files, ArgumentException for
/// safetensors, models and checkpoints — whose message names the file and the field. No other exception is allowed.
/// </summary>
[NonParallelizable]
public sealed class LoaderFuzzTests
{
    /// <summary>Inputs per format: 700 (about 2,100 in all, a few seconds), or LMO_FUZZ_INPUTS for a longer run.</summary>
    private static readonly int PerFormat = int.TryParse(Environment.GetEnvironmentVariable("LMO_FUZZ_INPUTS"), out int n) && n > 0 ? n : 700;

    /// <summary>Added to the fixed seeds (LMO_FUZZ_SEED, default 0): other inputs, still reproducible.</summary>
    private static readonly int SeedOffset = int.TryParse(Environment.GetEnvironmentVariable("LMO_FUZZ_SEED"), out int s) ? s : 0;

    private static readonly string[] JsonFields =
    [
        "\"name\"", "\"alphabet\"", "\"states\"", "\"transitions\"", "\"worlds\"", "\"contexts\"", "\"vocabulary\"", "\"next\"",
        ".prior", ".weight", ".word", "transitions[", "line ", "byte offset", "top level", "Duplicate property '",
    ];

    private static readonly string[] SafetensorsFields =
    [
        "Tensor '", "tensor", "header", "__metadata__", "metadata", "data_offsets", "dtype", "shape", "8-byte", "data bytes", "configuration",
    ];

    private string dir = null!;

    [SetUp]
    public void MakeFolder() => dir = Directory.CreateTempSubdirectory("lmo-fuzz-").FullName;

    [TearDown]
    public void RemoveFolder() => Directory.Delete(dir, recursive: true);

    private static void Report(FuzzTally tally)
    {
        TestContext.Out.WriteLine(tally.Summary());
        Assert.That(tally.Other, Is.Zero, tally.Summary() + "\n" + tally.Failures());
        Assert.That(tally.Inputs, Is.EqualTo(PerFormat));
        Assert.That(tally.Loaded, Is.GreaterThan(0), "some mutations keep the file valid");
        Assert.That(tally.Refused, Is.GreaterThan(PerFormat / 2), "most mutations break the file");
    }

    // One input: a JSON-level mutation, a byte-level one, or both.
    private static (string Name, byte[] Bytes) MutateJson(string seed, Random rng)
    {
        int kind = rng.Next(3);
        var (jsonName, jsonApply) = JsonMutations.All[rng.Next(JsonMutations.All.Length)];
        var (byteName, byteApply) = ByteMutations.All[rng.Next(ByteMutations.All.Length)];
        return kind switch
        {
            0 => (jsonName, jsonApply(seed, rng)),
            1 => (byteName, byteApply(System.Text.Encoding.UTF8.GetBytes(seed), rng)),
            _ => ($"{jsonName} + {byteName}", byteApply(jsonApply(seed, rng), rng)),
        };
    }

    [Test]
    public void Mutated_process_files_load_or_are_refused_naming_file_and_field()
    {
        var rng = new Random(14_001 + SeedOffset);
        var seeds = Seeds.Processes();
        var tally = new FuzzTally("process JSON", typeof(FormatException), JsonFields, quotedNamesLocate: false);
        for (int i = 0; i < PerFormat; i++)
        {
            var (name, bytes) = MutateJson(seeds[rng.Next(seeds.Count)], rng);
            var path = Path.Combine(dir, $"process-{i}.json");
            File.WriteAllBytes(path, bytes);
            tally.Run(name, path, () =>
            {
                var p = HiddenMarkovProcess.Load(path);
                var json = p.ToJson();
                Assert.That(HiddenMarkovProcess.FromJson(json).ToJson(), Is.EqualTo(json), $"{path} round-trips");
            });
        }
        Report(tally);
    }

    [Test]
    public void Mutated_ecology_files_load_or_are_refused_naming_file_and_field()
    {
        var rng = new Random(14_002 + SeedOffset);
        var seeds = Seeds.Ecologies();
        var tally = new FuzzTally("ecology JSON", typeof(FormatException), JsonFields, quotedNamesLocate: false);
        for (int i = 0; i < PerFormat; i++)
        {
            var (name, bytes) = MutateJson(seeds[rng.Next(seeds.Count)], rng);
            var path = Path.Combine(dir, $"ecology-{i}.json");
            File.WriteAllBytes(path, bytes);
            tally.Run(name, path, () =>
            {
                var e = FiniteEcology.Load(path);
                var json = e.ToJson();
                Assert.That(FiniteEcology.FromJson(json).ToJson(), Is.EqualTo(json), $"{path} round-trips");
            });
        }
        Report(tally);
    }

    [Test]
    public void Mutated_safetensors_files_load_or_are_refused_naming_file_and_field()
    {
        var rng = new Random(14_003 + SeedOffset);
        var seeds = Seeds.Safetensors();
        var tally = new FuzzTally("safetensors", typeof(ArgumentException), SafetensorsFields, quotedNamesLocate: true);
        for (int i = 0; i < PerFormat; i++)
        {
            var (seed, use) = seeds[rng.Next(seeds.Count)];
            bool header = rng.Next(5) < 3;
            var (name, apply) = header
                ? SafetensorsMutations.All[rng.Next(SafetensorsMutations.All.Length)]
                : ByteMutations.All[rng.Next(ByteMutations.All.Length)];
            var path = Path.Combine(dir, $"tensors-{i}.safetensors");
            File.WriteAllBytes(path, apply(seed, rng));
            tally.Run($"{name} ({use})", path, () =>
            {
                using (var content = Safetensors.Read(path))
                {
                    var again = Safetensors.Serialize(content.Tensors, content.Metadata);
                    using var reparsed = Safetensors.Parse(again, "round trip");
                    Assert.That(Safetensors.Serialize(reparsed.Tensors, reparsed.Metadata), Is.EqualTo(again), $"{path} round-trips");
                }
                if (use == Seeds.Use.Model)
                {
                    using var model = Transformer.Load(path);
                }
                else if (use == Seeds.Use.Checkpoint)
                {
                    _ = TrainerState.FromBytes(File.ReadAllBytes(path), path);
                }
            });
        }
        Report(tally);
    }
}
