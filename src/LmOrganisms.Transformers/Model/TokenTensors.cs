using LmOrganisms.Ecology;
using TorchSharp;

namespace LmOrganisms.Transformers;

/// <summary>Token sequences as int64 tensors for the model.</summary>
public static class TokenTensors
{
    /// <summary>Rows <paramref name="start"/>..start+count−1 of <paramref name="batch"/> as an int64 tensor [count, Length] on <paramref name="device"/> (CPU when null).</summary>
    public static torch.Tensor FromBatch(TokenBatch batch, int start, int count, torch.Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (start < 0 || count < 0 || start + count > batch.Count)
            throw new ArgumentException($"Rows {start}..{start + count - 1} are outside the batch of {batch.Count} rows.", nameof(start));
        var values = new long[count * batch.Length];
        var source = batch.Tokens.AsSpan(start * batch.Length, count * batch.Length);
        for (int i = 0; i < values.Length; i++) values[i] = source[i];
        var t = torch.tensor(values, [count, batch.Length]);
        return device is null || device.type == DeviceType.CPU ? t : t.to(device);
    }

    /// <summary>All rows of <paramref name="batch"/> as an int64 tensor [Count, Length].</summary>
    public static torch.Tensor FromBatch(TokenBatch batch, torch.Device? device = null) => FromBatch(batch, 0, batch?.Count ?? 0, device);

    /// <summary>Jagged rows of equal length as an int64 tensor [rows, length].</summary>
    public static torch.Tensor FromRows(IReadOnlyList<int[]> rows, torch.Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0) throw new ArgumentException("At least one row is required.", nameof(rows));
        int length = rows[0].Length;
        var values = new long[rows.Count * length];
        for (int r = 0; r < rows.Count; r++)
        {
            if (rows[r].Length != length) throw new ArgumentException($"Row {r} has {rows[r].Length} tokens, row 0 has {length}.", nameof(rows));
            for (int t = 0; t < length; t++) values[r * length + t] = rows[r][t];
        }
        var tensor = torch.tensor(values, [rows.Count, length]);
        return device is null || device.type == DeviceType.CPU ? tensor : tensor.to(device);
    }
}
