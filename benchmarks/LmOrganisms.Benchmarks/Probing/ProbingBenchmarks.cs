using BenchmarkDotNet.Attributes;
using LmOrganisms.Probing;

namespace LmOrganisms.Benchmarks.Probing;

/// <summary>
/// Fitting a linear probe to 1,000,000 rows × 256 single-precision features and 3 targets (the goal: no
/// slower than scikit-learn's LinearRegression on the same data, see <c>sklearn_linear_regression.py</c>).
/// The rows are streamed in batches of 10,000 through <see cref="ProbeStatistics"/>.
/// </summary>
[MemoryDiagnoser]
public class ProbingBenchmarks
{
    private const int Features = 256;
    private const int Targets = 3;
    private const int BatchRows = 10_000;
    private List<ProbeBatch> batches = [];

    /// <summary>Rows fitted.</summary>
    [Params(1_000_000)]
    public int Rows { get; set; }

    /// <summary>Gaussian features and a planted linear map plus noise (deterministic).</summary>
    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(1);
        var w = new double[Features * Targets];
        for (int i = 0; i < w.Length; i++) w[i] = Gaussian(rng);
        batches = [];
        for (int start = 0; start < Rows; start += BatchRows)
        {
            int n = Math.Min(BatchRows, Rows - start);
            var x = new float[n * Features];
            for (int i = 0; i < x.Length; i++) x[i] = (float)Gaussian(rng);
            var y = new double[n * Targets];
            for (int r = 0; r < n; r++)
                for (int t = 0; t < Targets; t++)
                {
                    double s = 0.1 * Gaussian(rng);
                    for (int i = 0; i < Features; i++) s += x[r * Features + i] * w[i * Targets + t];
                    y[r * Targets + t] = s;
                }
            batches.Add(ProbeBatch.FromSingle(x, Features, y, Targets));
        }
    }

    /// <summary>Workers accumulating the statistics (1 = on the calling thread).</summary>
    [Params(1, 2)]
    public int Threads { get; set; }

    /// <summary>Streaming least-squares fit with intercept.</summary>
    [Benchmark]
    public LinearProbeModel FitLeastSquares() => LinearProbe.OrdinaryLeastSquares.Fit(batches, degreeOfParallelism: Threads);

    private static double Gaussian(Random rng) => LmOrganisms.Ecology.Gaussian.Pair(rng).Z0;
}
