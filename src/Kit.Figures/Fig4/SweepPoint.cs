using System.Globalization;
using System.Text.Json.Serialization;
using Kit.Neuron.Cells;

namespace Kit.Figures.Fig4;

/// <summary>
/// One network of the complexity sweep (figure 4): the synapses of the cell it learns, and its depth, width and
/// history. The kernels follow from depth and history by <see cref="KernelsFor"/>, so these four numbers name the
/// network (and, with the figure's base config, its training's cache entry).
/// </summary>
/// <param name="Synapses">AMPA+NMDA (figure 2's cell) or AMPA only (figure 3's cell).</param>
/// <param name="Depth">Hidden layers (1 = the paper's one-hidden-layer FCN).</param>
/// <param name="Width">Units per hidden layer.</param>
/// <param name="HistoryMs">Receptive field T in ms: Σ (kernel − 1) + 1.</param>
public sealed record SweepPoint(ExcitatorySynapseKind Synapses, int Depth, int Width, int HistoryMs)
{
    /// <summary>The kernels of this network (ms), first layer first.</summary>
    [JsonIgnore]
    public int[] KernelSizesMs => KernelsFor(Depth, HistoryMs);

    /// <summary>The synapse type as the table writes it: <c>nmda</c> (AMPA+NMDA) or <c>ampa</c>.</summary>
    [JsonIgnore]
    public string SynapsesName => NameOf(Synapses);

    /// <summary>A short label, e.g. <c>nmda 7x64 T153</c>.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{SynapsesName} {Depth}x{Width} T{HistoryMs}");

    /// <summary><c>nmda</c> for AMPA+NMDA, <c>ampa</c> for AMPA only.</summary>
    public static string NameOf(ExcitatorySynapseKind synapses) =>
        synapses == ExcitatorySynapseKind.AmpaNmda ? "nmda" : "ampa";

    /// <summary>The synapse kind of a table name (<c>nmda</c>, <c>ampa</c>).</summary>
    /// <exception cref="FormatException">Any other name.</exception>
    public static ExcitatorySynapseKind ParseSynapses(string name) =>
        name switch
        {
            "nmda" => ExcitatorySynapseKind.AmpaNmda,
            "ampa" => ExcitatorySynapseKind.Ampa,
            _ => throw new FormatException($"synapses \"{name}\" is neither nmda nor ampa"),
        };

    /// <summary>
    /// Kernels of <paramref name="depth"/> layers spanning <paramref name="historyMs"/> ms, shaped as the paper's
    /// TCN (kernels 54, 17, 17, 17, 18, 18, 18 at T = 153 ms): the first layer takes 35 % of the history's T − 1
    /// steps (the paper's 53 of 152), the other layers share the rest evenly, the rounding remainder going to the
    /// last layers. One layer: a kernel of T. 7 layers at T = 153 give the paper's kernels exactly, so figure 2's
    /// network is the sweep point (nmda, 7, width, 153) and its cached training is reused.
    /// </summary>
    /// <exception cref="ArgumentException">Depth below 1, or a history shorter than the depth.</exception>
    public static int[] KernelsFor(int depth, int historyMs)
    {
        if (depth < 1)
            throw new ArgumentException($"depth {depth} must be at least 1");
        if (historyMs < depth)
            throw new ArgumentException(
                $"history {historyMs} ms is shorter than {depth} layers can span (at least 1 ms each)"
            );
        int steps = historyMs - 1;
        if (depth == 1)
            return [historyMs];
        int first = (int)Math.Round(steps * 0.35, MidpointRounding.AwayFromZero);
        int rest = steps - first,
            others = depth - 1;
        var kernels = new int[depth];
        kernels[0] = first + 1;
        for (int i = 0; i < others; i++)
            // The remainder of rest / others goes to the last layers.
            kernels[1 + i] = rest / others + (i >= others - rest % others ? 1 : 0) + 1;
        return kernels;
    }
}
