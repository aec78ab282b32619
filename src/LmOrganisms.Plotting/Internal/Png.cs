using LmOrganisms.Ecology;
using ScottPlot;
using SkiaSharp;

namespace LmOrganisms.Plotting;

/// <summary>Renders ScottPlot plots to PNG files atomically (temporary file, then one rename).</summary>
internal static class Png
{
    public static void Save(Plot plot, string path, int width, int height)
    {
        Check(path, width, height);
        var bytes = plot.GetImageBytes(width, height, ImageFormat.Png);
        AtomicFile.WriteAllBytes(path, bytes);
    }

    /// <summary>Several plots side by side in equal columns.</summary>
    public static void SaveColumns(IReadOnlyList<Plot> plots, string path, int width, int height)
    {
        Check(path, width, height);
        using var surface = SKSurface.Create(new SKImageInfo(width, height));
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        for (int i = 0; i < plots.Count; i++)
        {
            int left = i * width / plots.Count;
            int right = (i + 1) * width / plots.Count;
            using var panel = SKBitmap.Decode(plots[i].GetImageBytes(right - left, height, ImageFormat.Png));
            canvas.DrawBitmap(panel, left, 0);
        }
        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        AtomicFile.WriteAllBytes(path, data.AsSpan());
    }

    private static void Check(string path, int width, int height)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (width < 16 || height < 16)
            throw new ArgumentException($"The image size {width} × {height} is too small; expected at least 16 × 16 pixels.",
                nameof(width));
    }
}
