using LmOrganisms.InformationTheory;
using LmOrganisms.Ecology;

namespace LmOrganisms;

/// <summary>
/// The deployment decoding gap (task-ecology paper Def 39, Prop 40; spec §4.9), in nats: with a decoder class Q,
/// L^Q_D = inf_{q∈Q} L_D(p, q) = floor + Δ_D(p) + Γ^Q_D, Γ ≥ 0, Γ = 0 when Q contains the Bayes decoder.
/// </summary>
public static class DecoderGap
{
    /// <summary>L^Q_D(p) = min over the decoders of the class of L_D(p, q), each <c>[code][context][token]</c>.</summary>
    public static double DecoderClassLoss(this FiniteEcology ecology, ReadOnlySpan<int> labels, IEnumerable<double[][][]> decoderClass)
    {
        ArgumentNullException.ThrowIfNull(decoderClass);
        double best = double.PositiveInfinity;
        int count = 0;
        foreach (var q in decoderClass)
        {
            best = Math.Min(best, ecology.DecoderLoss(labels, q));
            count++;
        }
        if (count == 0) throw new ArgumentException("The decoder class is empty.", nameof(decoderClass));
        return best;
    }

    /// <summary>Γ^Q_D(p) = L^Q_D(p) − L*_D(p) ≥ 0.</summary>
    public static double Gap(this FiniteEcology ecology, ReadOnlySpan<int> labels, IEnumerable<double[][][]> decoderClass) =>
        ecology.DecoderClassLoss(labels, decoderClass) - ecology.BayesLoss(labels);

    /// <summary>The decoder that predicts the uniform law on every code and context.</summary>
    public static double[][][] UniformDecoder(this FiniteEcology ecology, int codes)
    {
        ArgumentNullException.ThrowIfNull(ecology);
        return Enumerable.Range(0, codes).Select(_ => Enumerable.Range(0, ecology.ContextCount)
            .Select(_ => Enumerable.Repeat(1.0 / ecology.VocabularySize, ecology.VocabularySize).ToArray()).ToArray()).ToArray();
    }
}
