using TorchSharp;
using static TorchSharp.torch;

namespace LmOrganisms.Transformers;

/// <summary>
/// Tensor arithmetic whose <see cref="Scalar"/> operands stay reachable until libtorch has read them. TorchSharp 0.107
/// converts every number passed to a tensor op (and the <c>alpha: 1</c> of its own <c>add(other)</c>, <c>a + b</c>,
/// <c>add_(x)</c>, the exponent of <c>square()</c>) into a finalizable <see cref="Scalar"/> whose last managed reference dies before the native call
/// reads it; a collection on another thread can then free it mid-call ("Expected false to be true" in
/// <c>Scalar::toFloat</c>, or a wrong value). Here every scalar is either a static field (never collected) or a local
/// disposed by <c>using</c> after the call, and the numbers are converted exactly as TorchSharp's implicit operators
/// convert them (same overloads), so results are bit-identical to the plain operators.
/// </summary>
internal static class TorchScalars
{
    /// <summary>The int64 1 that TorchSharp's <c>add(other)</c> passes as <c>alpha</c>.</summary>
    public static readonly Scalar One = 1.ToScalar();

    /// <summary>The int64 2 that TorchSharp's <c>square()</c> (= <c>pow(2)</c>) passes as the exponent.</summary>
    public static readonly Scalar Two = 2.ToScalar();

    /// <summary>−∞ (float32), the attention mask's fill value.</summary>
    public static readonly Scalar NegativeInfinity = float.NegativeInfinity.ToScalar();

    /// <summary><paramref name="a"/> + <paramref name="b"/> (TorchSharp's <c>a + b</c>).</summary>
    public static Tensor Plus(this Tensor a, Tensor b) => a.add(b, One);

    /// <summary><paramref name="a"/> + <paramref name="b"/> for a number b (TorchSharp's <c>a + b</c>).</summary>
    public static Tensor Plus(this Tensor a, double b)
    {
        using var scalar = b.ToScalar();
        return a.add(scalar, One);
    }

    /// <summary><paramref name="a"/> · <paramref name="b"/> for a number b (TorchSharp's <c>a * b</c>).</summary>
    public static Tensor Times(this Tensor a, double b)
    {
        using var scalar = b.ToScalar();
        return a.mul(scalar);
    }

    /// <summary><paramref name="a"/>² element-wise (TorchSharp's <c>a.square()</c>, which is <c>a.pow(2)</c> with an implicit scalar).</summary>
    public static Tensor Squared(this Tensor a) => a.pow(Two);

    /// <summary>The value of a one-element tensor as a double (TorchSharp's <c>ToDouble()</c>, whose intermediate
    /// <see cref="Scalar"/> could otherwise be finalized while it is read).</summary>
    public static double ToDoubleKept(this Tensor tensor)
    {
        using var scalar = tensor.ToScalar();
        return scalar.ToDouble();
    }
}
