namespace LmOrganisms.Samples.TaskEcologies;

/// <summary>
/// One point of the static injection sweep of <see cref="RescueExperiment"/>: the base organism post-trained with
/// labelled (evaluation-type) sequences in proportion α. Every loss is exact (all bodies enumerated), in nats.
/// </summary>
/// <param name="Alpha">Injection weight α.</param>
/// <param name="BodyCrossEntropy">Mean over the two worlds of the CE on token sequences (positions 1..B).</param>
/// <param name="SummaryCrossEntropy">Mean over the two worlds of −ln q(label_w | body) (the paper's summary CE).</param>
/// <param name="Separation">Behavioural separation of the pair: JS_{1/2} of the two worlds' P_w-averaged output laws at
/// the summary position.</param>
/// <param name="NormalisedSignal">(S(0) − S(α)) / (S(0) − S(1)) with S the summary CE (the paper's normalised captured signal).</param>
/// <param name="Resolved">True when the measured separation exceeds ε (the organism separates the pair).</param>
/// <param name="TheoryResolved">True when α &gt; α* (the injected ecology separates the pair above ε).</param>
internal sealed record RescueSweepPoint(double Alpha, double BodyCrossEntropy, double SummaryCrossEntropy, double Separation,
    double NormalisedSignal, bool Resolved, bool TheoryResolved);
