using System.Numerics;
using System.Runtime.CompilerServices;

namespace LmOrganisms.Transformers;

/// <summary>
/// exp over a <see cref="Vector{T}"/> of floats for the engine's softmax and GELU (Cephes' expf: range reduction by
/// ln 2, a degree-6 polynomial, the exponent set through the bits; relative error about 2·10⁻⁷ over the clamped range
/// [−87.3, 88.7], NaN in, NaN out). <c>Vector.Exp</c> is several times slower than scalar <c>MathF.Exp</c> here, and
/// <c>TensorPrimitives.Exp</c> pays a call per span, too much for the short rows of the attention pattern.
/// </summary>
internal static class VectorExp
{
    private const float Log2E = 1.44269504088896341f;
    private const float Ln2High = 0.693359375f;
    private const float Ln2Low = -2.12194440e-4f;

    /// <summary>e^x lane by lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Exp(Vector<float> x)
    {
        x = Vector.Min(Vector.Max(x, new Vector<float>(-87.3f)), new Vector<float>(88.7f));
        var n = Vector.Round(x * new Vector<float>(Log2E));
        var r = x - n * new Vector<float>(Ln2High) - n * new Vector<float>(Ln2Low);
        var p = new Vector<float>(1.9875691500e-4f);
        p = p * r + new Vector<float>(1.3981999507e-3f);
        p = p * r + new Vector<float>(8.3334519073e-3f);
        p = p * r + new Vector<float>(4.1665795894e-2f);
        p = p * r + new Vector<float>(1.6666665459e-1f);
        p = p * r + new Vector<float>(5.0000001201e-1f);
        p = p * (r * r) + r + Vector<float>.One;
        var scale = Vector.AsVectorSingle(Vector.ShiftLeft(Vector.ConvertToInt32(n) + new Vector<int>(127), 23));
        return p * scale;
    }
}
