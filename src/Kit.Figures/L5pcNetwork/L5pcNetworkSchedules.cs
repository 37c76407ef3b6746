using Kit.Learning.Training;

namespace Kit.Figures.L5pcNetwork;

/// <summary>Training schedules of the L5PC network figures.</summary>
public static class L5pcNetworkSchedules
{
    /// <summary>
    /// The paper's schedule shape (falling learning rate, rising spike weight; docs/training-and-evaluation.md,
    /// "Figures 2-4: the L5PC networks") compressed for a CPU budget: four phases of
    /// <paramref name="roundsPerPhase"/> x (8, 6, 4, 2) / 5 rounds at <paramref name="learningRate"/>, /3, /10, /30
    /// with spike weights 1, 2, 4, 8 and voltage weights 0.02, 0.01, 0.01, 0.01. The paper's 1e-4 suits its
    /// ~720,000 steps; a few thousand steps need a larger start. A network with a dendritic head (the nexus) learns it
    /// with <paramref name="dendriticToSomaWeight"/> x the voltage weight in every phase (0: no dendritic term).
    /// </summary>
    public static TrainingSchedule Cpu(
        double learningRate,
        int roundsPerPhase = 5,
        double dendriticToSomaWeight = 0
    )
    {
        int R(int weight) => Math.Max(1, weight * roundsPerPhase / 5);
        Phase P(int rounds, double lr, double spike, double voltage) =>
            new(R(rounds), lr, spike, voltage, dendriticToSomaWeight * voltage);
        return new([
            P(8, learningRate, 1, 0.02),
            P(6, learningRate / 3, 2, 0.01),
            P(4, learningRate / 10, 4, 0.01),
            P(2, learningRate / 30, 8, 0.01),
        ]);
    }
}
