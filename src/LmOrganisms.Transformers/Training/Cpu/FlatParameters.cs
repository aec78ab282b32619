using TorchSharp;
using Parameter = TorchSharp.Modules.Parameter;

namespace LmOrganisms.Transformers;

/// <summary>
/// A model's parameters in one flat float32 buffer, in <c>named_parameters</c> order (each starting on a 64-byte
/// boundary), with flat gradient and Adam moment buffers laid out the same way. Binding moves every parameter of the
/// module into the buffer with <c>set_</c>: the module keeps its <see cref="Parameter"/> objects, which now share the
/// buffer's memory, so the libtorch forward pass, <c>StateDict</c>, safetensors export, hooks and every handle a caller
/// holds see the values the engine writes, without a copy.
/// </summary>
internal sealed unsafe class FlatParameters : IDisposable
{
    private const int Alignment = 16;
    private readonly Dictionary<string, Slot> byName;

    private FlatParameters(Slot[] slots, long length)
    {
        Slots = slots;
        byName = slots.ToDictionary(s => s.Name, StringComparer.Ordinal);
        Length = length;
        Values = new HostBuffer(length);
        Gradients = new HostBuffer(length);
        FirstMoments = new HostBuffer(length);
        SecondMoments = new HostBuffer(length);
    }

    /// <summary>The parameters in order.</summary>
    public IReadOnlyList<Slot> Slots { get; }

    /// <summary>Floats in each buffer (parameters and alignment padding, which stays zero).</summary>
    public long Length { get; }

    /// <summary>The parameter values (the module's parameters are views of it).</summary>
    public HostBuffer Values { get; }

    /// <summary>The gradients.</summary>
    public HostBuffer Gradients { get; }

    /// <summary>Adam's first moments.</summary>
    public HostBuffer FirstMoments { get; }

    /// <summary>Adam's second moments.</summary>
    public HostBuffer SecondMoments { get; }

    /// <summary>Copies the parameters of <paramref name="model"/> (float32, CPU) into a new flat buffer and makes them views of it.</summary>
    public static FlatParameters Bind(Transformer model)
    {
        var flat = Layout(model);
        using var noGrad = torch.no_grad();
        foreach (var slot in flat.Slots)
        {
            var view = flat.Values.View(slot.Offset, slot.Count, slot.Shape);
            view.copy_(slot.Parameter);
            slot.Parameter.set_(view);
            view.Dispose();
        }
        return flat;
    }

    /// <summary>Copies the parameters of <paramref name="model"/> (float32, CPU) into a new flat buffer without binding them:
    /// the module keeps its own memory, and later changes to either side are not seen by the other (forward passes only).</summary>
    public static FlatParameters Copy(Transformer model)
    {
        var flat = Layout(model);
        using var noGrad = torch.no_grad();
        foreach (var slot in flat.Slots)
        {
            using var view = flat.Values.View(slot.Offset, slot.Count, slot.Shape);
            view.copy_(slot.Parameter);
        }
        return flat;
    }

    private static FlatParameters Layout(Transformer model)
    {
        var parameters = model.named_parameters().ToArray();
        var slots = new Slot[parameters.Length];
        long offset = 0;
        for (int i = 0; i < parameters.Length; i++)
        {
            var (name, p) = parameters[i];
            long count = p.numel();
            slots[i] = new Slot(name, p, offset, count, p.shape);
            offset += (count + Alignment - 1) / Alignment * Alignment;
        }
        return new FlatParameters(slots, offset);
    }

    /// <summary>The offset of parameter <paramref name="name"/>.</summary>
    public long Offset(string name)
        => byName.TryGetValue(name, out var slot) ? slot.Offset : throw new InvalidOperationException($"The model has no parameter '{name}'.");

    /// <summary>The offset of parameter <paramref name="name"/>, or −1 when the model has none.</summary>
    public long OffsetOrNone(string name) => byName.TryGetValue(name, out var slot) ? slot.Offset : -1;

    /// <summary>Frees the four buffers (the module's parameters keep the value memory alive).</summary>
    public void Dispose()
    {
        Values.Dispose();
        Gradients.Dispose();
        FirstMoments.Dispose();
        SecondMoments.Dispose();
    }

    /// <summary>One parameter's place in the flat buffers.</summary>
    /// <param name="Name">Its TransformerLens name.</param>
    /// <param name="Parameter">The module's parameter (a view of <see cref="Values"/> once bound).</param>
    /// <param name="Offset">Its first float.</param>
    /// <param name="Count">Its floats.</param>
    /// <param name="Shape">Its shape.</param>
    internal sealed record Slot(string Name, Parameter Parameter, long Offset, long Count, long[] Shape);
}
