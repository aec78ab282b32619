namespace LmOrganisms;

/// <summary>
/// The activations at one hook point (TransformerLens name, e.g. <c>blocks.3.hook_resid_post</c>) for every row of a
/// probe set: <see cref="Width"/> float32 values per row, row-major.
/// </summary>
/// <param name="Hook">The hook name.</param>
/// <param name="Width">Values per row (d_model for the residual stream).</param>
/// <param name="Values">Rows × width, row-major; not copied, do not mutate.</param>
public sealed record HookActivations(string Hook, int Width, float[] Values)
{
    /// <summary>Number of rows.</summary>
    public int RowCount => Width == 0 ? 0 : Values.Length / Width;

    /// <summary>Row <paramref name="row"/>.</summary>
    public ReadOnlySpan<float> Row(int row) => Values.AsSpan(checked(row * Width), Width);
}
