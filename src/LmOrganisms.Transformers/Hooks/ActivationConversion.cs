using MathNet.Numerics.LinearAlgebra;
using TorchSharp;

namespace LmOrganisms.Transformers;

/// <summary>
/// The one conversion point between neural numerics (TorchSharp float32 tensors, any device) and the library's managed
/// numerics (float[] / double MathNet matrices). Everything that leaves the Transformers layer as numbers goes through here.
/// </summary>
public static class ActivationConversion
{
    /// <summary>The tensor's values in row-major order as float32 (copied to the CPU; any dtype is converted to float32).</summary>
    public static float[] ToFloatArray(torch.Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        using var scope = torch.NewDisposeScope();
        return tensor.detach().to(torch.CPU).to(torch.float32).contiguous().reshape(-1).data<float>().ToArray();
    }

    /// <summary>The tensor's values in row-major order as double (float32 values widened exactly).</summary>
    public static double[] ToDoubleArray(torch.Tensor tensor) => Array.ConvertAll(ToFloatArray(tensor), v => (double)v);

    /// <summary>
    /// The activation as a MathNet matrix with one row per position of every sequence (all leading dimensions flattened
    /// in row-major order: row = b·T + t for a [B, T, D] residual stream) and one column per last-dimension component.
    /// </summary>
    public static Matrix<double> ToMatrix(torch.Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        if (tensor.dim() < 1) throw new ArgumentException("A scalar tensor has no last dimension to become matrix columns.", nameof(tensor));
        int columns = (int)tensor.shape[^1];
        var values = ToFloatArray(tensor);
        int rows = columns == 0 ? 0 : values.Length / columns;
        return Matrix<double>.Build.Dense(rows, columns, (r, c) => values[r * columns + c]);
    }
}
