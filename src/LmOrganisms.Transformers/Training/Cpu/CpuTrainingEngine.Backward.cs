namespace LmOrganisms.Transformers;

internal sealed unsafe partial class CpuTrainingEngine
{
    /// <summary>Every parameter's gradient of the mean loss of the last <see cref="Loss"/>, written into the flat
    /// gradient buffer (the previous step's gradients are overwritten, not accumulated).</summary>
    public void Backward()
    {
        int count = rowsInUse, t = work.Length, n = count * t, d = config.DModel, v = config.Vocabulary;
        var kind = config.Normalization;
        float* scratch = work.Scratch;
        float* dResidual = work.DResidual, dHidden = work.DHidden;
        float* dFinal = config.FinalNorm ? dHidden : dResidual;

        var dLogits = MatrixOperand.Rows(work.DLogits, v);
        if (config.TiedUnembedding)
        {
            Gemm.Multiply(v, d, n, MatrixOperand.Transposed(work.DLogits, v), MatrixOperand.Rows(work.Final, d), Gradient(offsets.Embed), d, false, scratch);
            Gemm.Multiply(n, d, v, dLogits, MatrixOperand.Rows(Value(offsets.Embed), d), dFinal, d, false, scratch);
        }
        else
        {
            Gemm.Multiply(d, v, n, MatrixOperand.Transposed(work.Final, d), dLogits, Gradient(offsets.Unembed), v, false, scratch);
            Gemm.Multiply(n, d, v, dLogits, MatrixOperand.Transposed(Value(offsets.Unembed), v), dFinal, d, false, scratch);
        }
        if (offsets.UnembedBias >= 0) RowKernels.ColumnSums(work.DLogits, n, v, Gradient(offsets.UnembedBias));
        if (config.FinalNorm)
        {
            ClearGradient(offsets.FinalNormGain, d);
            ClearGradient(offsets.FinalNormBias, d);
            NormKernels.Backward(kind, dHidden, work.Residual(config.Layers), n, d, Value(offsets.FinalNormGain), work.FinalMean, work.FinalRstd,
                dResidual, false, Gradient(offsets.FinalNormGain), Gradient(offsets.FinalNormBias));
        }

        for (int l = config.Layers - 1; l >= 0; l--) BlockBackward(l, count);

        if (!config.TiedUnembedding) ClearGradient(offsets.Embed, (long)config.Vocabulary * d);
        ClearGradient(offsets.Positions, (long)config.ContextLength * d);
        float* dEmbedded = dResidual;
        if (config.EmbeddingNorm)
        {
            ClearGradient(offsets.EmbedNormGain, d);
            ClearGradient(offsets.EmbedNormBias, d);
            NormKernels.Backward(kind, dResidual, work.Embedded, n, d, Value(offsets.EmbedNormGain), work.EmbedMean, work.EmbedRstd,
                dHidden, false, Gradient(offsets.EmbedNormGain), Gradient(offsets.EmbedNormBias));
            dEmbedded = dHidden;
        }
        fixed (int* tokens = work.Tokens)
            EmbeddingKernels.Backward(tokens, count, t, dEmbedded, Gradient(offsets.Embed), Gradient(offsets.Positions), d);
    }

    // dResidual holds the gradient with respect to the block's output on entry and to its input on exit.
    private void BlockBackward(int l, int count)
    {
        int t = work.Length, n = count * t, d = config.DModel, m = config.DMlp, heads = config.Heads, dHead = config.DHead, hd = heads * dHead;
        var kind = config.Normalization;
        float* scratch = work.Scratch;
        float* dResidual = work.DResidual, dHidden = work.DHidden, dActivation = work.DActivation;
        var p = offsets.Layers[l];
        var a = work.Layers[l];
        var dOut = MatrixOperand.Rows(dResidual, d);

        // resid_post = resid_mid + act(norm2(resid_mid) W_in + b_in) W_out + b_out
        if (p.OutBias >= 0) RowKernels.ColumnSums(dResidual, n, d, Gradient(p.OutBias));
        Gemm.Multiply(m, d, n, MatrixOperand.Transposed(a.Post, m), dOut, Gradient(p.Out), d, false, scratch);
        var weightOutT = MatrixOperand.Transposed(Value(p.Out), d);
        if (config.Activation == ActivationKind.Relu)
        {
            // ReLU′ from the forward output (post > 0 exactly where pre > 0); b_in's gradient summed on the way.
            ClearGradient(p.InBias, m);
            Gemm.Multiply(n, m, d, dOut, weightOutT, dActivation, m, false, scratch, GemmEpilogue.ReluMask(a.Post, m, Gradient(p.InBias)));
        }
        else
        {
            Gemm.Multiply(n, m, d, dOut, weightOutT, dActivation, m, false, scratch);
            GeluKernels.Backward(a.Pre, dActivation, n, m, Gradient(p.InBias));
        }
        Gemm.Multiply(d, m, n, MatrixOperand.Transposed(a.H2, d), MatrixOperand.Rows(dActivation, m), Gradient(p.In), m, false, scratch);
        Gemm.Multiply(n, d, m, MatrixOperand.Rows(dActivation, m), MatrixOperand.Transposed(Value(p.In), m), dHidden, d, false, scratch);
        ClearGradient(p.Norm2Gain, d);
        ClearGradient(p.Norm2Bias, d);
        NormKernels.Backward(kind, dHidden, a.Mid, n, d, Value(p.Norm2Gain), a.Mean2, a.Rstd2, dResidual, true, Gradient(p.Norm2Gain), Gradient(p.Norm2Bias));

        // resid_mid = resid_pre + attention(norm1(resid_pre)) W_O + b_O
        if (p.OutputBias >= 0) RowKernels.ColumnSums(dResidual, n, d, Gradient(p.OutputBias));
        Gemm.Multiply(hd, d, n, MatrixOperand.Transposed(a.Z, hd), dOut, Gradient(p.Output), d, false, scratch);
        Gemm.Multiply(n, hd, d, dOut, MatrixOperand.Transposed(Value(p.Output), d), work.DZ, hd, false, scratch);
        AttentionKernels.Backward(a.Qkv, a.Pattern, work.DZ, work.DQkv, count, t, heads, dHead, scale);
        if (p.QueryBias >= 0)
        {
            RowKernels.ColumnSums(work.DQkv, n, 3 * hd, work.DPackedBias);
            new ReadOnlySpan<float>(work.DPackedBias, hd).CopyTo(new Span<float>(Gradient(p.QueryBias), hd));
            new ReadOnlySpan<float>(work.DPackedBias + hd, hd).CopyTo(new Span<float>(Gradient(p.KeyBias), hd));
            new ReadOnlySpan<float>(work.DPackedBias + 2 * hd, hd).CopyTo(new Span<float>(Gradient(p.ValueBias), hd));
        }
        Gemm.Multiply(d, 3 * hd, n, MatrixOperand.Transposed(a.H1, d), MatrixOperand.Rows(work.DQkv, 3 * hd), work.DPackedQkv, 3 * hd, false, scratch);
        QkvPacking.Unpack(work.DPackedQkv, Gradient(p.Query), Gradient(p.Key), Gradient(p.Value), heads, d, dHead);
        Gemm.Multiply(n, d, 3 * hd, MatrixOperand.Rows(work.DQkv, 3 * hd), MatrixOperand.Transposed(a.PackedQkv, 3 * hd), dHidden, d, false, scratch);
        ClearGradient(p.Norm1Gain, d);
        ClearGradient(p.Norm1Bias, d);
        NormKernels.Backward(kind, dHidden, work.Residual(l), n, d, Value(p.Norm1Gain), a.Mean1, a.Rstd1, dResidual, true, Gradient(p.Norm1Gain), Gradient(p.Norm1Bias));
    }
}
