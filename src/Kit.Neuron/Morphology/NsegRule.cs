namespace Kit.Neuron.Morphology;

/// <summary>Segment-count rules.</summary>
public static class NsegRule
{
    /// <summary>
    /// The Hay template's rule, applied to every section (docs/l5pc/morphology.md, "nseg rule"):
    /// <c>nseg = 1 + 2·floor(L / 40 µm)</c>, always odd, about one segment per 40 µm.
    /// </summary>
    public static int Hay(double lengthUm) => 1 + 2 * (int)Math.Floor(lengthUm / 40.0);
}
