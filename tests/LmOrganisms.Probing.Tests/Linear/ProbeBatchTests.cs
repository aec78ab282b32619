using LmOrganisms.Probing;

namespace LmOrganisms.Probing.Tests;

public class ProbeBatchTests
{
    [Test]
    public void From_layers_concatenates_each_row_in_layer_order()
    {
        float[] l0 = [1, 2, 3, 4];          // 2 rows × 2
        float[] l1 = [10, 20, 30, 40, 50, 60]; // 2 rows × 3
        var b = ProbeBatch.FromLayers([l0, l1], [2, 3], [0.5, 0.25], 1);
        Assert.That(b.FeatureCount, Is.EqualTo(5));
        Assert.That(b.RowCount, Is.EqualTo(2));
        Assert.That(b.SingleFeatures, Is.EqualTo(new float[] { 1, 2, 10, 20, 30, 3, 4, 40, 50, 60 }));
        var ex = Assert.Throws<ArgumentException>(() => ProbeBatch.FromLayers([l0, l1], [2, 2], [0.5, 0.25], 1));
        Assert.That(ex!.Message, Does.Contain("Layer 1 has 3 rows; layer 0 has 2"));
    }

    [Test]
    public void Where_keeps_rows_weights_and_groups()
    {
        var b = ProbeBatch.FromDouble([1, 2, 3], 1, [4, 5, 6], 1, weights: [1, 2, 3], groups: [7, 8, 9]);
        var kept = b.Where(r => r != 1);
        Assert.That(kept.DoubleFeatures, Is.EqualTo(new double[] { 1, 3 }));
        Assert.That(kept.Targets, Is.EqualTo(new double[] { 4, 6 }));
        Assert.That(kept.Weights, Is.EqualTo(new double[] { 1, 3 }));
        Assert.That(kept.Groups, Is.EqualTo(new long[] { 7, 9 }));
        Assert.That(kept.Feature(1, 0), Is.EqualTo(3.0));
    }
}
