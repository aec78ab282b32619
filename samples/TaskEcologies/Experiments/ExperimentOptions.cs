using System.Globalization;
using System.Runtime.CompilerServices;

namespace LmOrganisms.Samples.TaskEcologies;

/// <summary>
/// The base of every experiment's options: <see cref="Validate"/> and the rules the options share, each written once
/// and each naming the record, the option and its value (<c>StaticOptimalityOptions.Steps must be at least 1; got 0.</c>).
/// It declares no option itself: no option is common to all six experiments, and an option declared here would appear
/// (and be written into report.json) for experiments that do not use it. Options shared by a group of experiments live in
/// a base of that group (<see cref="OrganismEcologyOptions"/>).
/// </summary>
internal abstract record ExperimentOptions
{
    /// <summary>Throws an <see cref="ArgumentException"/> naming the first invalid option and its value.</summary>
    public void Validate() => CheckOptions();

    /// <summary>Checks every option of the record (a derived record checks its base's options first).</summary>
    protected abstract void CheckOptions();

    /// <summary>Throws "<c>Record.Option rule; got value.</c>" (invariant culture) unless <paramref name="ok"/>.</summary>
    protected void Require(bool ok, object? value, string rule, [CallerArgumentExpression(nameof(value))] string name = "")
    {
        if (!ok)
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"{GetType().Name}.{name} {rule}; got {Show(value)}."), name);
    }

    /// <summary>value ≥ <paramref name="least"/> (counts, steps, sizes).</summary>
    protected void AtLeast(int value, int least, [CallerArgumentExpression(nameof(value))] string name = "") =>
        Require(value >= least, value, string.Create(CultureInfo.InvariantCulture, $"must be at least {least}"), name);

    /// <summary>value in [<paramref name="least"/>, <paramref name="most"/>], with the reason for the bounds when there is one.</summary>
    protected void Between(int value, int least, int most, string? why = null, [CallerArgumentExpression(nameof(value))] string name = "") =>
        Require(value >= least && value <= most, value,
            string.Create(CultureInfo.InvariantCulture, $"must be between {least} and {most}{(why is null ? "" : $" ({why})")}"), name);

    /// <summary>A finite positive learning rate.</summary>
    protected void LearningRateOf(double value, [CallerArgumentExpression(nameof(value))] string name = "") =>
        Require(value > 0 && double.IsFinite(value), value, "must be a finite positive learning rate", name);

    /// <summary>A value in the open interval (0, 1) (probabilities, noise levels, fractions).</summary>
    protected void OpenUnit(double value, [CallerArgumentExpression(nameof(value))] string name = "") =>
        Require(value > 0 && value < 1, value, "must lie in (0, 1)", name);

    /// <summary>The warm-up of an induced-partition measurement: m ≥ 1 tokens and N ≥ 2 warm-ups per world (split halves).</summary>
    protected void WarmupsOf(int warmupLength, int warmups,
        [CallerArgumentExpression(nameof(warmupLength))] string lengthName = "", [CallerArgumentExpression(nameof(warmups))] string countName = "")
    {
        AtLeast(warmupLength, 1, lengthName);
        Require(warmups >= 2, warmups, "must be at least 2 (split halves)", countName);
    }

    /// <summary>The organism's context must hold the warm-up plus the longest task context.</summary>
    protected void FitsWarmup(int modelContext, int warmupLength, int contextLength, [CallerArgumentExpression(nameof(modelContext))] string name = "",
        [CallerArgumentExpression(nameof(warmupLength))] string lengthName = "", [CallerArgumentExpression(nameof(contextLength))] string contextName = "") =>
        Require(warmupLength + contextLength <= modelContext, modelContext,
            string.Create(CultureInfo.InvariantCulture, $"must hold {lengthName} + {contextName} ({warmupLength} + {contextLength})"), name);

    private static string Show(object? value) => value switch
    {
        null => "null",
        string s => s,
        System.Collections.IEnumerable items => string.Join(", ", items.Cast<object?>().Select(Show)),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
