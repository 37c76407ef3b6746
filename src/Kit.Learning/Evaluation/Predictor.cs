using Kit.Learning.Models;
using Kit.Learning.Training;
using Kit.Neuron.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace Kit.Learning.Evaluation;

/// <summary>
/// Full-length predictions stitched from overlapping windows (eval mode, no gradients). Window k starts at
/// k x (window - overlap) (the last one is aligned to the end); from every window but the first only the bins
/// after its first <c>overlap</c> are kept. With overlap ≥ HistoryMs - 1 every kept bin saw its whole receptive
/// field, so the result equals one full-length causal pass. Inputs go to the device of the model's parameters (a
/// model trained on a GPU predicts there) and outputs come back to the CPU.
/// </summary>
public static class Predictor
{
    /// <summary>Predicts one simulation.</summary>
    /// <param name="model">Trained network (its training/eval mode is restored on return).</param>
    /// <param name="record">Simulation to predict.</param>
    /// <param name="target">The resolved target transform of the fit (<see cref="FitResult.Target"/>).</param>
    /// <param name="windowMs">Window length (ms).</param>
    /// <param name="overlapMs">Overlap between consecutive windows (ms), less than the window.</param>
    /// <param name="batchWindows">Windows evaluated together.</param>
    public static Prediction Predict(
        CausalNet model,
        SimulationRecord record,
        TargetTransform target,
        int windowMs,
        int overlapMs,
        int batchWindows = 16
    )
    {
        if (overlapMs < 0 || overlapMs >= windowMs)
            throw new ArgumentException(
                $"overlap {overlapMs} ms must be in [0, window {windowMs} ms)"
            );
        int T = record.DurationMs;
        int window = Math.Min(windowMs, T);
        var starts = new List<int>();
        for (int s = 0; ; s += window - overlapMs)
        {
            if (s + window >= T)
            {
                starts.Add(T - window);
                break;
            }
            starts.Add(s);
        }
        var prob = new double[T];
        var volt = new double[T];
        bool wasTraining = model.training;
        var device = model.parameters().First().device;
        bool onDevice = device.type != DeviceType.CPU;
        model.eval();
        try
        {
            using var _ = no_grad();
            int C = record.Channels;
            for (int b = 0; b < starts.Count; b += batchWindows)
            {
                using var scope = NewDisposeScope();
                int n = Math.Min(batchWindows, starts.Count - b);
                var x = new float[n * C * window];
                for (int i = 0; i < n; i++)
                    record.FillInput(x.AsSpan(i * C * window, C * window), starts[b + i], window);
                var input = tensor(x, [n, C, window]);
                var (logit, voltage) = model.forward(onDevice ? input.to(device) : input);
                var p = sigmoid(logit).to(ScalarType.Float64).cpu().data<double>().ToArray();
                var v = voltage.to(ScalarType.Float64).cpu().data<double>().ToArray();
                for (int i = 0; i < n; i++)
                {
                    int k = b + i;
                    int start = starts[k];
                    // Bins before `from` were already written by an earlier window with full history.
                    int from = k == 0 ? 0 : Math.Max(start + overlapMs, starts[k - 1] + window);
                    for (int t = from; t < start + window; t++)
                    {
                        prob[t] = p[i * window + t - start];
                        volt[t] = target.Inverse(v[i * window + t - start]);
                    }
                }
            }
        }
        finally
        {
            if (wasTraining)
                model.train();
        }
        return new Prediction(prob, volt);
    }
}
