using TorchSharp;

namespace LmOrganisms.Transformers;

/// <summary>
/// One tensor as managed memory, independent of libtorch: its shape and its values in row-major order. Float32 values are
/// held widened to double, which is exact, so a float32 tensor converted to <see cref="TensorValues"/> and back has the
/// same bits. Used by <see cref="TrainerState"/> for weights and Adam moments. The array is not copied on read and must
/// not be mutated.
/// </summary>
/// <param name="Shape">The dimensions (empty for a scalar).</param>
/// <param name="Values">The values, row-major; as many as the product of <paramref name="Shape"/>.</param>
public sealed record TensorValues(IReadOnlyList<long> Shape, double[] Values)
{
    /// <summary>The values of <paramref name="tensor"/> (any device, float32 or float64), copied to managed memory.</summary>
    /// <exception cref="ArgumentException">The tensor is not float32 or float64.</exception>
    public static TensorValues FromTensor(torch.Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        if (tensor.dtype is not (torch.ScalarType.Float32 or torch.ScalarType.Float64))
            throw new ArgumentException($"TensorValues holds float32 or float64 tensors; got {tensor.dtype}.", nameof(tensor));
        using var scope = torch.NewDisposeScope();
        var values = tensor.detach().to(torch.CPU).to(torch.ScalarType.Float64).contiguous().data<double>().ToArray();
        return new TensorValues(tensor.shape.ToArray(), values);
    }

    /// <summary>A new CPU tensor with these values in <paramref name="dtype"/> (float32 or float64); dispose it.</summary>
    /// <exception cref="ArgumentException"><paramref name="dtype"/> is neither float32 nor float64, or the values do not
    /// fill the shape.</exception>
    public torch.Tensor ToTensor(torch.ScalarType dtype)
    {
        CheckShape("this tensor");
        var shape = Shape.ToArray();
        return dtype switch
        {
            torch.ScalarType.Float32 => torch.tensor(Array.ConvertAll(Values, v => (float)v), shape),
            torch.ScalarType.Float64 => torch.tensor((double[])Values.Clone(), shape),
            _ => throw new ArgumentException($"TensorValues converts to float32 or float64 tensors; got {dtype}.", nameof(dtype)),
        };
    }

    /// <summary>Throws an <see cref="ArgumentException"/> naming <paramref name="what"/> when a dimension is negative or
    /// the values do not fill the shape.</summary>
    internal void CheckShape(string what)
    {
        if (Shape is null || Values is null)
            throw new ArgumentException($"{what} has no {(Shape is null ? "shape" : "values")}.");
        long count = 1;
        foreach (var n in Shape)
        {
            if (n < 0) throw new ArgumentException($"{what} has shape [{string.Join(", ", Shape)}] with a negative dimension.");
            count = n == 0 ? 0 : count > long.MaxValue / n ? long.MaxValue : count * n;
        }
        if (count != Values.Length)
            throw new ArgumentException($"{what} has shape [{string.Join(", ", Shape)}] ({count} values) but {Values.Length} values.");
    }
}
