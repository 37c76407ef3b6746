using Kit.Neuron.Morphology;
using Plotly.NET;

namespace Kit.Plots;

/// <summary>
/// A first-layer filter of an L5PC network read by synapse region (<see cref="SynapseRegions"/>), as in the paper's
/// figure 2: the mean filter per region against lag (<see cref="Create"/>: excitatory solid, inhibitory dashed, one
/// colour per region, <see cref="SynapseRegionStyle"/>) and the spatio-temporal image with the channels ordered
/// basal, oblique, tuft, excitatory then inhibitory (<see cref="Heatmap"/>).
/// <para>
/// Weights come as the kit's networks give them for one unit (<c>CausalNet.FirstLayerWeights</c>[unit, ·, ·], or
/// averaged over units with <see cref="MeanOverUnits"/>): [channel, tap], tap K − 1 = lag 0 (the current bin), tap 0
/// = lag K − 1. Channel c is described by <c>channelRegions[c]</c> and <c>channelIsExcitatory[c]</c>
/// (<see cref="SynapseRegions.ChannelRegions"/>, <see cref="SynapseRegions.ChannelIsExcitatory"/>).
/// </para>
/// </summary>
public static class RegionFilterPanel
{
    /// <summary>
    /// The mean filter of each non-empty (region, sign) group by lag, in the order basal E, basal I, oblique E,
    /// oblique I, tuft E, tuft I.
    /// </summary>
    /// <param name="weights">Filter, [channel, tap], tap K − 1 = lag 0.</param>
    /// <param name="channelRegions">Region of each channel.</param>
    /// <param name="channelIsExcitatory">True for each excitatory channel.</param>
    public static IReadOnlyList<RegionMeanFilter> Means(
        double[,] weights,
        IReadOnlyList<SynapseRegion> channelRegions,
        IReadOnlyList<bool> channelIsExcitatory
    )
    {
        Check(weights, channelRegions, channelIsExcitatory);
        int channels = weights.GetLength(0),
            taps = weights.GetLength(1);
        var result = new List<RegionMeanFilter>();
        foreach (var region in SynapseRegionStyle.Order)
        foreach (bool excitatory in new[] { true, false })
        {
            var members = Enumerable
                .Range(0, channels)
                .Where(c => channelRegions[c] == region && channelIsExcitatory[c] == excitatory)
                .ToArray();
            if (members.Length == 0)
                continue;
            var byLag = new double[taps];
            for (int lag = 0; lag < taps; lag++)
            {
                int k = taps - 1 - lag;
                double sum = 0;
                foreach (int c in members)
                    sum += weights[c, k];
                byLag[lag] = sum / members.Length;
            }
            result.Add(new RegionMeanFilter(region, excitatory, members.Length, byLag));
        }
        return result;
    }

    /// <summary>
    /// The mean filter per region against lag: one colour per region, excitatory solid, inhibitory dashed, named
    /// e.g. <c>basal E (262)</c> with the number of channels averaged.
    /// </summary>
    /// <param name="weights">Filter, [channel, tap], tap K − 1 = lag 0.</param>
    /// <param name="channelRegions">Region of each channel.</param>
    /// <param name="channelIsExcitatory">True for each excitatory channel.</param>
    /// <param name="binMs">Time bin of one tap, ms (the networks' 1 ms).</param>
    /// <param name="size">Panel size, default one column by 60 mm.</param>
    /// <param name="title">Panel title, or null for none.</param>
    public static GenericChart Create(
        double[,] weights,
        IReadOnlyList<SynapseRegion> channelRegions,
        IReadOnlyList<bool> channelIsExcitatory,
        double binMs = 1,
        PanelSize? size = null,
        string? title = null
    )
    {
        var means = Means(weights, channelRegions, channelIsExcitatory);
        var lags = Lags(weights.GetLength(1), binMs);
        var traces = means
            .Select(m =>
                Traces.Line(
                    PanelInput.Opt(lags),
                    PanelInput.Opt(m.ByLag),
                    $"{SynapseRegionStyle.Name(m.Region)} {(m.Excitatory ? "E" : "I")} ({m.Channels})",
                    SynapseRegionStyle.Color(m.Region),
                    dash: m.Excitatory ? "solid" : "dash"
                )
            )
            .ToArray();
        return PaperStyle.Apply(
            Traces.Chart(traces),
            size ?? PaperStyle.OneColumn(60),
            title,
            LegendPlacement.TopRight,
            ("xaxis", PaperStyle.Axis("time before t (ms)")),
            ("yaxis", PaperStyle.Axis("mean weight"))
        );
    }

    /// <summary>
    /// The spatio-temporal image of one unit's filter (<see cref="FilterHeatmapPanel"/>, lag 0 on the left) with the
    /// channels in bands basal E, oblique E, tuft E, basal I, oblique I, tuft I (empty bands left out), a dotted line
    /// between bands and the band names on the y axis.
    /// </summary>
    /// <param name="weights">Filter, [channel, tap], tap K − 1 = lag 0.</param>
    /// <param name="channelRegions">Region of each channel.</param>
    /// <param name="channelIsExcitatory">True for each excitatory channel.</param>
    /// <param name="channelOrder">
    /// The channels from the bottom row up, grouped as above (e.g. <see cref="SynapseRegions.ChannelOrder"/> with
    /// <c>byDistance: true</c>); default: by group, in channel order within a group.
    /// </param>
    /// <param name="binMs">Time bin of one tap, ms.</param>
    /// <param name="size">Panel size, default one column by 80 mm.</param>
    /// <param name="title">Panel title.</param>
    public static GenericChart Heatmap(
        double[,] weights,
        IReadOnlyList<SynapseRegion> channelRegions,
        IReadOnlyList<bool> channelIsExcitatory,
        IReadOnlyList<int>? channelOrder = null,
        double binMs = 1,
        PanelSize? size = null,
        string title = "learned filter by region"
    )
    {
        Check(weights, channelRegions, channelIsExcitatory);
        int channels = weights.GetLength(0),
            taps = weights.GetLength(1);
        int Group(int c) =>
            (channelIsExcitatory[c] ? 0 : 3) + IndexOf(SynapseRegionStyle.Order, channelRegions[c]);
        int[] order;
        if (channelOrder is null)
            order = [.. Enumerable.Range(0, channels).OrderBy(Group).ThenBy(c => c)];
        else
        {
            order = [.. channelOrder];
            CheckOrder(order, channels, Group);
        }
        var rows = new double[channels, taps];
        for (int r = 0; r < channels; r++)
        for (int lag = 0; lag < taps; lag++)
            rows[r, lag] = weights[order[r], taps - 1 - lag];
        var bands = new List<ChannelBand>();
        foreach (bool excitatory in new[] { true, false })
        foreach (var region in SynapseRegionStyle.Order)
            bands.Add(
                new ChannelBand(
                    $"{SynapseRegionStyle.Name(region)} {(excitatory ? "E" : "I")}",
                    order.Count(c =>
                        channelRegions[c] == region && channelIsExcitatory[c] == excitatory
                    )
                )
            );
        return FilterHeatmapPanel.Create(
            rows,
            bands,
            Lags(taps, binMs),
            size ?? PaperStyle.OneColumn(80),
            title
        );
    }

    /// <summary>
    /// The first-layer filters averaged over units: [unit, channel, tap] (as <c>CausalNet.FirstLayerWeights</c>
    /// gives them) to [channel, tap]. Units are averaged as they are; flip sign-ambiguous units first if needed.
    /// </summary>
    public static double[,] MeanOverUnits(double[,,] firstLayerWeights)
    {
        ArgumentNullException.ThrowIfNull(firstLayerWeights);
        int units = firstLayerWeights.GetLength(0),
            channels = firstLayerWeights.GetLength(1),
            taps = firstLayerWeights.GetLength(2);
        if (units == 0)
            throw new ArgumentException(
                "firstLayerWeights has no units",
                nameof(firstLayerWeights)
            );
        var mean = new double[channels, taps];
        for (int u = 0; u < units; u++)
        for (int c = 0; c < channels; c++)
        for (int k = 0; k < taps; k++)
            mean[c, k] += firstLayerWeights[u, c, k] / units;
        return mean;
    }

    private static double[] Lags(int taps, double binMs)
    {
        if (!(binMs > 0) || !double.IsFinite(binMs))
            throw new ArgumentOutOfRangeException(
                nameof(binMs),
                binMs,
                "the time bin must be positive"
            );
        return [.. Enumerable.Range(0, taps).Select(l => l * binMs)];
    }

    private static int IndexOf(IReadOnlyList<SynapseRegion> order, SynapseRegion region)
    {
        for (int i = 0; i < order.Count; i++)
            if (order[i] == region)
                return i;
        throw new ArgumentOutOfRangeException(nameof(region), region, "not a synapse region");
    }

    private static void Check(
        double[,] weights,
        IReadOnlyList<SynapseRegion> channelRegions,
        IReadOnlyList<bool> channelIsExcitatory
    )
    {
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(channelRegions);
        ArgumentNullException.ThrowIfNull(channelIsExcitatory);
        int channels = weights.GetLength(0),
            taps = weights.GetLength(1);
        if (channels == 0 || taps == 0)
            throw new ArgumentException($"weights is empty ({channels} x {taps})", nameof(weights));
        if (channelRegions.Count != channels)
            throw new ArgumentException(
                $"channelRegions has {channelRegions.Count} values but weights has {channels} channels",
                nameof(channelRegions)
            );
        if (channelIsExcitatory.Count != channels)
            throw new ArgumentException(
                $"channelIsExcitatory has {channelIsExcitatory.Count} values but weights has {channels} channels",
                nameof(channelIsExcitatory)
            );
        for (int c = 0; c < channels; c++)
            if (!Enum.IsDefined(channelRegions[c]))
                throw new ArgumentOutOfRangeException(
                    nameof(channelRegions),
                    $"channelRegions[{c}] = {(int)channelRegions[c]} is not a synapse region"
                );
    }

    private static void CheckOrder(int[] order, int channels, Func<int, int> group)
    {
        if (order.Length != channels)
            throw new ArgumentException(
                $"channelOrder has {order.Length} values but weights has {channels} channels",
                "channelOrder"
            );
        var seen = new bool[channels];
        for (int r = 0; r < channels; r++)
        {
            int c = order[r];
            if ((uint)c >= (uint)channels || seen[c])
                throw new ArgumentException(
                    $"channelOrder[{r}] = {c} is out of range or repeated: it must be a permutation of 0..{channels - 1}",
                    "channelOrder"
                );
            seen[c] = true;
            if (r > 0 && group(c) < group(order[r - 1]))
                throw new ArgumentException(
                    $"channelOrder[{r}] = {c} breaks the grouping basal, oblique, tuft (E), then the same (I)",
                    "channelOrder"
                );
        }
    }
}
