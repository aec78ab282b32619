namespace LmOrganisms.Probing;

public sealed partial class ProbeStatistics
{
    /// <summary>
    /// Accumulates the statistics of all rows of <paramref name="batches"/> (enumerated once, on the calling thread).
    /// With <paramref name="degreeOfParallelism"/> k &gt; 1, batch i goes to worker i mod k, each worker accumulates
    /// its own statistics, and they are merged in worker order: the result is the same for every run with the same
    /// k (it may differ from k = 1 in the last bits, from the different summation order).
    /// </summary>
    /// <param name="batches">The rows, enumerated once.</param>
    /// <param name="degreeOfParallelism">Workers k ≥ 1.</param>
    /// <param name="progress">Receives the number of rows read so far.</param>
    /// <param name="cancellationToken">Checked between batches.</param>
    public static ProbeStatistics Accumulate(IEnumerable<ProbeBatch> batches, int degreeOfParallelism = 1,
        IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batches);
        if (degreeOfParallelism < 1)
            throw new ArgumentException(
                $"degreeOfParallelism is {degreeOfParallelism}; expected at least 1.", nameof(degreeOfParallelism));
        return degreeOfParallelism == 1
            ? AccumulateSequential(batches, progress, cancellationToken)
            : AccumulateParallel(batches, progress, cancellationToken, degreeOfParallelism);
    }

    private static ProbeStatistics AccumulateSequential(IEnumerable<ProbeBatch> batches, IProgress<long>? rowsDone,
        CancellationToken cancellationToken)
    {
        ProbeStatistics? s = null;
        long rows = 0;
        foreach (var batch in batches)
        {
            cancellationToken.ThrowIfCancellationRequested();
            s ??= ProbeStatistics.Create(batch.FeatureCount, batch.TargetCount);
            CheckTargets(batch, s.TargetCount);
            s.Add(batch);
            rows += batch.RowCount;
            rowsDone?.Report(rows);
        }
        return s ?? throw new ArgumentException("batches is empty; at least one batch is required.", nameof(batches));
    }

    private static ProbeStatistics AccumulateParallel(IEnumerable<ProbeBatch> batches, IProgress<long>? rowsDone,
        CancellationToken cancellationToken, int k)
    {
        using var failed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var queues = Enumerable.Range(0, k)
            .Select(_ => new System.Collections.Concurrent.BlockingCollection<ProbeBatch>(boundedCapacity: 2)).ToArray();
        var stats = new ProbeStatistics?[k];
        var workers = Enumerable.Range(0, k).Select(i => Task.Run(() =>
        {
            try
            {
                foreach (var batch in queues[i].GetConsumingEnumerable(failed.Token))
                {
                    stats[i] ??= ProbeStatistics.Create(batch.FeatureCount, batch.TargetCount);
                    stats[i]!.Add(batch);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                failed.Cancel();
                throw;
            }
        })).ToArray();
        long rows = 0;
        int index = 0, targets = -1;
        try
        {
            foreach (var batch in batches)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (targets < 0) targets = batch.TargetCount;
                CheckTargets(batch, targets);
                queues[index++ % k].Add(batch, failed.Token);
                rows += batch.RowCount;
                rowsDone?.Report(rows);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // A worker failed; its exception is rethrown below.
        }
        finally
        {
            foreach (var q in queues) q.CompleteAdding();
        }
        try
        {
            Task.WaitAll(workers);
        }
        catch (AggregateException e)
        {
            var first = e.InnerExceptions.FirstOrDefault(x => x is not OperationCanceledException) ?? e.InnerExceptions[0];
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(first).Throw();
        }
        finally
        {
            foreach (var q in queues) q.Dispose();
        }
        cancellationToken.ThrowIfCancellationRequested();
        ProbeStatistics? total = null;
        foreach (var s in stats)
        {
            if (s is null) continue;
            if (total is null) total = s;
            else total.Merge(s);
        }
        return total ?? throw new ArgumentException("batches is empty; at least one batch is required.", nameof(batches));
    }

    private static void CheckTargets(ProbeBatch batch, int targetCount)
    {
        if (batch.TargetCount != targetCount)
            throw new ArgumentException(
                $"A batch has {batch.TargetCount} targets; the first batch had {targetCount}.", "batches");
    }

}
