using Kit.Learning.Models;
using Kit.Neuron.Data;
using static TorchSharp.torch;

namespace Kit.Learning.Tests;

/// <summary>Small synthetic records: a linear-filter neuron with an exp(-t/tau) kernel (excitatory +, inhibitory -).</summary>
internal static class Synthetic
{
    public static SimulationRecord LinearNeuron(
        int seed,
        int channels = 10,
        int durationMs = 600,
        double rateHz = 20,
        double tauMs = 10,
        int excitatory = 8
    )
    {
        var rng = new Random(seed);
        var chans = new List<int>();
        var times = new List<int>();
        for (int t = 0; t < durationMs; t++)
        for (int c = 0; c < channels; c++)
            if (rng.NextDouble() < rateHz / 1000)
            {
                chans.Add(c);
                times.Add(t);
            }
        var drive = new double[durationMs];
        for (int i = 0; i < times.Count; i++)
        {
            double w = chans[i] < excitatory ? 1.0 : -1.0;
            for (int lag = 0; lag < 60 && times[i] + lag < durationMs; lag++)
                drive[times[i] + lag] += w * Math.Exp(-lag / tauMs);
        }
        var v = new float[durationMs];
        var spikes = new List<double>();
        for (int t = 0; t < durationMs; t++)
        {
            v[t] = (float)(-70 + 2.0 * drive[t]);
            if (v[t] > -60)
            {
                spikes.Add(t + 0.5);
            }
        }
        return new SimulationRecord(
            channels,
            durationMs,
            chans.ToArray(),
            times.ToArray(),
            v,
            spikes.ToArray()
        );
    }

    public static List<SimulationRecord> Set(
        int count,
        int seed,
        int channels = 10,
        int durationMs = 600
    ) =>
        Enumerable
            .Range(0, count)
            .Select(i => LinearNeuron(seed * 1000 + i, channels, durationMs))
            .ToList();

    /// <summary>
    /// Draws every convolution weight of <paramref name="net"/> from Normal(0, <paramref name="std"/>): nets whose
    /// units differ from each other (TorchSharp 0.107's trunc_normal_ fills a tensor with the constant std, so
    /// CausalNet.Build's weights are all equal).
    /// </summary>
    public static CausalNet RandomiseWeights(CausalNet net, int seed, double std = 0.3)
    {
        manual_seed(seed);
        using var _ = no_grad();
        foreach (var (name, p) in net.named_parameters())
            if (name.EndsWith(".weight") && (name.StartsWith("convs") || name.Contains("Head")))
                p.normal_(0, std);
        return net;
    }
}
