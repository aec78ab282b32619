namespace LmOrganisms.Transformers;

internal sealed unsafe partial class CpuTrainingEngine
{
    // The module's forward pass over the staged rows, every activation the backward pass needs kept in the workspace.
    private void Forward(int count)
    {
        int t = work.Length, n = count * t, d = config.DModel, v = config.Vocabulary;
        var kind = config.Normalization;
        float eps = (float)config.NormEpsilon;
        float* scratch = work.Scratch;
        float* first = work.Residual(0);
        fixed (int* tokens = work.Tokens)
            EmbeddingKernels.Forward(tokens, count, t, Value(offsets.Embed), Value(offsets.Positions), config.EmbeddingNorm ? work.Embedded : first, d);
        if (config.EmbeddingNorm)
            NormKernels.Forward(kind, work.Embedded, first, n, d, Value(offsets.EmbedNormGain), Value(offsets.EmbedNormBias), work.EmbedMean, work.EmbedRstd, eps);
        for (int l = 0; l < config.Layers; l++) Block(l, count);
        float* last = work.Residual(config.Layers);
        if (config.FinalNorm)
            NormKernels.Forward(kind, last, work.Final, n, d, Value(offsets.FinalNormGain), Value(offsets.FinalNormBias), work.FinalMean, work.FinalRstd, eps);
        float* bias = Value(offsets.UnembedBias);
        if (bias is not null) RowKernels.FillRows(work.Logits, n, v, bias);
        var unembedding = config.TiedUnembedding ? MatrixOperand.Transposed(Value(offsets.Embed), d) : MatrixOperand.Rows(Value(offsets.Unembed), v);
        Gemm.Multiply(n, v, d, MatrixOperand.Rows(work.Final, d), unembedding, work.Logits, v, bias is not null, scratch);
    }

    // resid_mid = resid_pre + attn(norm1(resid_pre)); resid_post = resid_mid + mlp(norm2(resid_mid)).
    private void Block(int l, int count)
    {
        int t = work.Length, n = count * t, d = config.DModel, m = config.DMlp, heads = config.Heads, dHead = config.DHead, hd = heads * dHead;
        var kind = config.Normalization;
        float eps = (float)config.NormEpsilon;
        float* scratch = work.Scratch;
        var p = offsets.Layers[l];
        var a = work.Layers[l];
        float* residual = work.Residual(l);

        NormKernels.Forward(kind, residual, a.H1, n, d, Value(p.Norm1Gain), Value(p.Norm1Bias), a.Mean1, a.Rstd1, eps);
        QkvPacking.Pack(Value(p.Query), Value(p.Key), Value(p.Value), a.PackedQkv, heads, d, dHead);
        bool qkvBias = p.QueryBias >= 0;
        if (qkvBias)
        {
            var packedBias = new Span<float>(a.PackedBias, 3 * hd);
            new ReadOnlySpan<float>(Value(p.QueryBias), hd).CopyTo(packedBias);
            new ReadOnlySpan<float>(Value(p.KeyBias), hd).CopyTo(packedBias[hd..]);
            new ReadOnlySpan<float>(Value(p.ValueBias), hd).CopyTo(packedBias[(2 * hd)..]);
            RowKernels.FillRows(a.Qkv, n, 3 * hd, a.PackedBias);
        }
        Gemm.Multiply(n, 3 * hd, d, MatrixOperand.Rows(a.H1, d), MatrixOperand.Rows(a.PackedQkv, 3 * hd), a.Qkv, 3 * hd, qkvBias, scratch);
        AttentionKernels.Forward(a.Qkv, a.Z, a.Pattern, count, t, heads, dHead, scale);
        RowKernels.CopyAddBias(residual, a.Mid, n, d, Value(p.OutputBias));
        Gemm.Multiply(n, d, hd, MatrixOperand.Rows(a.Z, hd), MatrixOperand.Rows(Value(p.Output), d), a.Mid, d, true, scratch);

        NormKernels.Forward(kind, a.Mid, a.H2, n, d, Value(p.Norm2Gain), Value(p.Norm2Bias), a.Mean2, a.Rstd2, eps);
        var hidden = MatrixOperand.Rows(a.H2, d);
        var weightIn = MatrixOperand.Rows(Value(p.In), m);
        if (config.Activation == ActivationKind.Relu)
        {
            Gemm.Multiply(n, m, d, hidden, weightIn, a.Post, m, false, scratch, GemmEpilogue.BiasRelu(Value(p.InBias)));
        }
        else
        {
            Gemm.Multiply(n, m, d, hidden, weightIn, a.Pre, m, false, scratch);
            GeluKernels.Forward(a.Pre, a.Post, n, m, Value(p.InBias));
        }
        float* next = work.Residual(l + 1);
        RowKernels.CopyAddBias(a.Mid, next, n, d, Value(p.OutBias));
        Gemm.Multiply(n, d, m, MatrixOperand.Rows(a.Post, m), MatrixOperand.Rows(Value(p.Out), d), next, d, true, scratch);
    }
}
