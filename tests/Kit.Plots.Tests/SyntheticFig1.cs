using Kit.Plots;

namespace Kit.Plots.Tests;

/// <summary>Synthetic figure-1 data with the paper's shapes (80 E / 20 I inputs, a τ = 20 ms kernel).</summary>
internal static class SyntheticFig1
{
    public const int Channels = 100,
        Excitatory = 80,
        DurationMs = 3000,
        Lags = 80;

    public static Fig1Data Make(int seed = 1)
    {
        var rng = new Random(seed);
        var ch = new List<int>();
        var ts = new List<int>();
        for (var t = 0; t < DurationMs; t++)
        for (var c = 0; c < Channels; c++)
            if (rng.NextDouble() < (c < Excitatory ? 0.004 : 0.008))
            {
                ch.Add(c);
                ts.Add(t);
            }
        // Leaky integration of the inputs: the I&F subthreshold kernel, exp(-t / 20 ms).
        var v = new double[DurationMs];
        var drive = new double[DurationMs];
        for (var k = 0; k < ch.Count; k++)
            drive[ts[k]] += ch[k] < Excitatory ? 1.0 : -1.5;
        var x = 0.0;
        for (var t = 0; t < DurationMs; t++)
        {
            x = x * Math.Exp(-1 / 20.0) + drive[t];
            v[t] = -70 + 1.2 * x;
        }
        var pred = v.Select(u => u + 1.5 * (rng.NextDouble() - 0.5)).ToArray();
        var spikes = Enumerable
            .Range(0, DurationMs)
            .Where(t => v[t] > -62 && (t == 0 || v[t - 1] <= -62))
            .ToArray();
        var prob = v.Select(u => 1 / (1 + Math.Exp(-(u + 62) * 2))).ToArray();
        var weights = new double[Channels, Lags];
        for (var c = 0; c < Channels; c++)
        for (var l = 0; l < Lags; l++)
            weights[c, l] =
                (c < Excitatory ? 1.0 : -1.4) * Math.Exp(-l / 20.0)
                + 0.05 * (rng.NextDouble() - 0.5);
        var lags = Enumerable.Range(0, Lags).Select(l => (double)l).ToArray();
        var exc = lags.Select(l => Enumerable.Range(0, Excitatory).Average(c => weights[c, (int)l]))
            .ToArray();
        var inh = lags.Select(l =>
                Enumerable.Range(Excitatory, Channels - Excitatory).Average(c => weights[c, (int)l])
            )
            .ToArray();
        var fpr = Enumerable.Range(0, 501).Select(i => i / 500.0).Select(f => f * f).ToArray();
        var tpr = fpr.Select(f => Math.Min(1, 1 - Math.Pow(1 - f, 40) * 0.97)).ToArray();
        var xl = Enumerable.Range(-100, 201).Select(i => (double)i).ToArray();
        var xc = xl.Select(l => Math.Exp(-l * l / 18.0)).ToArray();
        return new Fig1Data(
            ch.ToArray(),
            ts.ToArray(),
            Excitatory,
            Channels,
            v,
            pred,
            spikes,
            prob,
            StartMs: 0,
            WindowMs: (500, 2500),
            ZoomMs: (1000, 1300),
            weights,
            lags,
            exc,
            inh,
            new ExponentialCurve(20.0, 1.0),
            new RocSeries(fpr, tpr, 0.9973),
            xl,
            xc,
            ScatterMaxPoints: 1500,
            Seed: 7
        );
    }
}
