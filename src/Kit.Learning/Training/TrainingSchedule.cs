namespace Kit.Learning.Training;

/// <summary>One phase of training: <paramref name="Rounds"/> rounds at a fixed learning rate and loss weights.</summary>
/// <param name="Rounds">Rounds ("epochs") in this phase.</param>
/// <param name="LearningRate">Nadam learning rate.</param>
/// <param name="SpikeWeight">Weight of the spike BCE-with-logits loss.</param>
/// <param name="VoltageWeight">Weight of the soma-voltage MSE loss.</param>
/// <param name="DendWeight">Weight of the dendritic head's MSE loss (mV⁻²; used when the trainer has a <c>TrainerConfig.DendriticTarget</c>).</param>
public sealed record Phase(
    int Rounds,
    double LearningRate,
    double SpikeWeight,
    double VoltageWeight,
    double DendWeight = 0
);

/// <summary>Learning-rate and loss-weight schedule as data: phases run in order.</summary>
public sealed record TrainingSchedule(IReadOnlyList<Phase> Phases)
{
    /// <summary>Total rounds over all phases.</summary>
    public int TotalRounds => Phases.Sum(p => p.Rounds);

    /// <summary>Index of the phase that contains round <paramref name="round"/> (0-based).</summary>
    public int PhaseOfRound(int round)
    {
        int end = 0;
        for (int i = 0; i < Phases.Count; i++)
        {
            end += Phases[i].Rounds;
            if (round < end)
                return i;
        }
        throw new ArgumentOutOfRangeException(
            nameof(round),
            $"round {round} is past the schedule's {end} rounds"
        );
    }

    /// <summary>
    /// One phase: <paramref name="rounds"/> rounds at a constant learning rate and loss weights. The defaults are
    /// the paper's integrate-and-fire recipe (100 rounds at 3e-4, spike weight 1, voltage weight 0.003).
    /// </summary>
    public static TrainingSchedule Constant(
        int rounds = 100,
        double learningRate = 3e-4,
        double spikeWeight = 1,
        double voltageWeight = 0.003
    ) => new([new Phase(rounds, learningRate, spikeWeight, voltageWeight)]);

    /// <summary>
    /// The L5PC schedule of fit_CNN.py (docs/training-and-evaluation.md, "Figures 2-4: the L5PC networks"): 250 rounds in five phases with falling learning rate
    /// and rising spike weight. <paramref name="scale"/> multiplies every phase's rounds (at least 1 each),
    /// keeping the shape for a CPU budget.
    /// </summary>
    public static TrainingSchedule L5pc(double scale = 1.0)
    {
        int R(int rounds) => Math.Max(1, (int)Math.Round(rounds * scale));
        return new([
            new Phase(R(40), 1e-4, 1, 0.02, 5e-6),
            new Phase(R(40), 3e-5, 2, 0.01, 3e-6),
            new Phase(R(40), 1e-5, 4, 0.01, 1e-6),
            new Phase(R(40), 3e-6, 8, 0.01, 1e-8),
            new Phase(R(90), 1e-6, 9, 0.003, 1e-9),
        ]);
    }
}
