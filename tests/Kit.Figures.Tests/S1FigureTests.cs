using System.Text.Json;
using Kit.Core;
using Kit.Figures.S1;
using Kit.Neuron.Simulation;
using Kit.Tests.Shared;

namespace Kit.Figures.Tests;

/// <summary>Supplementary figure S1: its config, the NEURON reference it reads, metrics.json, the panels.</summary>
public class S1FigureTests
{
    [Fact]
    public void MetricsJsonKeepsItsKeysAndHasNoPaperObject()
    {
        var m = new S1Metrics("smoke", "Hay2011 (cell1.asc)", 9, 9, 0.318, [2, 0, 3], 1000, 2);
        using var json = JsonDocument.Parse(m.ToJson());
        Assert.Equal(
            [
                "profile",
                "morphology",
                "current_step_spikes",
                "current_step_spikes_neuron",
                "current_step_max_spike_time_error_ms",
                "bac_soma_spikes",
                "random_input_ms",
                "random_input_output_spikes",
            ],
            json.RootElement.EnumerateObject().Select(p => p.Name)
        );
        Assert.Equal(3, json.RootElement.GetProperty("bac_soma_spikes")[2].GetInt32());
        Assert.Empty(m.CompareWithPaper());
    }

    [Fact]
    public void TheSyntheticCellRunsEveryStepWithoutAReference()
    {
        var cfg = S1Config.Smoke with
        {
            CurrentStep = CurrentStepProtocol.Hay2011 with
            {
                DelayMs = 20,
                DurationMs = 60,
                StopMs = 100,
            },
            Bac = BacFiringProtocol.Hay2011 with
            {
                PulseStartMs = 20,
                EpscStartMs = 25,
                StopMs = 60,
            },
            RandomInputMs = 50,
        };
        var synthetic = new Kit.Neuron.Morphology.NotebookMorphology(
            Kit.Neuron.Morphology.Morphologies.Synthetic(),
            "synthetic (cell1.asc not found)",
            "test"
        );
        var cells = S1Experiment.Cells(cfg, synthetic);
        Assert.False(cells.IsHay2011);
        var reference = S1Experiment.Reference(cfg, cells, referenceDirectory: null);
        Assert.Null(reference.CurrentStep);
        Assert.Contains("no NEURON reference traces for this cell", reference.Note);

        var step = S1Experiment.CurrentStep(cfg, cells);
        var bac = S1Experiment.BacFiring(cfg, cells);
        var (input, random) = S1Experiment.RandomInput(cfg, cells, Progress.None);
        Assert.Equal(4001, step.SomaMv.Length); // 100 ms at 0.025 ms
        Assert.Equal(
            ["soma_pulse_only", "distal_epsc_only", "soma_pulse_plus_distal_epsc"],
            bac.Select(b => b.Name)
        );
        Assert.Equal(401, random.SomaMv.Length); // 50 ms at 0.125 ms
        Assert.All(input.SpikeTimesMs, t => Assert.InRange(t, 0, 49));

        var m = S1Experiment.Metrics(cfg, cells, step, bac, random, reference);
        Assert.Equal(step.SomaSpikeTimesMs.Length, m.CurrentStepSpikes);
        Assert.Null(m.CurrentStepSpikesNeuron);
        Assert.Null(m.CurrentStepMaxSpikeTimeErrorMs);

        var panels = new[]
        {
            S1Figure.Morphology(cells),
            S1Figure.CurrentStep(cfg, step, reference),
        }
            .Concat(S1Figure.BacFiring(cfg, bac, reference))
            .Append(S1Figure.InputRaster(cfg, input))
            .Append(S1Figure.RandomInputVoltage(random))
            .Select(p => p.Name);
        Assert.Equal(
            [
                "a-morphology",
                "b-current-step",
                "c-bac-soma-pulse-only",
                "c-bac-distal-epsc-only",
                "c-bac-soma-pulse-plus-distal-epsc",
                "d-input-raster",
                "e-random-input-voltage",
            ],
            panels
        );
    }

    [SkippableFact]
    public void NeuronsRunsAreReadOnlyForTheProtocolsNeuronRan()
    {
        var step = SharedData.RequireFile("reference/neuron/protocols/b_current_step.json");
        var cell1 = SharedData.RequireFile("morphologies/cell1.asc");
        var dir = Path.GetDirectoryName(step)!;
        var morphology = new Kit.Neuron.Morphology.NotebookMorphology(
            Kit.Neuron.Morphology.Morphology.Load(cell1),
            "Hay2011 (cell1.asc)",
            cell1
        );
        // The reference is read before any cell is simulated: building cells is not needed for this check.
        var cells = new S1Cells(morphology, null!, null!);
        var reference = S1Experiment.Reference(S1Config.Smoke, cells, dir);
        Assert.Equal(9, reference.CurrentStep!.SomaSpikeTimesMs.Length); // NEURON, fixed dt 0.001
        Assert.Equal(
            ["distal_epsc_only", "soma_pulse_only", "soma_pulse_plus_distal_epsc"],
            reference.Bac.Keys.Order()
        );
        Assert.Equal(
            [2, 0, 3],
            new[] { "soma_pulse_only", "distal_epsc_only", "soma_pulse_plus_distal_epsc" }.Select(
                k => reference.Bac[k].SomaSpikeTimesMs.Length
            )
        );

        var changed = S1Config.Smoke with
        {
            CurrentStep = CurrentStepProtocol.Hay2011 with { AmpNa = 0.6 },
        };
        var none = S1Experiment.Reference(changed, cells, dir);
        Assert.Null(none.CurrentStep);
        Assert.Contains("protocols differ", none.Note);
    }

    [Fact]
    public void ConfigJsonKeepsTheProtocolsAndTheWindow()
    {
        using var json = JsonDocument.Parse(JsonSerializer.Serialize(S1Config.Course));
        Assert.Equal(
            1.0,
            json.RootElement.GetProperty("CurrentStep").GetProperty("AmpNa").GetDouble()
        );
        Assert.Equal(
            150,
            json.RootElement.GetProperty("BacWindow").GetProperty("FromMs").GetDouble()
        );
        Assert.Equal(6000, json.RootElement.GetProperty("RandomInputMs").GetInt32());
        Assert.Throws<ArgumentException>(() => new TimeWindow(300, 150).ToRange());
    }
}
