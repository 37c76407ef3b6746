namespace Kit.Neuron.Mechanisms;

/// <summary>
/// Precomputed steady state and per-step decay factor <c>exp(−dt/tau)</c> of one voltage-dependent gate on a
/// uniform voltage grid, linearly interpolated. Storing the decay factor (not tau) removes the exp from the time
/// loop. Outside the grid the exact rate function is used, so a table never clamps.
/// </summary>
public sealed class RateTable
{
    // Interleaved [inf₀, decay₀, inf₁, decay₁, …]: one cache line serves both values of a lookup.
    private readonly double[] _table;
    private readonly double _invStep;
    private readonly GateRates _exact;

    /// <summary>Builds the table of <paramref name="gate"/> for time step <paramref name="dtMs"/> (ms).</summary>
    /// <param name="gate">A voltage-dependent gate.</param>
    /// <param name="dtMs">Time step the decay factors are computed for (ms).</param>
    /// <param name="vMinMv">Lowest grid voltage (mV).</param>
    /// <param name="vMaxMv">Highest grid voltage (mV).</param>
    /// <param name="stepMv">Grid spacing (mV).</param>
    public RateTable(
        GateDefinition gate,
        double dtMs,
        double vMinMv = DefaultVMinMv,
        double vMaxMv = DefaultVMaxMv,
        double stepMv = DefaultStepMv
    )
    {
        if (gate.Input != GateInput.Voltage)
            throw new ArgumentException(
                $"gate {gate.Name} depends on calcium; rate tables are over voltage",
                nameof(gate)
            );
        if (!(dtMs > 0) || !(stepMv > 0) || !(vMaxMv > vMinMv))
            throw new ArgumentException(
                $"rate table needs dt > 0, step > 0 and vMax > vMin (dt={dtMs}, step={stepMv}, range {vMinMv}..{vMaxMv})"
            );
        int n = (int)Math.Round((vMaxMv - vMinMv) / stepMv) + 1;
        _table = new double[2 * n];
        for (int k = 0; k < n; k++)
        {
            var (inf, tau) = gate.Rates(vMinMv + k * stepMv);
            _table[2 * k] = inf;
            _table[2 * k + 1] = Math.Exp(-dtMs / tau);
        }
        Gate = gate;
        DtMs = dtMs;
        VMinMv = vMinMv;
        StepMv = stepMv;
        VMaxMv = vMinMv + (n - 1) * stepMv;
        _invStep = 1 / stepMv;
        _exact = gate.Rates;
    }

    /// <summary>
    /// Default lowest grid voltage (mV). The grid is offset by half a step so that no grid point falls exactly on
    /// a guarded singular voltage (all are multiples of 0.1 mV): there the rate code evaluates at v + 1e-4 mV, and
    /// baking that nudged value into a grid node would spread a ~4e-6 error over the two adjacent intervals.
    /// </summary>
    public const double DefaultVMinMv = -150.005;

    /// <summary>Default highest grid voltage (mV).</summary>
    public const double DefaultVMaxMv = 100.005;

    /// <summary>Default grid spacing (mV).</summary>
    public const double DefaultStepMv = 0.01;

    /// <summary>The tabulated gate.</summary>
    public GateDefinition Gate { get; }

    /// <summary>Time step of the decay factors (ms).</summary>
    public double DtMs { get; }

    /// <summary>First grid voltage (mV).</summary>
    public double VMinMv { get; }

    /// <summary>Last grid voltage (mV).</summary>
    public double VMaxMv { get; }

    /// <summary>Grid spacing (mV).</summary>
    public double StepMv { get; }

    /// <summary>Number of grid points.</summary>
    public int Points => _table.Length / 2;

    /// <summary>Interleaved grid values <c>[inf₀, decay₀, inf₁, decay₁, …]</c> for the kernels.</summary>
    internal double[] Values => _table;

    /// <summary>1 / <see cref="StepMv"/> (1/mV).</summary>
    internal double InverseStep => _invStep;

    /// <summary>Interpolated steady state and decay factor <c>exp(−dt/tau)</c> at <paramref name="vMv"/> (mV).</summary>
    public (double Inf, double Decay) Lookup(double vMv)
    {
        double x = (vMv - VMinMv) * _invStep;
        if (x >= 0 && x < Points - 1)
        {
            int k = 2 * (int)x;
            double f = x - (int)x;
            return (
                _table[k] + f * (_table[k + 2] - _table[k]),
                _table[k + 1] + f * (_table[k + 3] - _table[k + 1])
            );
        }
        var (inf, tau) = _exact(vMv);
        return (inf, Math.Exp(-DtMs / tau));
    }

    /// <summary>One cnexp step of a gate value <paramref name="x"/> at <paramref name="vMv"/> (mV) via the table.</summary>
    public double Step(double x, double vMv)
    {
        var (inf, decay) = Lookup(vMv);
        return inf + (x - inf) * decay;
    }
}
