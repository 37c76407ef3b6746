using TorchSharp;
using static TorchSharp.torch;

namespace Kit.Learning.Training;

/// <summary>
/// Nadam (Dozat 2016) exactly as PyTorch's <c>torch.optim.NAdam</c> (beta1 0.9, beta2 0.999, eps 1e-8,
/// momentum decay 0.004), which is also Keras' Nadam that the paper used.
/// </summary>
/// <remarks>
/// The kit's own implementation instead of TorchSharp 0.107's <c>optim.NAdam</c>: that one passes
/// temporary <see cref="Scalar"/>s to native calls without keeping them alive, so under garbage-collection
/// pressure a Scalar can be finalised during the call, and training failed at random steps with libtorch
/// errors such as "Unknown scalar type" or a failed <c>toFloat</c> check. Here every Scalar is created,
/// held and disposed explicitly around the call that uses it.
/// </remarks>
public sealed class Nadam : IDisposable
{
    private const double Beta1 = 0.9,
        Beta2 = 0.999,
        Eps = 1e-8,
        MomentumDecay = 0.004;

    private readonly TorchSharp.Modules.Parameter[] parameters;
    private readonly Tensor[] expAvg;
    private readonly Tensor[] expAvgSq;
    private long step;
    private double muProduct = 1.0;

    /// <summary>An optimizer of <paramref name="parameters"/> at learning rate <paramref name="learningRate"/>.</summary>
    public Nadam(IEnumerable<TorchSharp.Modules.Parameter> parameters, double learningRate)
    {
        this.parameters = parameters.ToArray();
        expAvg = this.parameters.Select(p => zeros_like(p).DetachFromDisposeScope()).ToArray();
        expAvgSq = this.parameters.Select(p => zeros_like(p).DetachFromDisposeScope()).ToArray();
        LearningRate = learningRate;
    }

    /// <summary>Learning rate of the next step.</summary>
    public double LearningRate { get; set; }

    /// <summary>Steps taken.</summary>
    public long Steps => step;

    /// <summary>Clears the gradients of every parameter.</summary>
    public void ZeroGrad()
    {
        foreach (var p in parameters)
            p.grad?.zero_();
    }

    /// <summary>One update from the current gradients (parameters without a gradient are skipped).</summary>
    public void Step()
    {
        step++;
        double biasCorrection2 = 1 - Math.Pow(Beta2, step);
        double mu = Beta1 * (1.0 - 0.5 * Math.Pow(0.96, step * MomentumDecay));
        double muNext = Beta1 * (1.0 - 0.5 * Math.Pow(0.96, (step + 1) * MomentumDecay));
        muProduct *= mu;
        double muProductNext = muProduct * muNext;
        double gradScale = -LearningRate * (1 - mu) / (1 - muProduct);
        double avgScale = -LearningRate * muNext / (1 - muProductNext);

        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        using Scalar beta1 = Beta1,
            oneMinusBeta1 = 1 - Beta1,
            beta2 = Beta2,
            oneMinusBeta2 = 1 - Beta2,
            bias2 = biasCorrection2,
            eps = Eps,
            sGrad = gradScale,
            sAvg = avgScale;
        for (int i = 0; i < parameters.Length; i++)
        {
            var grad = parameters[i].grad;
            if (grad is null)
                continue;
            expAvg[i].mul_(beta1).add_(grad, oneMinusBeta1);
            expAvgSq[i].mul_(beta2).addcmul_(grad, grad, oneMinusBeta2);
            // add_(Scalar) alone would make its alpha (1) a Scalar nobody holds: pass the held one.
            var denom = expAvgSq[i].div(bias2).sqrt_().add_(eps, TorchScalars.One);
            parameters[i].addcdiv_(grad, denom, sGrad);
            parameters[i].addcdiv_(expAvg[i], denom, sAvg);
        }
        GC.KeepAlive(beta1);
        GC.KeepAlive(oneMinusBeta1);
        GC.KeepAlive(beta2);
        GC.KeepAlive(oneMinusBeta2);
        GC.KeepAlive(bias2);
        GC.KeepAlive(eps);
        GC.KeepAlive(sGrad);
        GC.KeepAlive(sAvg);
    }

    /// <summary>Writes step count, momentum product and both moment tensors.</summary>
    public void Save(BinaryWriter writer)
    {
        writer.Write("nadam-v1");
        writer.Write(parameters.Length);
        writer.Write(step);
        writer.Write(muProduct);
        for (int i = 0; i < parameters.Length; i++)
        {
            expAvg[i].Save(writer);
            expAvgSq[i].Save(writer);
        }
    }

    /// <summary>Reads what <see cref="Save"/> wrote; throws <see cref="InvalidDataException"/> when it does not fit these parameters.</summary>
    public void Load(BinaryReader reader)
    {
        var tag = reader.ReadString();
        if (tag != "nadam-v1")
            throw new InvalidDataException($"not a kit Nadam state (found '{tag}')");
        int count = reader.ReadInt32();
        if (count != parameters.Length)
            throw new InvalidDataException(
                $"state holds {count} parameters, the model has {parameters.Length}"
            );
        long savedStep = reader.ReadInt64();
        double savedMu = reader.ReadDouble();
        for (int i = 0; i < parameters.Length; i++)
        {
            expAvg[i].Load(reader);
            expAvgSq[i].Load(reader);
        }
        step = savedStep;
        muProduct = savedMu;
    }

    /// <summary>Frees the moment tensors.</summary>
    public void Dispose()
    {
        foreach (var t in expAvg.Concat(expAvgSq))
            t.Dispose();
    }
}
