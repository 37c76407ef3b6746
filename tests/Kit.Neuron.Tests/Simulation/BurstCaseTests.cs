using Kit.Neuron.Simulation;
using Kit.Tests.Shared;
using Xunit.Abstractions;

namespace Kit.Neuron.Tests.Simulation;

/// <summary>
/// The burst case (reference/neuron/l5pc_nmda_burst_case.json): NEURON's eleven methods disagree on whether a
/// near-threshold doublet fires at 2690 ms. The kit must land where NEURON lands method for method, and its converged
/// and refined settings where CVODE lands. Spike tolerance 0.25 ms (two samples of the 0.125 ms grid); soma RMS over
/// 2400-3400 ms with both traces clipped at -40 mV (spike shapes removed). Measured values are in the comments.
/// </summary>
public sealed class BurstCaseTests(ITestOutputHelper output)
{
    private static readonly Lazy<(
        NeuronBurstCase Burst,
        Kit.Neuron.Morphology.Morphology Cell
    )> Data = new(() =>
        (
            NeuronBurstCase.Load(
                SharedData.RequireFile("reference/neuron/l5pc_nmda_burst_case.json")
            ),
            Kit.Neuron.Morphology.Morphology.Load(SharedData.RequireFile("morphologies/cell1.asc"))
        )
    );

    private BurstCaseAgreement Check(SimulationOptions options, string neuronKey)
    {
        var (burst, cell) = Data.Value;
        var run = burst.Simulate(cell, options);
        var agreement = run.CompareWith(burst, burst.Method(neuronKey));
        output.WriteLine(
            $"vs {neuronKey}: kit spikes {string.Join(", ", run.OutputSpikesMs.Where(t => t >= 2400))}; {agreement}; "
                + $"refined {run.RefinedFraction:0.000}, {run.WallSeconds:0.0} s"
        );
        return agreement;
    }

    private static void AllSpikesMatch(BurstCaseAgreement a)
    {
        Assert.Equal(a.ReferenceSpikes, a.KitSpikes);
        Assert.Equal(a.ReferenceSpikes, a.Matched);
    }

    [SkippableFact]
    public void FastLandsWhereNeuronsCrankNicolsonAtTheSameStepLands()
    {
        var a = Check(SimulationOptions.Fast, "cn0.025");
        AllSpikesMatch(a); // 10/10
        Assert.False(a.KitFiresDoublet);
        Assert.True(a.SomaRmsMv < 0.01, $"{a.SomaRmsMv} mV"); // measured 0.0001
    }

    [SkippableFact]
    public void NeuronFineLandsWhereNeuronsBackwardEulerAtTheSameStepLands()
    {
        var a = Check(SimulationOptions.NeuronFine, "fixed0.005");
        AllSpikesMatch(a); // 10/10
        Assert.False(a.KitFiresDoublet);
        Assert.True(a.SomaRmsMv < 0.01, $"{a.SomaRmsMv} mV"); // measured 0.0001
    }

    [SkippableFact]
    public void ConvergedFiresTheDoubletAndFollowsCvode()
    {
        var a = Check(SimulationOptions.Converged, NeuronBurstCase.ConvergedKey);
        Assert.True(a.KitFiresDoublet);
        AllSpikesMatch(a); // 9/9 within 0.25 ms
        Assert.True(a.SomaRmsMv < 0.1, $"{a.SomaRmsMv} mV"); // measured 0.038
    }

    [SkippableFact]
    public void RefinedFiresTheDoubletAndFollowsCvode()
    {
        var a = Check(SimulationOptions.Refined, NeuronBurstCase.ConvergedKey);
        Assert.True(a.KitFiresDoublet);
        AllSpikesMatch(a); // 9/9 within 0.25 ms
        Assert.True(a.SomaRmsMv < 0.3, $"{a.SomaRmsMv} mV"); // measured 0.147
    }

    [Fact]
    public void AMalformedFileNamesTheFileAndField()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("kit-burst-").FullName, "b.json");
        File.WriteAllText(path, """{"inputs": {"ex": {}, "inh": {}}}""");
        var e = Assert.Throws<InvalidDataException>(() => NeuronBurstCase.Load(path));
        Assert.Contains(path, e.Message);
        Assert.Contains("'t_ms_2400_3400'", e.Message);
        File.WriteAllText(
            path,
            """{"inputs": {"ex": {"x": [1]}, "inh": {}}, "t_ms_2400_3400": {"start": 0, "step": 1, "count": 1}, "methods": {}}"""
        );
        Assert.Contains(
            "not a segment index",
            Assert.Throws<InvalidDataException>(() => NeuronBurstCase.Load(path)).Message
        );
    }
}
