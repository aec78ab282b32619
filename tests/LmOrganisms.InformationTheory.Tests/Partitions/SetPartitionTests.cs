using LmOrganisms.InformationTheory;

namespace LmOrganisms.InformationTheory.Tests;

public class SetPartitionTests
{
    [Test]
    public void Spec42_BellNumbersAndEnumerationCounts()
    {
        long[] bell = [1, 2, 5, 15, 52, 203, 877];
        for (int n = 1; n <= 7; n++)
        {
            Assert.That(SetPartition.Bell(n), Is.EqualTo(bell[n - 1]));
            var all = SetPartition.AllPartitions(n).ToList();
            Assert.That(all, Has.Count.EqualTo(bell[n - 1]));
            Assert.That(all.All(p => SetPartition.IsCanonical(p)), Is.True);
            Assert.That(all.Select(p => string.Join(",", p)).Distinct().Count(), Is.EqualTo(bell[n - 1]));
        }
        Assert.That(SetPartition.Bell(10), Is.EqualTo(115975));
    }

    [Test]
    public void Spec42_BinarySplitCount()
    {
        for (int k = 1; k <= 8; k++)
        {
            var cell = Enumerable.Range(10, k).ToArray();
            var splits = SetPartition.AllBinarySplits(cell).ToList();
            Assert.That(splits, Has.Count.EqualTo((1 << (k - 1)) - 1));
            Assert.That(splits.All(s => s.A[0] == 10 && s.B.Length > 0 && s.A.Length + s.B.Length == k), Is.True);
            Assert.That(splits.Select(s => string.Join(",", s.A)).Distinct().Count(), Is.EqualTo(splits.Count));
        }
    }

    [Test]
    public void CanonicalizeCellsRefinesMergeSplit()
    {
        Assert.That(SetPartition.Canonicalize([5, 5, 2, 7, 2]), Is.EqualTo(new[] { 0, 0, 1, 2, 1 }));
        Assert.That(SetPartition.NumClasses([5, 5, 2, 7, 2]), Is.EqualTo(3));
        Assert.That(SetPartition.Cells([1, 0, 1]), Is.EqualTo(new[] { new[] { 0, 2 }, new[] { 1 } }));
        Assert.That(SetPartition.FromCells([[1], [0, 2]], 3), Is.EqualTo(new[] { 0, 1, 0 }));
        Assert.That(SetPartition.Refines([0, 1, 2], [0, 0, 1]), Is.True);
        Assert.That(SetPartition.Refines([0, 0, 1], [0, 1, 2]), Is.False);
        Assert.That(SetPartition.Refines([0, 1, 1], [0, 0, 1]), Is.False);
        Assert.That(SetPartition.Same([3, 3, 1], [0, 0, 1]), Is.True);
        Assert.That(SetPartition.MergeCells([0, 1, 2], 0, 2), Is.EqualTo(new[] { 0, 1, 0 }));
        Assert.That(SetPartition.SplitCell([0, 0, 0, 1], [1, 2]), Is.EqualTo(new[] { 0, 1, 1, 2 }));
        Assert.Throws<ArgumentException>(() => SetPartition.SplitCell([0, 0, 1], [0, 1]));
        Assert.Throws<ArgumentException>(() => SetPartition.SplitCell([0, 0, 1], [1, 2]));
    }

    [Test]
    public void RefinementIsAPartialOrderOnAllPartitionsOfFour()
    {
        var all = SetPartition.AllPartitions(4).ToList();
        foreach (var a in all)
            foreach (var b in all)
            {
                bool ab = SetPartition.Refines(a, b), ba = SetPartition.Refines(b, a);
                Assert.That(ab && ba, Is.EqualTo(SetPartition.Same(a, b)));
                Assert.That(SetPartition.Refines(SetPartition.Identity(4), a) && SetPartition.Refines(a, SetPartition.OneCell(4)), Is.True);
            }
    }
}
