using ILGPU;

namespace Kit.Neuron.Gpu;

/// <summary>
/// The GPU engine's kernels: one thread per trial steps that trial through a window of coarse steps with the CPU
/// engine's scheme (docs/numerical-method.md, "Fixed-step scheme"), phase by phase in the order of the CPU engine's
/// scalar kernels (Simulation.Stepping.cs) so that every sum is formed in the same order and, where the math
/// library is the same (ILGPU's CPU accelerator), the same doubles come out. Step refinement is decided per trial
/// (docs/gpu-engine.md, "Refinement per trial").
/// </summary>
internal static class GpuKernels
{
    /// <summary>SynapseRelease's depression time constant (Dep = 0 ms), kept literal for NEURON's t = 0 quirk.</summary>
    private const double ReleaseDepMs = 0;

    /// <summary>States below this magnitude are flushed to 0, as <c>SynapseKernels.FlushBelow</c>.</summary>
    private const double FlushBelow = Kit.Neuron.Mechanisms.SynapseKernels.FlushBelow;

    private const double SkHalfMm = Kit.Neuron.Mechanisms.SKE2.ZHalfMm;
    private const double SkHill = Kit.Neuron.Mechanisms.SKE2.ZHill;
    private const double SkGuardMm = Kit.Neuron.Mechanisms.SKE2.ZCaiGuardMm;
    private const double MgPerMv = Kit.Neuron.Mechanisms.AmpaNmdaSynapse.MgBlockPerMv;
    private const double MgScaleMm = Kit.Neuron.Mechanisms.AmpaNmdaSynapse.MgBlockScaleMm;

    /// <summary>Broadcasts a per-row column to every trial: <c>dst[row·trials + t] = column[row]</c>.</summary>
    public static void Broadcast(
        Index1D index,
        ArrayView<double> dst,
        ArrayView<double> column,
        int trials
    )
    {
        long i = index;
        dst[i] = column[i / trials];
    }

    /// <summary>Steps trial <paramref name="index"/> over the coarse steps [FirstStep, EndStep) of the window.</summary>
    public static void StepWindow(Index1D index, GpuKernelArgs a)
    {
        int t = index;
        if (t >= a.Trials)
            return;
        if (a.FirstStep == 0)
            Sample(a, t, 0);
        for (long s = a.FirstStep; s < a.EndStep; s++)
        {
            if (a.Refines != 0 && Refine(a, t))
            {
                a.RefinedSteps[t] = a.RefinedSteps[t] + 1;
                for (int i = 0; i < a.RefineFactor; i++)
                    SubStep(a, t, true, 1);
            }
            else
                SubStep(a, t, false, a.RefineFactor);
            long done = s + 1;
            Sample(a, t, done);
            if (a.SpikeNode >= 0)
                Cross(a, t, done);
        }
    }

    /// <summary>Simulation.Refine for one trial: soma at or above the threshold (starts the hold), or the hold running.</summary>
    private static bool Refine(GpuKernelArgs a, int t)
    {
        long ticks = a.Ticks[t];
        if (a.V[(long)a.SomaNode * a.Trials + t] >= a.RefineAboveMv)
        {
            a.RefineUntil[t] = ticks + a.RefineHoldTicks;
            return true;
        }
        return ticks < a.RefineUntil[t];
    }

    private static void SubStep(GpuKernelArgs a, int t, bool fine, int ticks)
    {
        double dt = fine ? a.DtFineMs : a.DtCoarseMs;
        double tMs = a.Ticks[t] * a.TickMs;
        DeliverEvents(a, t, tMs + 0.5 * dt);
        AssembleNodes(a, t, fine);
        VoltageSolve(a, t);
        StatePhase(a, t, fine);
        a.Ticks[t] = a.Ticks[t] + ticks;
    }

    private static void DeliverEvents(GpuKernelArgs a, int t, double limitMs)
    {
        int used = a.EventUsed[t];
        int count = a.EventCount[t];
        int start = a.EventStart[t];
        long trials = a.Trials;
        while (used < count && a.EventTime[start + used] <= limitMs)
        {
            double time = a.EventTime[start + used];
            int syn = a.EventSyn[start + used];
            used++;
            long r = syn * trials + t;
            bool released;
            if (a.Quirk == 0)
            {
                a.Tsyn[r] = time;
                released = true;
            }
            else
            {
                // SynapseRelease.OnEvent with Use = 1, Dep = 0, r = 0, evaluated literally: an event at t − tsyn = 0
                // turns Pv into NaN and silences the synapse.
                double pv = 1 - (1 - a.Pv[r]) * Math.Exp(-(time - a.Tsyn[r]) / ReleaseDepMs);
                double pr = pv;
                pv -= pv;
                a.Pv[r] = pv;
                a.Tsyn[r] = time;
                released = 0 < pr;
            }
            if (!released)
                continue;
            int row = a.SynStateRow[syn];
            int stride = a.SynStride[syn];
            int states = a.SynStates[syn];
            for (int st = 0; st < states; st++)
            {
                long sr = row + (long)st * stride;
                a.Syn[sr * trials + t] += a.SynIncrement[sr];
            }
        }
        a.EventUsed[t] = used;
    }

    /// <summary>
    /// Current phase and the node equations' diagonal and right-hand side, node by node with the sums in registers:
    /// a node's leak, its channels (in the CPU engine's group order; Ca channels into ica and gca, which join the
    /// conductance last) and its synapses are added in the order the CPU engine's array passes add them, so the sums
    /// are the same doubles. Writes d, rhs, and eca, ica, gca where the node has a calcium pool.
    /// </summary>
    private static void AssembleNodes(GpuKernelArgs a, int t, bool fine)
    {
        long trials = a.Trials;
        var cap = fine ? a.CapFine : a.CapCoarse;
        for (int n = 0; n < a.Nodes; n++)
        {
            long i = n * trials + t;
            double v = a.V[i];
            bool pool = a.NodeHasPool[n] != 0;
            double eca = 0;
            if (pool)
            {
                eca = a.NernstScaleMv * Math.Log(a.CaoMm / a.Cai[i]);
                a.Eca[i] = eca;
            }
            double gPas = a.GPas[n];
            double iDensity = 0;
            double gDensity = 0;
            double ica = 0;
            double gca = 0;
            iDensity += gPas * (v - a.EPas[n]);
            gDensity += gPas;
            int chEnd = a.NodeChannelStart[n + 1];
            for (int j = a.NodeChannelStart[n]; j < chEnd; j++)
            {
                int c = a.NodeChannelList[j];
                long row = a.ChStateRow[c];
                long stride = a.ChStride[c];
                int gates = a.ChGates[c];
                double open = PowerOf(a.Gate[row * trials + t], a.ChPowers[4 * c]);
                for (int q = 1; q < gates; q++)
                    open *= PowerOf(a.Gate[(row + q * stride) * trials + t], a.ChPowers[4 * c + q]);
                double g = a.ChGbar[c] * open;
                double e = a.ChUsesEca[c] != 0 ? eca : a.ChErev[c];
                double current = g * (v - e);
                iDensity += current;
                if (a.ChIsCa[c] != 0)
                {
                    gca += g;
                    ica += current;
                }
                else
                    gDensity += g;
            }
            gDensity += gca;
            double iNa = 0;
            double gUs = 0;
            int synEnd = a.NodeSynapseStart[n + 1];
            for (int j = a.NodeSynapseStart[n]; j < synEnd; j++)
            {
                int k = a.NodeSynapseList[j];
                long row = a.SynStateRow[k];
                long stride = a.SynStride[k];
                double gmax = a.SynGmax[k];
                if (a.SynKind[k] == 0)
                {
                    // AmpaNmdaSynapse.CurrentOf.
                    double ga =
                        gmax * (a.Syn[(row + stride) * trials + t] - a.Syn[row * trials + t]);
                    double gn =
                        gmax
                        * (
                            a.Syn[(row + 3 * stride) * trials + t]
                            - a.Syn[(row + 2 * stride) * trials + t]
                        );
                    double ex = Math.Exp(-MgPerMv * v) * (a.SynMg[k] / MgScaleMm);
                    double block = 1 / (1 + ex);
                    double dv = v - a.SynE[k];
                    iNa += (ga + gn * block) * dv;
                    gUs += ga + gn * (block + dv * MgPerMv * block * (1 - block));
                }
                else
                {
                    // DoubleExponentialSynapse.AccumulateCurrent.
                    double g =
                        gmax * (a.Syn[(row + stride) * trials + t] - a.Syn[row * trials + t]);
                    iNa += g * (v - a.SynE[k]);
                    gUs += g;
                }
            }
            double af = a.AreaFactor[n];
            a.D[i] = cap[n] + gDensity * af + gUs;
            a.Rhs[i] = -(iDensity * af + iNa);
            if (pool)
            {
                a.Ica[i] = ica;
                a.Gca[i] = gca;
            }
        }
    }

    /// <summary>
    /// Axial coupling, the Hines solve (HinesSolver.Solve), and V ← V + cFactor·ΔV folded into the back substitution.
    /// </summary>
    private static void VoltageSolve(GpuKernelArgs a, int t)
    {
        long trials = a.Trials;
        int nodes = a.Nodes;
        for (int k = 1; k < nodes; k++)
        {
            long ok = k * trials + t;
            long op = a.Parent[k] * trials + t;
            double g = a.Coupling[k];
            double axial = g * (a.V[op] - a.V[ok]);
            a.Rhs[ok] += axial;
            a.Rhs[op] -= axial;
            a.D[ok] += g;
            a.D[op] += g;
        }
        // Triangularisation leaves to root, then back substitution.
        for (int k = nodes - 1; k >= 1; k--)
        {
            long ok = k * trials + t;
            long op = a.Parent[k] * trials + t;
            double off = a.OffDiagonal[k];
            double inv = 1 / a.D[ok];
            a.D[ok] = inv;
            double f = off * inv;
            a.D[op] -= f * off;
            a.Rhs[op] -= f * a.Rhs[ok];
        }
        double root = a.Rhs[t] / a.D[t];
        a.Rhs[t] = root;
        a.V[t] += a.CFactor * root;
        for (int k = 1; k < nodes; k++)
        {
            long ok = k * trials + t;
            long op = a.Parent[k] * trials + t;
            double x = (a.Rhs[ok] - a.OffDiagonal[k] * a.Rhs[op]) * a.D[ok];
            a.Rhs[ok] = x;
            a.V[ok] += a.CFactor * x;
        }
    }

    private static void StatePhase(GpuKernelArgs a, int t, bool fine)
    {
        long trials = a.Trials;
        var poolDecay = fine ? a.PoolDecayFine : a.PoolDecayCoarse;
        for (int p = 0; p < a.PoolEntries; p++)
        {
            long i = a.PoolNode[p] * trials + t;
            double ica = a.Ica[i];
            if (a.CrankNicolson != 0)
                // NEURON's second_order_cur: the Ca current that drives the pool is taken at t + dt/2.
                ica += a.Gca[i] * a.Rhs[i];
            double steady = a.PoolPerIca[p] * ica + a.PoolMinCai[p];
            a.Cai[i] = steady + (a.Cai[i] - steady) * poolDecay[p];
        }
        var tables = fine ? a.TablesFine : a.TablesCoarse;
        double skDecay = fine ? a.SkDecayFine : a.SkDecayCoarse;
        for (int r = 0; r < a.GateRows; r++)
        {
            long i = a.GateNode[r] * trials + t;
            long x = r * trials + t;
            int table = a.GateTable[r];
            if (table >= 0)
            {
                // ChannelKernels.AdvanceTabled.
                double v = a.V[i];
                double u = (v - a.TableVMinMv) * a.TableInverseStep;
                if (u >= 0 && u < a.TableLast)
                {
                    int k = (int)u;
                    double f = u - k;
                    long j = a.TableOffset[table] + 2L * k;
                    double inf = tables[j] + f * (tables[j + 2] - tables[j]);
                    double decay = tables[j + 1] + f * (tables[j + 3] - tables[j + 1]);
                    a.Gate[x] = inf + (a.Gate[x] - inf) * decay;
                }
                else
                    // Off the grid the CPU engine evaluates the exact rate functions, which the kernel lacks.
                    a.Errors[t] |= 1;
            }
            else
            {
                // SKE2.Z: the calcium gate with its constant tau.
                double ca = a.Cai[i];
                if (ca < SkGuardMm)
                    ca += SkGuardMm;
                double inf = 1 / (1 + Math.Pow(SkHalfMm / ca, SkHill));
                a.Gate[x] = inf + (a.Gate[x] - inf) * skDecay;
            }
        }
        var synDecay = fine ? a.SynDecayFine : a.SynDecayCoarse;
        for (int r = 0; r < a.SynStateRows; r++)
        {
            long i = r * trials + t;
            double x = a.Syn[i] * synDecay[r];
            a.Syn[i] = Math.Abs(x) < FlushBelow ? 0 : x;
        }
    }

    private static void Sample(GpuKernelArgs a, int t, long step)
    {
        long trials = a.Trials;
        for (int p = 0; p < a.Probes; p++)
        {
            long every = a.ProbeEvery[p];
            if (step % every != 0)
                continue;
            long k = step / every;
            long i = a.ProbeNode[p] * trials + t;
            int q = a.ProbeQuantity[p];
            double value =
                q == 1 ? a.Cai[i]
                : q == 2 ? a.Eca[i]
                : a.V[i];
            a.Samples[(a.ProbeRow[p] + k - a.ProbeFirstK[p]) * trials + t] = value;
        }
    }

    /// <summary>Simulation.Run's crossing detection: linear interpolation between the coarse steps.</summary>
    private static void Cross(GpuKernelArgs a, int t, long step)
    {
        double previous = a.PreviousSpikeV[t];
        double v = a.V[(long)a.SpikeNode * a.Trials + t];
        double thr = a.SpikeThresholdMv;
        if (previous < thr && v >= thr)
        {
            int count = a.CrossingCount[t];
            if (count < a.CrossingCapacity)
            {
                a.Crossings[(long)count * a.Trials + t] =
                    a.DtCoarseMs * (step - 1 + (thr - previous) / (v - previous));
                a.CrossingCount[t] = count + 1;
            }
            else
                a.Errors[t] |= 2;
        }
        a.PreviousSpikeV[t] = v;
    }

    /// <summary><c>x^p</c> for p in 1..4 by multiplication, as ChannelDefinition.PowerOf.</summary>
    private static double PowerOf(double x, int p) =>
        p == 1 ? x
        : p == 2 ? x * x
        : p == 3 ? x * x * x
        : x * x * (x * x);
}
