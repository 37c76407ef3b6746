namespace Kit.Learning.Training;

/// <summary>How training windows are drawn each round.</summary>
public enum WindowSampling
{
    /// <summary>Figure 1: one random window from every training simulation per round, in shuffled order.</summary>
    OnePerSimulation,

    /// <summary>L5PC (fit_CNN.py): a random simulation, window end uniform in [MinEndMs, duration].</summary>
    UniformEnds,
}
