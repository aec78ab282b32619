using System.Text;
using LmOrganisms.Transformers;
using TorchSharp;

namespace LmOrganisms.Transformers.Tests;

/// <summary>
/// Issue 14 §4: the safetensors reader threw NullReferenceException on missing fields and null entries, let libtorch
/// fail on negative or overflowing shapes, and accepted lying headers (offsets into another tensor, every tensor at
/// offset 0). Every case is now an ArgumentException naming the source and the field or tensor.
/// </summary>
public sealed class SafetensorsValidationTests
{
    // Two F32 tensors a [2] (bytes 0–8) and b [3] (bytes 8–20).
    private const string Good = "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},\"b\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[8,20]}}";

    private static byte[] File(string header, int dataBytes = 20, ulong? declared = null)
    {
        var json = Encoding.UTF8.GetBytes(header);
        var bytes = new byte[8 + json.Length + dataBytes];
        BitConverter.TryWriteBytes(bytes.AsSpan(0, 8), declared ?? (ulong)json.Length);
        json.CopyTo(bytes, 8);
        return bytes;
    }

    private static string Refusal(byte[] bytes)
        => Assert.Throws<ArgumentException>(() => Safetensors.Parse(bytes, "hostile.safetensors"))!.Message;

    [Test]
    public void A_valid_file_loads()
    {
        using var content = Safetensors.Parse(File(Good), "ok");
        Assert.That(content.Tensors["b"].shape, Is.EqualTo(new long[] { 3 }));
    }

    [TestCase("{\"a\":{\"shape\":[2],\"data_offsets\":[0,8]},\"b\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[8,20]}}", "Tensor 'a'", "has no dtype")]
    [TestCase("{\"a\":{\"dtype\":\"F32\",\"data_offsets\":[0,8]},\"b\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[8,20]}}", "Tensor 'a'", "has no shape")]
    [TestCase("{\"a\":{\"dtype\":\"F32\",\"shape\":[2]},\"b\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[8,20]}}", "Tensor 'a'", "has no data_offsets")]
    [TestCase("{\"a\":null,\"b\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[8,20]}}", "Tensor 'a'", "header entry that is null")]
    [TestCase("{\"__metadata__\":null,\"a\":{\"dtype\":\"F32\",\"shape\":[5],\"data_offsets\":[0,20]}}", "'__metadata__' that is null", "not a JSON object of strings")]
    [TestCase("{\"__metadata__\":{\"k\":null},\"a\":{\"dtype\":\"F32\",\"shape\":[5],\"data_offsets\":[0,20]}}", "metadata 'k'", "null, not a string")]
    [TestCase("{\"a\":{\"dtype\":null,\"shape\":[5],\"data_offsets\":[0,20]}}", "Tensor 'a'", "dtype that is null")]
    [TestCase("{\"a\":{\"dtype\":\"X9\",\"shape\":[5],\"data_offsets\":[0,20]}}", "Tensor 'a'", "'X9', which is not a safetensors dtype")]
    [TestCase("{\"a\":{\"dtype\":\"F16\",\"shape\":[10],\"data_offsets\":[0,20]}}", "Tensor 'a'", "dtype F16; supported are F32, F64, I64, I32")]
    [TestCase("{\"a\":{\"dtype\":\"F32\",\"shape\":[-5,-1],\"data_offsets\":[0,20]}}", "Tensor 'a'", "negative dimension")]
    [TestCase("{\"a\":{\"dtype\":\"F32\",\"shape\":[4611686018427387904,4],\"data_offsets\":[0,20]}}", "Tensor 'a'", "describing more than")]
    [TestCase("{\"a\":{\"dtype\":\"F32\",\"shape\":[0,4611686018427387904,8],\"data_offsets\":[0,0]},\"b\":{\"dtype\":\"F32\",\"shape\":[5],\"data_offsets\":[0,20]}}", "Tensor 'a'", "describing more than")]
    [TestCase("{\"a\":{\"dtype\":\"F32\",\"shape\":[2.5],\"data_offsets\":[0,20]}}", "Tensor 'a'", "shape[0] = 2.5, not an integer")]
    [TestCase("{\"a\":{\"dtype\":\"F32\",\"shape\":[5],\"data_offsets\":[0,20,40]}}", "Tensor 'a'", "data_offsets with 3 entries")]
    [TestCase("{\"a\":{\"dtype\":\"F32\",\"shape\":[5],\"data_offsets\":[20,0]}}", "Tensor 'a'", "outside the 20 data bytes")]
    [TestCase("{\"a\":{\"dtype\":\"F32\",\"shape\":[5],\"data_offsets\":[0,20],\"extra\":1}}", "Tensor 'a'", "unknown field 'extra'")]
    [TestCase("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},\"b\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[4,16]}}", "Tensor 'b'", "overlapping tensor 'a'")]
    [TestCase("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}", "Tensor 'b'", "overlapping tensor 'a'")]
    [TestCase("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[12,20]}}", "Tensor 'b'", "leaving bytes 8…11 of the data buffer to no tensor")]
    [TestCase("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[8,16]}}", "4 data bytes after the last tensor", "cover the data buffer exactly")]
    [TestCase("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},\"a\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[8,20]}}", "not valid JSON", "Duplicate property 'a'")]
    [TestCase("[1]", "not a JSON object but an array", "hostile.safetensors")]
    public void Lying_or_incomplete_headers_are_refused_naming_the_field(string header, string where, string what)
    {
        var message = Refusal(File(header));
        Assert.That(message, Does.Contain("hostile.safetensors").And.Contain(where).And.Contain(what));
    }

    [Test]
    public void The_header_length_is_bounded_and_the_header_must_be_utf8()
    {
        Assert.That(Refusal(File(Good, declared: 200_000_000)), Does.Contain("declares a 200,000,000-byte header; the limit is 100,000,000 bytes"));
        Assert.That(Refusal(File(Good, declared: 100_000)), Does.Contain("declares a 100,000-byte header but has only"));
        Assert.That(Refusal(File(Good, declared: ulong.MaxValue)), Does.Contain("header"));
        var bytes = File(Good);
        bytes[8 + 3] = 0xFF;   // inside the name "a"
        Assert.That(Refusal(bytes), Does.Contain("not valid UTF-8: invalid byte 0xFF at byte offset 11"));
        Assert.That(Refusal(bytes[..5]), Does.Contain("fewer than the 8-byte header length"));
    }

    [Test]
    public void A_dtype_swapped_to_I32_is_a_valid_file_that_the_model_loader_refuses()
    {
        var dir = Directory.CreateTempSubdirectory("lmo-st-").FullName;
        try
        {
            var path = Path.Combine(dir, "model.safetensors");
            using (var model = Transformer.Create(TransformerPresets.MicroGpt(vocabulary: 3, layers: 1, dModel: 8, heads: 2, contextLength: 4), seed: 1))
                model.Save(path);
            var bytes = System.IO.File.ReadAllBytes(path);
            var text = Encoding.UTF8.GetString(bytes);
            int at = text.IndexOf("\"embed.W_E\":{\"dtype\":\"F32\"", StringComparison.Ordinal);
            Assert.That(at, Is.GreaterThan(0));
            var swapped = Encoding.UTF8.GetBytes("\"embed.W_E\":{\"dtype\":\"I32\"");
            swapped.CopyTo(bytes, at);
            System.IO.File.WriteAllBytes(path, bytes);
            var e = Assert.Throws<ArgumentException>(() => Transformer.Load(path))!;
            Assert.That(e.Message, Does.Contain(path).And.Contain("Tensor 'embed.W_E' has dtype Int32"));
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    [Test]
    public void Read_refuses_what_is_not_a_regular_file()
    {
        var dir = Directory.CreateTempSubdirectory("lmo-st-").FullName;
        try
        {
            Assert.That(Assert.Throws<IOException>(() => Safetensors.Read(dir))!.Message, Does.Contain("is a directory"));
            Assert.That(Assert.Throws<FileNotFoundException>(() => Transformer.Load(Path.Combine(dir, "none.safetensors")))!.Message, Does.Contain("does not exist"));
            if (System.IO.File.Exists("/dev/zero"))
                Assert.That(Assert.Throws<IOException>(() => Safetensors.Read("/dev/zero"))!.Message, Does.Contain("character device"));
        }
        finally { Directory.Delete(dir, recursive: true); }
    }
}
