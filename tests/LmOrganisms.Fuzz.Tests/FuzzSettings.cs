namespace LmOrganisms.Fuzz.Tests;

/// <summary>How many inputs each fuzz test makes and which ones: fixed seeds, changed through the environment.</summary>
internal static class FuzzSettings
{
    /// <summary>Inputs per format: 700 (a few seconds), or LMO_FUZZ_INPUTS for a longer run.</summary>
    public static readonly int PerFormat = int.TryParse(Environment.GetEnvironmentVariable("LMO_FUZZ_INPUTS"), out int n) && n > 0 ? n : 700;

    /// <summary>Added to the fixed seeds (LMO_FUZZ_SEED, default 0): other inputs, still reproducible.</summary>
    public static readonly int SeedOffset = int.TryParse(Environment.GetEnvironmentVariable("LMO_FUZZ_SEED"), out int s) ? s : 0;
}
