namespace LmOrganisms.Probing;

/// <summary>Validation of the arguments of <see cref="ISequenceModel.NextTokenLaws"/>, shared by the implementations.</summary>
internal static class SequenceInput
{
    public static void Check(ISequenceModel model, ReadOnlySpan<int> tokens, int count, int length)
    {
        if (count < 0) throw new ArgumentException($"count is {count}; expected at least 0.", nameof(count));
        if (length < 1) throw new ArgumentException($"length is {length}; expected at least 1 token per sequence.", nameof(length));
        if (length > model.ContextLength)
            throw new ArgumentException(
                $"Sequences of {length} tokens exceed the model's context of {model.ContextLength} tokens.", nameof(length));
        if ((long)count * length != tokens.Length)
            throw new ArgumentException(
                $"{tokens.Length} tokens given for {count} sequences of {length}; expected {(long)count * length}.", nameof(tokens));
        if ((long)count * length * model.Vocabulary > Array.MaxLength)
            throw new ArgumentException(
                $"{count} sequences × {length} positions × {model.Vocabulary} tokens exceed the largest array; pass fewer sequences at a time.",
                nameof(count));
        for (int i = 0; i < tokens.Length; i++)
            if ((uint)tokens[i] >= (uint)model.Vocabulary)
                throw new ArgumentException(
                    $"Token {tokens[i]} at row {i / length}, position {i % length} is outside the vocabulary of {model.Vocabulary} tokens.",
                    nameof(tokens));
    }
}
