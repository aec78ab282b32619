using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using TorchSharp;

namespace LmOrganisms.Transformers;

/// <summary>
/// A contiguous float32 CPU tensor owned by the CPU training engine, with the address of its memory for managed kernels.
/// libtorch allocates it 64-byte aligned; the address stays valid until <see cref="Dispose"/> (views of the tensor keep
/// the memory alive on their own).
/// </summary>
internal sealed unsafe class HostBuffer : IDisposable
{
    /// <summary>A zero-filled buffer of <paramref name="length"/> floats.</summary>
    public HostBuffer(long length)
    {
        Tensor = torch.zeros(Math.Max(length, 1), dtype: torch.ScalarType.Float32).DetachFromDisposeScope();
        Length = length;
        Pointer = (float*)Unsafe.AsPointer(ref MemoryMarshal.GetReference(Tensor.bytes));
    }

    /// <summary>The tensor (1-D).</summary>
    public torch.Tensor Tensor { get; }

    /// <summary>The first float.</summary>
    public float* Pointer { get; }

    /// <summary>Floats in the buffer.</summary>
    public long Length { get; }

    /// <summary>The floats as a span.</summary>
    public Span<float> Span => new(Pointer, checked((int)Length));

    /// <summary>A view of <paramref name="count"/> floats from <paramref name="offset"/> with <paramref name="shape"/>; dispose it.</summary>
    public torch.Tensor View(long offset, long count, long[] shape)
    {
        using var slice = Tensor.narrow(0, offset, count);
        return slice.view(shape).DetachFromDisposeScope();
    }

    /// <summary>Frees the tensor.</summary>
    public void Dispose() => Tensor.Dispose();
}
