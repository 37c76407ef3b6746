namespace Kit.Plots;

/// <summary>
/// A run of consecutive rows (input channels) of <see cref="FilterHeatmapPanel"/>, labelled on the y axis and
/// separated from the next band by a dotted line (e.g. <c>("oblique E", 197)</c>).
/// </summary>
/// <param name="Label">Tick label at the band's centre.</param>
/// <param name="Count">Number of rows in the band (≥ 0; empty bands are skipped).</param>
public readonly record struct ChannelBand(string Label, int Count);
