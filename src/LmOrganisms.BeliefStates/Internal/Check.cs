using LmOrganisms.Ecology;

namespace LmOrganisms.BeliefStates;

/// <summary>Argument checks shared by the layer.</summary>
internal static class Check
{
    public static string Num(double v) => v.ToString("G6", System.Globalization.CultureInfo.InvariantCulture);

    public static void Belief(HiddenMarkovProcess process, ReadOnlySpan<double> eta, string paramName)
    {
        if (eta.Length != process.StateCount)
            throw new ArgumentException($"The belief has {eta.Length} entries; process '{process.Name}' has {process.StateCount} states.", paramName);
        double sum = 0;
        for (int i = 0; i < eta.Length; i++)
        {
            if (!(eta[i] >= 0) || double.IsInfinity(eta[i]))
                throw new ArgumentException($"Entry {i} (state '{process.States[i]}') of the belief is {Num(eta[i])}; expected a probability.", paramName);
            sum += eta[i];
        }
        if (Math.Abs(sum - 1) > LmOrganisms.Ecology.Tolerances.SumTolerance)
            throw new ArgumentException($"The belief sums to {Num(sum)}, expected 1.", paramName);
    }

    public static void Token(HiddenMarkovProcess process, int token, int position, string paramName)
    {
        if ((uint)token >= (uint)process.AlphabetSize)
            throw new ArgumentOutOfRangeException(paramName, $"Token {token} at position {position} is outside the alphabet of size {process.AlphabetSize} of process '{process.Name}'.");
    }
}
