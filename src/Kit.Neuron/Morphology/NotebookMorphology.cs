using Kit.Core;

namespace Kit.Neuron.Morphology;

/// <summary>The morphology a notebook ended up with, and what it says about it in its output and metrics.</summary>
/// <param name="Morphology">The cell.</param>
/// <param name="Name">For metrics.json: "Hay2011 (cell1.asc)" or "synthetic (cell1.asc not found)".</param>
/// <param name="Note">One line for the notebook output, naming the file used or where to put cell1.asc.</param>
public sealed record NotebookMorphology(Morphology Morphology, string Name, string Note)
{
    /// <summary>The file the morphology was read from; null for the built-in synthetic cell.</summary>
    public string? SourcePath { get; init; }

    /// <summary>True when this is the built-in synthetic cell (the reconstruction was not found).</summary>
    public bool IsSynthetic => SourcePath == null;

    /// <summary>
    /// docs/architecture.md, "Morphologies": the Hay 2011 reconstruction from the catalog
    /// (<c>data/morphologies/cell1.asc</c>, SHA-256 checked), else the copy in <c>morphologies/</c> of the shared
    /// reference folder (<see cref="KitPaths.Shared"/>: <c>NEURONKIT_SHARED</c> or <c>../shared</c> beside the
    /// repository, the developers' and CI's layout), else the built-in synthetic cell, saying so. Nothing is
    /// downloaded.
    /// </summary>
    public static NotebookMorphology Hay2011OrSynthetic(string root)
    {
        var catalog = MorphologyCatalog.ExpectedPath(Morphologies.Hay2011, root);
        if (File.Exists(catalog))
            return new(
                Morphologies.LoadHay2011(root),
                "Hay2011 (cell1.asc)",
                $"morphology: {catalog}"
            )
            {
                SourcePath = catalog,
            };
        var shared = KitPaths.Shared(root) is { } dir
            ? Path.Combine(dir, "morphologies", "cell1.asc")
            : null;
        if (shared != null && File.Exists(shared))
            return new(Morphology.Load(shared), "Hay2011 (cell1.asc)", $"morphology: {shared}")
            {
                SourcePath = shared,
            };
        return new(
            Morphologies.Synthetic(),
            "synthetic (cell1.asc not found)",
            $"cell1.asc not found in {Path.GetDirectoryName(catalog)}: using the built-in synthetic L5PC-like cell. "
                + "For the Hay et al. 2011 cell put cell1.asc (ModelDB 139653, L5bPCmodelsEH/morphologies/) there."
        );
    }
}
