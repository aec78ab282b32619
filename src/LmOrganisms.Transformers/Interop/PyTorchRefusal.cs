using System.Collections;
using System.Runtime.InteropServices;
using Razorvine.Pickle;
using Razorvine.Pickle.Objects;
using TorchSharp;

namespace LmOrganisms.Transformers;

/// <summary>
/// Turns what PyBridge's unpickler returns or throws on an untrusted <c>.pt</c> file into either a dict of tensors or an
/// <see cref="ArgumentException"/> that names the file, the entry where known, and what to do about it.
/// </summary>
internal static class PyTorchRefusal
{
    /// <summary>The unpickled object as tensors by name, or a refusal naming an entry that is not a tensor (a nested
    /// dict first, as it tells the most; otherwise the first such name in ordinal order, so messages are stable).</summary>
    public static Dictionary<string, torch.Tensor> Tensors(Hashtable table, string source)
    {
        var entries = new List<(string Name, object? Value)>(table.Count);
        foreach (DictionaryEntry entry in table)
        {
            if (entry.Key is not string name)
                throw new ArgumentException($"'{source}' has a key {Describe(entry.Key)} ({entry.Key}); the names of a state dict are strings.", "path");
            entries.Add((name, entry.Value));
        }
        entries.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        foreach (var (name, _) in entries.Where(e => e.Value is IDictionary))
            throw new ArgumentException($"Entry '{name}' of '{source}' is a dict, not a tensor: the file is a nested checkpoint, not a flat state dict. In Python, save the state dict itself: torch.save(checkpoint['{name}'], path).", "path");
        foreach (var (name, value) in entries.Where(e => e.Value is not torch.Tensor))
            throw new ArgumentException($"Entry '{name}' of '{source}' is a Python {Describe(value)}, not a tensor; a state dict maps names to tensors.", "path");
        return entries.ToDictionary(e => e.Name, e => (torch.Tensor)e.Value!, StringComparer.Ordinal);
    }

    /// <summary>The refusal for an exception thrown while PyBridge unpickled <paramref name="source"/>.</summary>
    public static ArgumentException From(Exception e, string source)
    {
        string why = e switch
        {
            PickleException p when p.Message.Contains("ClassDict (for ", StringComparison.Ordinal) =>
                $"its pickle calls {Between(p.Message, "(for ", ")")}, which is not part of a state dict (refused without running it: only tensors, storages and OrderedDict are rebuilt)",
            PickleException p => $"its data.pkl is not a pickle PyBridge reads ({p.Message})",
            InvalidCastException c when c.Message.Contains("System.Collections.Hashtable", StringComparison.Ordinal) =>
                "its pickle holds something other than a dict (a state dict is a dict of tensors)",
            NotImplementedException n when n.Message.Contains("entire model", StringComparison.Ordinal) =>
                "it holds a whole pickled nn.Module, not a state dict; in Python save torch.save(model.state_dict(), path)",
            NotImplementedException => "it holds a storage type PyBridge does not read (quantized, or not a tensor storage)",
            InvalidOperationException i when i.Message.Contains("non-contiguous", StringComparison.Ordinal) =>
                "it holds a non-contiguous tensor (a transposed or strided view), which PyBridge does not rebuild; in Python save {k: v.contiguous() for k, v in sd.items()}",
            InvalidOperationException i when i.Message.Contains("no matching element", StringComparison.Ordinal) =>
                "its pickle refers to a storage record that the archive lacks",
            ExternalException x when x.Message.Contains("setStorage", StringComparison.Ordinal) =>
                "it holds tensors that are views into a shared storage (a storage offset or a larger storage), which PyBridge does not rebuild; in Python save {k: v.clone() for k, v in sd.items()}",
            ExternalException x when x.Message.Contains("allocate", StringComparison.Ordinal) =>
                $"a tensor's shape asks for more memory than there is ({FirstLine(x.Message)})",
            ExternalException x => $"a tensor could not be rebuilt ({FirstLine(x.Message)})",
            EndOfStreamException => "a tensor's shape needs more bytes than its storage record holds",
            _ => $"its data.pkl could not be unpickled ({e.GetType().Name}: {FirstLine(e.Message).TrimEnd('.')})",
        };
        return new ArgumentException($"'{source}' is not a PyTorch state dict that can be read: {why}.", "path", e);
    }

    /// <summary>The Python type of an unpickled object, as a user would name it.</summary>
    private static string Describe(object? value) => value switch
    {
        null => "None",
        string => "str",
        bool => "bool",
        int or long or System.Numerics.BigInteger => "int",
        double => "float",
        ClassDict c => $"object of class {c.ClassName}",
        IDictionary => "dict",
        object[] => "tuple",
        byte[] => "bytes",
        IList => "list",
        _ => value.GetType().Name,
    };

    private static string Between(string text, string start, string end)
    {
        int i = text.IndexOf(start, StringComparison.Ordinal) + start.Length;
        int j = text.IndexOf(end, i, StringComparison.Ordinal);
        return j > i ? $"'{text[i..j]}'" : "an unknown Python callable";
    }

    private static string FirstLine(string message)
    {
        int n = message.IndexOfAny(['\r', '\n']);
        return n < 0 ? message : message[..n];
    }
}
