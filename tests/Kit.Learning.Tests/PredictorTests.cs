using Kit.Learning.Evaluation;
using Kit.Learning.Models;
using Kit.Learning.Training;
using static TorchSharp.torch;

namespace Kit.Learning.Tests;

public class PredictorTests
{
    [Fact]
    public void StitchedWindowsEqualOneFullLengthPass()
    {
        // BatchNorm in eval mode, H = (5 - 1) + (4 - 1) + 1 = 8; overlap = H - 1.
        var config = new CausalNetConfig(
            10,
            [5, 4],
            [6, 3],
            true,
            Activation.ReLU,
            0.3,
            0.05,
            0.3,
            -1,
            0.3
        );
        using var net = CausalNet.Build(config, seed: 6);
        var record = Synthetic.LinearNeuron(1, durationMs: 537);
        var target = new TargetTransform(-55, -67.7);
        var full = Predictor.Predict(net, record, target, 537, 0);
        var stitched = Predictor.Predict(net, record, target, 60, net.HistoryMs - 1);
        Assert.Equal(537, stitched.SpikeProbability.Length);
        for (int t = 0; t < 537; t++)
        {
            Assert.True(
                Math.Abs(full.SpikeProbability[t] - stitched.SpikeProbability[t]) < 1e-6,
                $"p at {t}"
            );
            Assert.True(Math.Abs(full.VoltageMv[t] - stitched.VoltageMv[t]) < 1e-4, $"V at {t}");
        }
        Assert.True(net.training); // the mode is restored

        // Too little overlap breaks the equality somewhere.
        var shortOverlap = Predictor.Predict(net, record, target, 60, 2);
        Assert.Contains(
            Enumerable.Range(0, 537),
            t => Math.Abs(full.VoltageMv[t] - shortOverlap.VoltageMv[t]) > 1e-4
        );
    }

    [Fact]
    public void StitchedWindowsEqualTheModelOnTheWholeSequence()
    {
        // Three layers with BatchNorm whose running statistics moved away from (0, 1), in eval mode;
        // H = 4 + 6 + 2 + 1 = 13; overlap = H - 1, windows much shorter than the sequence.
        var config = new CausalNetConfig(
            10,
            [5, 7, 3],
            [6, 5, 4],
            true,
            Activation.ReLU,
            0.3,
            0.05,
            0.3,
            -1,
            0.3
        );
        using var net = Synthetic.RandomiseWeights(CausalNet.Build(config), seed: 8);
        using (no_grad())
        {
            net.train();
            for (int i = 0; i < 5; i++)
                net.forward(rand(4, 10, 100).mul(3).add(1));
        }
        var record = Synthetic.LinearNeuron(2, durationMs: 1003);
        var target = new TargetTransform(-55, -67.7);
        var stitched = Predictor.Predict(net, record, target, 90, net.HistoryMs - 1, 3);

        net.eval();
        var x = new float[10 * 1003];
        record.FillInput(x, 0, 1003);
        using var _ = no_grad();
        var (logit, voltage) = net.forward(tensor(x, [1, 10, 1003]));
        var p = sigmoid(logit).to(ScalarType.Float64).data<double>().ToArray();
        var v = voltage.to(ScalarType.Float64).data<double>().ToArray();
        for (int t = 0; t < 1003; t++)
        {
            Assert.True(Math.Abs(p[t] - stitched.SpikeProbability[t]) < 1e-5, $"p at {t}");
            Assert.True(Math.Abs(v[t] - (stitched.VoltageMv[t] + 67.7)) < 1e-5, $"V at {t}");
        }
    }

    [Fact]
    public void EvaluationPoolsBinsAfterTheDroppedStart()
    {
        var config = new CausalNetConfig(
            10,
            [20],
            [2],
            false,
            Activation.Linear,
            0.1,
            0,
            0.5,
            -2,
            0.5
        );
        using var net = CausalNet.Build(config, seed: 7);
        var test = Synthetic.Set(3, 11);
        var target = new TargetTransform(-54.9, -65);
        var e = EvaluationResult.Compute(net, test, target, 200, 19, dropFirstMs: 100);
        Assert.Equal(3 * 500, e.SpikeProbability.Length);
        Assert.Equal(3 * 500, e.VoltageTargetMv.Length);
        // Pooled bins are each simulation's spike train after the dropped 100 ms, in order.
        Assert.Equal(
            test.SelectMany(r => r.OutputSpikeTrain()[100..].Select(s => (double)s)),
            e.SpikeTruth
        );
        // AUC = P(score of a spike bin > score of a non-spike bin) + ½ P(tie), counted pair by pair.
        var pos = e.SpikeProbability.Where((_, i) => e.SpikeTruth[i] > 0.5).ToArray();
        var neg = e.SpikeProbability.Where((_, i) => e.SpikeTruth[i] <= 0.5).ToArray();
        Assert.NotEmpty(pos);
        double wins = pos.Sum(p =>
            neg.Sum(n =>
                p > n ? 1.0
                : p == n ? 0.5
                : 0.0
            )
        );
        Assert.Equal(wins / ((double)pos.Length * neg.Length), e.Auc, 12);
        Assert.All(e.VoltageTargetMv, v => Assert.True(v <= -54.9 + 1e-6));
        Assert.Equal(101, e.CrossCorrelation.LagsMs.Length);
        Assert.True(double.IsFinite(e.RmseMv) && double.IsFinite(e.VarianceExplainedRescaled));
    }
}
