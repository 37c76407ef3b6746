using Kit.Core;
using Kit.Neuron.Cells;
using Kit.Neuron.Inputs;
using Kit.Neuron.Simulation;

namespace Kit.Figures.S1;

/// <summary>
/// Everything that decides a run of supplementary figure S1 (the Hay et al. 2011 layer-5 pyramidal cell as the
/// kit simulates it): the protocols, the plotted windows and the random-input simulation. Presets per profile;
/// a notebook changes a protocol with <c>with</c>:
/// <code>var cfg = S1Config.For(profile) with { CurrentStep = CurrentStepProtocol.Hay2011 with { AmpNa = 0.6 } };</code>
/// The NEURON comparison is drawn only for the Hay 2011 protocols on the Hay 2011 cell (what NEURON ran).
/// </summary>
/// <param name="Profile">Profile name the preset came from (smoke, course, paper).</param>
/// <param name="CurrentStep">The somatic current step.</param>
/// <param name="Bac">The BAC firing protocol.</param>
/// <param name="BacWindow">Time range of the BAC panels (ms).</param>
/// <param name="RandomInputMs">Length of the random-input simulation (ms).</param>
/// <param name="Input">The paper's random-input generator settings (NMDA configuration by default).</param>
/// <param name="Synapses">Excitatory synapse kind of the random-input cell (the NMDA configuration: AMPA+NMDA).</param>
/// <param name="Seed">Random-input stream: simulation 0 of <c>RandomState([Seed, 0])</c>.</param>
/// <param name="ReferenceMethod">The NEURON run drawn beside the kit's (the converged fixed step).</param>
public sealed record S1Config(
    string Profile,
    CurrentStepProtocol CurrentStep,
    BacFiringProtocol Bac,
    TimeWindow BacWindow,
    int RandomInputMs,
    L5pcInputConfig Input,
    ExcitatorySynapseKind Synapses = ExcitatorySynapseKind.AmpaNmda,
    long Seed = 1,
    string ReferenceMethod = "fixed dt 0.001"
) : IFigureConfig<S1Config>
{
    /// <summary>Notebook and output folder: <c>notebooks/S1-l5pc-simulation.ipynb</c>, <c>figures/S1-l5pc-simulation/</c>.</summary>
    public static string FigureName => "S1-l5pc-simulation";

    /// <summary>The full protocols and a 6 s random-input simulation (the paper's simulation length).</summary>
    public static S1Config Paper { get; } =
        new(
            Profiles.Paper,
            CurrentStepProtocol.Hay2011,
            BacFiringProtocol.Hay2011,
            new TimeWindow(150, 300),
            6000,
            L5pcInputConfig.Nmda
        );

    /// <summary>As <see cref="Paper"/>: every part takes seconds on a laptop.</summary>
    public static S1Config Course { get; } = Paper with { Profile = Profiles.Course };

    /// <summary>A CI run: 1 s of random input.</summary>
    public static S1Config Smoke { get; } =
        Paper with
        {
            Profile = Profiles.Smoke,
            RandomInputMs = 1000,
        };

    /// <summary>The preset of a profile.</summary>
    public static S1Config For(string profile) => Profiles.Select(profile, Smoke, Course, Paper);

    /// <summary>True when the protocols are the ones NEURON's reference files hold.</summary>
    public bool ProtocolsMatchReference =>
        CurrentStep == CurrentStepProtocol.Hay2011 && Bac == BacFiringProtocol.Hay2011;
}
