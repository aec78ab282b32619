using LmOrganisms.Probing;
using LmOrganisms.Transformers;
using MathNet.Numerics.LinearAlgebra;

namespace LmOrganisms.Probing;

/// <summary>
/// The unembedding head of a trained <see cref="Transformer"/> as an <see cref="IHead"/> (spec markov-categories §1.1,
/// §1.6, §4 item 17): W = W_Uᵀ (V × d; W_E for a tied unembedding) and b = b_U (zeros without biases). The head acts on
/// the states at <see cref="Hook"/>: <c>ln_final.hook_normalized</c> when the model has a final norm (that hook's value
/// already includes the norm's gain and bias, so softmax(W h + b) is exactly the model's next-token law), else the
/// last block's <c>hook_resid_post</c>.
/// </summary>
/// <param name="Weights">W, V × d.</param>
/// <param name="Bias">b, V entries.</param>
/// <param name="Hook">The hook point whose states the head reads.</param>
public sealed record TransformerHead(Matrix<double> Weights, Vector<double> Bias, string Hook) : IHead
{
    /// <summary>Reads W_U (or W_E), b_U and the final-state hook of <paramref name="model"/>.</summary>
    public static TransformerHead Of(Transformer model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var config = model.Config;
        var parameters = model.StateDict();
        int v = config.Vocabulary, d = config.DModel;
        Matrix<double> w;
        if (config.TiedUnembedding)
        {
            var we = ActivationConversion.ToDoubleArray(parameters["embed.W_E"]); // V × d
            w = Matrix<double>.Build.Dense(v, d, (t, j) => we[t * d + j]);
        }
        else
        {
            var wu = ActivationConversion.ToDoubleArray(parameters["unembed.W_U"]); // d × V
            w = Matrix<double>.Build.Dense(v, d, (t, j) => wu[j * v + t]);
        }
        var b = config.Biases
            ? Vector<double>.Build.DenseOfArray(ActivationConversion.ToDoubleArray(parameters["unembed.b_U"]))
            : Vector<double>.Build.Dense(v);
        return new TransformerHead(w, b, FinalStateHook(config));
    }

    /// <summary>The hook whose states feed the unembedding: <c>ln_final.hook_normalized</c> with a final norm, else the last
    /// <c>hook_resid_post</c> (<see cref="HookNames.FinalState"/>).</summary>
    public static string FinalStateHook(TransformerConfig config) => HookNames.FinalState(config);
}
