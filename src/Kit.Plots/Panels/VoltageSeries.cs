namespace Kit.Plots;

/// <summary>One voltage trace of a <see cref="VoltageTracePanel.Series"/> panel.</summary>
/// <param name="Name">Legend entry, e.g. "kit soma" or "NEURON nexus".</param>
/// <param name="Mv">Samples (mV), sample i at time i x <paramref name="DtMs"/>.</param>
/// <param name="DtMs">Sample interval (ms).</param>
/// <param name="Color">Line colour, e.g. <see cref="PaperStyle.Truth"/>.</param>
/// <param name="Dash">plotly.js dash style: solid, dash, dot.</param>
public sealed record VoltageSeries(
    string Name,
    double[] Mv,
    double DtMs,
    string Color,
    string Dash = "solid"
);
