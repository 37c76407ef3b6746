namespace Kit.Neuron.Morphology;

/// <summary>
/// How a reconstruction becomes a <see cref="Morphology"/>. The default, <see cref="HayTemplate"/>, is what the
/// Hay 2011 template does after NEURON's Import3d (docs/l5pc/morphology.md, "Axon replacement", "nseg rule"): the
/// reconstructed axon is discarded and replaced by two 30 µm × 1 µm cylinders, and every section gets
/// <c>nseg = 1 + 2·floor(L/40 µm)</c>.
/// </summary>
/// <param name="ReplaceAxonWithStub">Discard reconstructed axon sections and add the two stub sections.</param>
/// <param name="StubAxonLengthUm">Length of each stub section (µm).</param>
/// <param name="StubAxonDiameterUm">Diameter of the stub sections (µm).</param>
/// <param name="Float32Points">Round 3-D point coordinates and diameters to 32-bit floats, as NEURON stores them
/// (lengths and areas then agree with NEURON to ~1e-7 instead of ~1e-5 relative).</param>
public sealed record ImportOptions(
    bool ReplaceAxonWithStub = true,
    double StubAxonLengthUm = 30,
    double StubAxonDiameterUm = 1,
    bool Float32Points = true
)
{
    /// <summary>The Hay 2011 template (docs/l5pc/morphology.md): stub axon, Hay nseg rule.</summary>
    public static ImportOptions HayTemplate { get; } = new();

    /// <summary>Plain Import3d: the reconstructed axon is kept; Hay nseg rule.</summary>
    public static ImportOptions KeepAxon { get; } = new(ReplaceAxonWithStub: false);
}
