using Kit.Neuron.Morphology;
using Kit.Neuron.Simulation;

namespace Kit.Neuron.Cells;

/// <summary>A uniformly passive cell (leak only, no synapses): the analytic test bed of the engine.</summary>
public static class PassiveCell
{
    /// <summary>Builds a passive <see cref="CellModel"/> on <paramref name="morphology"/>.</summary>
    /// <param name="morphology">Morphology; node 0 of the tree (the soma's first segment) is the soma node.</param>
    /// <param name="cmUfPerCm2">Specific capacitance (µF/cm²).</param>
    /// <param name="gPasSPerCm2">Leak conductance (S/cm²).</param>
    /// <param name="ePasMv">Leak reversal (mV); also the initial potential.</param>
    /// <param name="raOhmCm">Axial resistivity (Ω·cm).</param>
    public static CellModel Build(
        Morphology.Morphology morphology,
        double cmUfPerCm2 = 1,
        double gPasSPerCm2 = 1e-4,
        double ePasMv = -70,
        double raOhmCm = 100
    )
    {
        var tree = CompartmentTree.Build(Discretization.Build(morphology, raOhmCm));
        int n = tree.Nodes;
        var cm = new double[n];
        var g = new double[n];
        var e = new double[n];
        for (int k = 0; k < n; k++)
            if (tree.HasMembrane(k))
            {
                cm[k] = cmUfPerCm2;
                g[k] = gPasSPerCm2;
                e[k] = ePasMv;
            }
        var model = new CellModel(
            $"passive ({morphology.SourceName})",
            tree,
            [.. cm],
            [.. g],
            [.. e],
            [],
            [],
            []
        )
        {
            VInitMv = ePasMv,
            SomaNode = 0,
        };
        model.Validate();
        return model;
    }
}
