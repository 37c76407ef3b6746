using Kit.Neuron.Cells;
using Kit.Neuron.Mechanisms;
using Kit.Neuron.Morphology;
using Kit.Neuron.Simulation;
using Kit.Tests.Shared;

namespace Kit.Neuron.Tests.Simulation;

/// <summary>The pieces the S1 notebook wires: morphology fallback, protocol reference files, protocols on any cell.</summary>
public sealed class NotebookSupportTests
{
    [SkippableFact]
    public void WithoutCell1TheSyntheticCellIsUsedAndSaidSo()
    {
        IsolatedRoot.RequireNoSharedVariable();
        using var isolated = new IsolatedRoot("kit-root-");
        var root = isolated.Path;
        var m = NotebookMorphology.Hay2011OrSynthetic(root);
        Assert.StartsWith("synthetic", m.Name);
        Assert.Contains(Path.Combine(root, "data", "morphologies"), m.Note);
        Assert.Contains("ModelDB 139653", m.Note);
    }

    [Fact]
    public void AMalformedReferenceFileNamesTheFileAndField()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("kit-ref-").FullName, "x.json");
        File.WriteAllText(path, """{"sampling_interval_ms": 0.025}""");
        var e = Assert.Throws<InvalidDataException>(() => NeuronProtocolReference.Load(path));
        Assert.Contains(path, e.Message);
        Assert.Contains("'runs'", e.Message);
        File.WriteAllText(path, "{not json");
        Assert.Contains(
            path,
            Assert.Throws<InvalidDataException>(() => NeuronProtocolReference.Load(path)).Message
        );
    }

    [Fact]
    public void ProtocolsRunOnTheSyntheticCell()
    {
        var cell = new HayL5pc(Morphologies.Synthetic(), L5pcBiophysics.Biophys5b)
        {
            WithSynapses = false,
        }.Build();
        var protocol = new CurrentStepProtocol(
            AmpNa: 1.0,
            DelayMs: 20,
            DurationMs: 60,
            StopMs: 100
        );
        var step = L5pcProtocols.CurrentStep(cell, protocol);
        Assert.Equal(4001, step.SomaMv.Length);
        // 1 nA into a soma of this size fires repetitively, only while the step is on (20-80 ms).
        Assert.True(step.SomaSpikeTimesMs.Length >= 2, $"{step.SomaSpikeTimesMs.Length} spikes");
        Assert.All(step.SomaSpikeTimesMs, t => Assert.InRange(t, 20, 81));
        Assert.True(step.SomaMv[..800].Max() < -60, "no spike before the step");
        // Without a step the same cell stays at rest: the spikes are the step's.
        var rest = L5pcProtocols.CurrentStep(cell, protocol with { AmpNa = 0 });
        Assert.Empty(rest.SomaSpikeTimesMs);
    }

    [Fact]
    public void AnInvalidProtocolIsRefusedNamingTheField()
    {
        var e = Assert.Throws<ArgumentException>(() =>
            new BacFiringProtocol(EpscRiseMs: 5, EpscDecayMs: 0.5).Validate()
        );
        Assert.Contains("EpscRiseMs", e.Message);
        Assert.Throws<ArgumentException>(() => new CurrentStepProtocol(DurationMs: 0).Validate());
    }
}
