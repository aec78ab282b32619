namespace LmOrganisms.Transformers;

/// <summary>The MLP nonlinearity.</summary>
public enum ActivationKind
{
    /// <summary>ReLU, <c>max(0, x)</c> (both papers' organisms).</summary>
    Relu,

    /// <summary>GELU with the exact (erf) form, <c>x · Φ(x)</c>.</summary>
    Gelu,
}
