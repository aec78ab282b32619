namespace LmOrganisms.Transformers;

/// <summary>
/// A float32 matrix operand of <see cref="Gemm"/> over unmanaged memory: element (i, j) lies at
/// <c>Data[i · RowStride + j · ColumnStride]</c>, so a row-major matrix and the transpose of one are both operands
/// without a copy.
/// </summary>
internal readonly unsafe struct MatrixOperand
{
    private MatrixOperand(float* data, int rowStride, int columnStride)
    {
        Data = data;
        RowStride = rowStride;
        ColumnStride = columnStride;
    }

    /// <summary>The element (0, 0).</summary>
    public float* Data { get; }

    /// <summary>Floats from one row to the next.</summary>
    public int RowStride { get; }

    /// <summary>Floats from one column to the next.</summary>
    public int ColumnStride { get; }

    /// <summary>A row-major matrix whose rows are <paramref name="leadingDimension"/> floats apart.</summary>
    public static MatrixOperand Rows(float* data, int leadingDimension) => new(data, leadingDimension, 1);

    /// <summary>The transpose of a row-major matrix whose rows are <paramref name="leadingDimension"/> floats apart.</summary>
    public static MatrixOperand Transposed(float* data, int leadingDimension) => new(data, 1, leadingDimension);
}
