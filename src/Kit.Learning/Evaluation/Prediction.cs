namespace Kit.Learning.Evaluation;

/// <summary>A network's prediction for one simulation, one value per 1 ms bin.</summary>
/// <param name="SpikeProbability">Sigmoid of the spike logit, length T.</param>
/// <param name="VoltageMv">Predicted (clipped) soma voltage in mV after undoing the target transform, length T.</param>
public sealed record Prediction(double[] SpikeProbability, double[] VoltageMv);
