using System.Text.Json;
using Kit.Figures.Fig1;
using Kit.Plots;
using Kit.Plots.Tests;

namespace Kit.Figures.Tests;

/// <summary>Figure 1's panel assembly: the nine panels in paper order with the figure's own legends.</summary>
public class Fig1FigureTests
{
    private static Fig1Data Data()
    {
        var d = SyntheticPanels.Make();
        return new Fig1Data(
            d.InputChannels,
            d.InputTimesMs,
            d.ExcitatoryChannels,
            d.TotalChannels,
            d.TrueMv,
            d.PredMv,
            d.TrueSpikeTimesMs,
            d.SpikeProbability,
            d.StartMs,
            d.WindowMs,
            d.ZoomMs,
            d.FilterWeights,
            d.CrossSectionLagsMs,
            d.MeanExcitatoryFilter,
            d.MeanInhibitoryFilter,
            d.Fit,
            d.Roc,
            d.CrossCorrelationLagsMs,
            d.CrossCorrelation,
            d.ScatterMaxPoints,
            d.Seed
        );
    }

    [Fact]
    public void PanelsAreTheNineOfThePaperInOrder()
    {
        var all = Fig1Figure.Panels(Data());
        Assert.Equal(
            [
                "a-input-raster",
                "b-voltage",
                "b-voltage-zoom",
                "b-spike-probability",
                "c-filter-heatmap",
                "d-filter-cross-sections",
                "e-roc",
                "f-cross-correlation",
                "g-voltage-scatter",
            ],
            all.Select(p => p.Name)
        );
        Assert.All(all, p => Assert.NotNull(ChartExport.SizeOf(p.Chart)));
    }

    [Fact]
    public void VoltagePanelsNameTheNeuronAndTheNetwork()
    {
        var voltage = Fig1Figure.Panels(Data()).Single(p => p.Name == "b-voltage");
        using var fig = JsonDocument.Parse(ChartJson.ToFigureJson(voltage.Chart));
        var names = fig
            .RootElement.GetProperty("data")
            .EnumerateArray()
            .Select(t => t.GetProperty("name").GetString());
        Assert.Equal([Fig1Figure.NeuronName, Fig1Figure.NetworkName], names);
        Assert.Equal("I&F neuron", Fig1Figure.NeuronName);
    }

    [Fact]
    public void PicksTheSimulationNearestTheMedianWithEnoughSpikes()
    {
        Assert.Equal(2, Fig1Figure.PickSimulation([0, 1, 5, 9, 4]));
        Assert.Equal(2, Fig1Figure.PickSimulation([0, 2, 1])); // none has 3 spikes: the median count, 1
        Assert.Throws<ArgumentException>(() => Fig1Figure.PickSimulation([]));
    }
}
