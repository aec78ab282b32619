namespace LmOrganisms.Probing;

/// <summary>
/// A partition of the belief simplex into grid cells, the discrete "which region of the simplex" target of the
/// usable-information bound on the belief (spec markov-categories §1.4): cell(η) = (⌊m η₁⌋, …, ⌊m η_{S−1}⌋) with each
/// index clamped to m − 1 (the last coordinate is implied). Because the cell is a function of the context,
/// I(C; cell) = H(cell), the bound's exact ceiling.
/// </summary>
public static class BeliefCells
{
    /// <summary>
    /// Cell ids of every belief row (rows × <paramref name="stateCount"/>), numbered 0, 1, … in order of first
    /// occurrence, and the number of occupied cells.
    /// </summary>
    public static (int[] Cells, int Count) Assign(ReadOnlySpan<double> beliefs, int stateCount, int resolution)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(stateCount, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(resolution, 1);
        if (beliefs.Length % stateCount != 0)
            throw new ArgumentException($"beliefs has {beliefs.Length} values, not a multiple of {stateCount} states.", nameof(beliefs));
        int rows = beliefs.Length / stateCount;
        var ids = new Dictionary<long, int>();
        var cells = new int[rows];
        for (int r = 0; r < rows; r++)
        {
            long key = 0;
            for (int i = 0; i < stateCount - 1; i++)
            {
                double b = beliefs[r * stateCount + i];
                if (!(b >= -1e-9 && b <= 1 + 1e-9))
                    throw new ArgumentException($"Entry {i} of belief row {r} is {b}; expected a probability.", nameof(beliefs));
                key = key * resolution + Math.Clamp((int)Math.Floor(b * resolution), 0, resolution - 1);
            }
            if (!ids.TryGetValue(key, out int id)) ids[key] = id = ids.Count;
            cells[r] = id;
        }
        return (cells, ids.Count);
    }
}
