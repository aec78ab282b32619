using LmOrganisms.InformationTheory;
using MathNet.Numerics.LinearAlgebra;

namespace LmOrganisms.Probing;

/// <summary>
/// The closed-form minimiser over (H, W, b) of a quadratic NLL surrogate with a d-dimensional representation
/// (spec markov-categories §1.8–1.9, §4 item 15: "top-d eigenvectors plus least squares"): H = Π^{−1/2}U_d with U_d the
/// top-d eigenvectors of M_E (Böhning) or M_χ (Fisher-calibrated), and the least-squares head of that H.
/// </summary>
public static class ReducedRankSurrogate
{
    /// <summary>
    /// The closed-form optimum (H, head) of <paramref name="objective"/> for the operators <paramref name="similarity"/>
    /// built from context law <paramref name="contextLaw"/>. <see cref="SurrogateObjective.Nll"/> has no closed form and
    /// returns the Fisher-calibrated optimum, its small-signal approximation. Every context weight must be &gt; 0.
    /// </summary>
    public static (Matrix<double> Representation, LinearHead Head) Optimum(
        PredictiveSimilarity similarity, IReadOnlyList<double> contextLaw, int d, SurrogateObjective objective)
    {
        ArgumentNullException.ThrowIfNull(similarity);
        ArgumentNullException.ThrowIfNull(contextLaw);
        if (contextLaw.Count != similarity.ContextCount)
            throw new ArgumentException($"contextLaw has {contextLaw.Count} entries; the operators have {similarity.ContextCount} contexts.", nameof(contextLaw));
        for (int c = 0; c < contextLaw.Count; c++)
            if (!(contextLaw[c] > 0))
                throw new ArgumentException($"context {c} has weight {contextLaw[c]}; the closed form Π^(-1/2)U_d needs every weight > 0.", nameof(contextLaw));
        bool euclidean = objective == SurrogateObjective.Bohning;
        var u = similarity.TopEigenspace(d, euclidean);
        var h = Matrix<double>.Build.Dense(u.RowCount, d, (c, j) => u[c, j] / Math.Sqrt(contextLaw[c]));
        var head = euclidean ? similarity.BohningOptimalHead(h) : similarity.FisherOptimalHead(h);
        return (h, head);
    }
}
