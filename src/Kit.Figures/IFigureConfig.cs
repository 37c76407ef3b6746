namespace Kit.Figures;

/// <summary>
/// The config of one figure run: an immutable record that holds everything that decides the run. Its profile
/// presets are <see cref="IFigureConfig{TSelf}"/>'s static members; a notebook tweaks one with <c>with</c>.
/// </summary>
public interface IFigureConfig
{
    /// <summary>The profile the preset came from: smoke, course or paper (<see cref="Kit.Core.Profiles"/>).</summary>
    string Profile { get; }
}

/// <summary>
/// The contract every figure's config follows (docs/architecture.md, "Figures"): a name that is both
/// its notebook (<c>notebooks/&lt;FigureName&gt;.ipynb</c>) and its output folder (<c>figures/&lt;FigureName&gt;/</c>),
/// and one preset per profile. The figure-layer tests check every implementation: presets carry their own
/// profile name, serialise to JSON (for <c>config.json</c> and cache keys), and the notebook exists.
/// </summary>
/// <typeparam name="TSelf">The config record itself.</typeparam>
public interface IFigureConfig<TSelf> : IFigureConfig
    where TSelf : IFigureConfig<TSelf>
{
    /// <summary>Notebook and output-folder name, e.g. <c>01-integrate-and-fire</c>.</summary>
    static abstract string FigureName { get; }

    /// <summary>A CI-sized run (a minute or two).</summary>
    static abstract TSelf Smoke { get; }

    /// <summary>A laptop run (the default profile).</summary>
    static abstract TSelf Course { get; }

    /// <summary>The paper's sizes.</summary>
    static abstract TSelf Paper { get; }

    /// <summary>The preset of a profile name; unknown names fail listing the known ones.</summary>
    static abstract TSelf For(string profile);
}
