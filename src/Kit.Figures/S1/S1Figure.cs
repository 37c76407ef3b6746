using Kit.Neuron.Inputs;
using Kit.Neuron.Simulation;
using Kit.Plots;

namespace Kit.Figures.S1;

/// <summary>
/// The panels of supplementary figure S1: the morphology by region, the current step, the three BAC conditions,
/// the random input and the voltage it drives; NEURON's runs dashed where they apply.
/// </summary>
public static class S1Figure
{
    /// <summary>Panel a: the morphology, one colour per region.</summary>
    public static NamedChart Morphology(S1Cells cells) =>
        new("a-morphology", MorphologyPanel.Create(cells.Morphology.Morphology));

    /// <summary>Panel b: soma and nexus during the current step, NEURON's soma dashed.</summary>
    public static NamedChart CurrentStep(S1Config config, ProtocolRun step, S1Reference reference)
    {
        var series = new List<VoltageSeries>
        {
            new("kit soma", step.SomaMv, step.DtMs, PaperStyle.Truth),
            new("kit nexus", step.NexusMv, step.DtMs, PaperStyle.Excitatory),
        };
        if (reference.CurrentStep is { } r)
            series.Add(new("NEURON soma", r.SomaMv, r.DtMs, PaperStyle.Reference, "dash"));
        var title = FormattableString.Invariant(
            $"{config.CurrentStep.AmpNa:0.###} nA somatic current step"
        );
        return new("b-current-step", VoltageTracePanel.Series(title, series));
    }

    /// <summary>Panels c: one per BAC condition, soma and nexus, NEURON's nexus dashed.</summary>
    public static IReadOnlyList<NamedChart> BacFiring(
        S1Config config,
        IReadOnlyList<ProtocolRun> bac,
        S1Reference reference
    ) =>
        [
            .. bac.Select(run =>
            {
                var series = new List<VoltageSeries>
                {
                    new("kit soma", run.SomaMv, run.DtMs, PaperStyle.Truth),
                    new("kit nexus", run.NexusMv, run.DtMs, PaperStyle.Excitatory),
                };
                if (reference.Bac.TryGetValue(run.Name, out var r))
                    series.Add(
                        new("NEURON nexus", r.NexusMv, r.DtMs, PaperStyle.Reference, "dash")
                    );
                return new NamedChart(
                    $"c-bac-{run.Name.Replace('_', '-')}",
                    VoltageTracePanel.Series(
                        run.Name.Replace('_', ' '),
                        series,
                        config.BacWindow.ToRange(),
                        PaperStyle.OneColumn(50)
                    )
                );
            }),
        ];

    /// <summary>Panel d: the random input's spikes, excitatory synapses below inhibitory ones.</summary>
    public static NamedChart InputRaster(S1Config config, L5pcInput input) =>
        new(
            "d-input-raster",
            SpikeRasterPanel.Create(
                [.. input.SpikeChannels],
                [.. input.SpikeTimesMs],
                input.Segments,
                2 * input.Segments,
                (0, config.RandomInputMs)
            )
        );

    /// <summary>Panel e: soma and nexus under the random input.</summary>
    public static NamedChart RandomInputVoltage(ProtocolRun random) =>
        new(
            "e-random-input-voltage",
            VoltageTracePanel.Series(
                "soma and nexus under random input",
                [
                    new("soma", random.SomaMv, random.DtMs, PaperStyle.Truth),
                    new("nexus", random.NexusMv, random.DtMs, PaperStyle.Excitatory),
                ]
            )
        );
}
