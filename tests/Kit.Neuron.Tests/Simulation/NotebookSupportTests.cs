using Kit.Neuron.Cells;
using Kit.Neuron.Mechanisms;
using Kit.Neuron.Morphology;
using Kit.Neuron.Simulation;

namespace Kit.Neuron.Tests.Simulation;

/// <summary>The pieces the S1 notebook wires: morphology fallback, protocol reference files, protocols on any cell.</summary>
public sealed class NotebookSupportTests
{
    [Fact]
    public void WithoutCell1TheSyntheticCellIsUsedAndSaidSo()
    {
        var root = Directory.CreateTempSubdirectory("kit-root-").FullName;
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
        var step = L5pcProtocols.CurrentStep(
            cell,
            ampNa: 1.0,
            delayMs: 20,
            durationMs: 60,
            stopMs: 100
        );
        Assert.Equal(4001, step.SomaMv.Length);
        Assert.NotEmpty(step.SomaSpikeTimesMs); // 1 nA into a soma of this size fires
        Assert.All(step.SomaSpikeTimesMs, t => Assert.InRange(t, 20, 100));
        Assert.True(step.SomaMv[..800].Max() < -60, "no spike before the step");
    }
}
