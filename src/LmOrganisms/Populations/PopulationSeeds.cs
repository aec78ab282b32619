using LmOrganisms.Evolution;
namespace LmOrganisms.Populations;

/// <summary>
/// Seeds of a population run, each a pure function of (run seed, purpose, generation, member) through SplitMix64, so
/// that no draw depends on the order in which members run or on where a run was interrupted.
/// </summary>
internal static class PopulationSeeds
{
    public const int ModelInit = 1, InitialData = 2, Selection = 3, DevelopmentData = 4, WeightNoise = 5, TraitNoise = 6;

    public static int Derive(int seed, int purpose, int generation, int member)
    {
        ulong z = Mix(((ulong)(uint)seed << 32) | (uint)purpose);
        z = Mix(z ^ (((ulong)(uint)generation << 32) | (uint)member));
        return (int)(z & 0x7FFFFFFF);
    }

    private static ulong Mix(ulong z)
    {
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
