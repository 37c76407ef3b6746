using Kit.Neuron.Cells;
using Kit.Neuron.Inputs;
using Kit.Neuron.Mechanisms;
using Kit.Neuron.Morphology;
using Kit.Neuron.Simulation;
using Kit.Neuron.Tests.Morphology;

namespace Kit.Neuron.Tests.Simulation;

/// <summary>
/// The SIMD engine (4 lanes per AVX2 vector) against the scalar reference kernels: every lane of a SIMD run equals
/// the single-lane scalar run of the same trial to 1e-9 mV over 300 ms with spikes (measured ≤ 3e-11 mV, i.e. ~1e-12
/// relative; the arithmetic is the scalar code's, bit for bit, but for the vector exp/log of the Mg block, eca and
/// SK_E2), and lanes stay independent.
/// </summary>
public sealed class SimdTests
{
    private const int Lanes = 4;

    private static (CellModel Cell, SynapticEvent[][] Events) PaperInput(
        ExcitatorySynapseKind kind,
        int durationMs
    )
    {
        var morphology = HayCell.Require();
        var hay = new HayL5pc(morphology, L5pcBiophysics.Biophys5b, kind);
        var cell = hay.Build();
        var disc = Discretization.Build(morphology, hay.Biophysics.Soma.Passive.RaOhmCm);
        var config = (
            kind == ExcitatorySynapseKind.AmpaNmda ? L5pcInputConfig.Nmda : L5pcInputConfig.Ampa
        ) with
        {
            DurationMs = durationMs,
        };
        var generator = L5pcInputGenerator.ForCell(config, disc);
        int exc = cell.SynapseGroupIndex(HayL5pc.ExcitatoryGroup),
            inh = cell.SynapseGroupIndex(HayL5pc.InhibitoryGroup);
        var events = Enumerable
            .Range(0, Lanes)
            .Select(i => HayL5pcBenchmark.Events(generator.Generate(3, i), exc, inh).ToArray())
            .ToArray();
        return (cell, events);
    }

    private static RecordingPlan Plan(CellModel cell)
    {
        int nexus = cell.Tree.NodeAt(HayL5pc.NexusSite.Section, HayL5pc.NexusSite.X);
        return RecordingPlan.Of(
            cell.SomaNode,
            new Probe("soma", cell.SomaNode, 0.125),
            new Probe("nexus", nexus, 0.125),
            new Probe("nexus_cai", nexus, 0.125, ProbeQuantity.CaiMm)
        );
    }

    [SkippableTheory]
    [InlineData(ExcitatorySynapseKind.AmpaNmda, IntegrationMethod.CrankNicolson)]
    [InlineData(ExcitatorySynapseKind.Ampa, IntegrationMethod.BackwardEuler)]
    public void Simd_lanes_equal_scalar_single_lane_runs(
        ExcitatorySynapseKind kind,
        IntegrationMethod method
    )
    {
        Skip.IfNot(LaneKernels.Supported, "no AVX2");
        const int durationMs = 300;
        var (cell, events) = PaperInput(kind, durationMs);
        var plan = Plan(cell);
        var options = new SimulationOptions { DtMs = 0.025, Method = method };
        var simd = new Kit.Neuron.Simulation.Simulation(cell, options with { Lanes = Lanes });
        for (int l = 0; l < Lanes; l++)
            simd.SetEvents(l, events[l]);
        var r4 = simd.Run(durationMs, plan);
        int spikes = 0;
        for (int l = 0; l < Lanes; l++)
        {
            var scalar = new Kit.Neuron.Simulation.Simulation(cell, options with { Simd = false });
            scalar.SetEvents(0, events[l]);
            var r1 = scalar.Run(durationMs, plan);
            foreach (var probe in new[] { "soma", "nexus" })
            {
                var a = r1.Trace(probe);
                var b = r4.Trace(probe, l);
                double worst = a.Zip(b, (x, y) => Math.Abs(x - y)).Max();
                Assert.True(worst <= 1e-9, $"lane {l} {probe}: max |Δv| = {worst:g3} mV");
            }
            var ca1 = r1.Trace("nexus_cai");
            var ca4 = r4.Trace("nexus_cai", l);
            for (int k = 0; k < ca1.Length; k++)
                Assert.Equal(ca1[k], ca4[k], 1e-12 * Math.Abs(ca1[k]));
            Assert.Equal(r1.CrossingTimesMs().Length, r4.CrossingTimesMs(l).Length);
            spikes += r1.CrossingTimesMs().Length;
        }
        Assert.NotEqual(r4.Trace("soma", 0), r4.Trace("soma", 1));
        Assert.True(spikes > 0, "the comparison should cover somatic spikes");
    }

    [SkippableFact]
    public void Single_lane_vector_gates_equal_the_scalar_path_bitwise()
    {
        Skip.IfNot(LaneKernels.Supported, "no AVX2");
        const int durationMs = 200;
        var (cell, events) = PaperInput(ExcitatorySynapseKind.AmpaNmda, durationMs);
        var plan = Plan(cell);
        SimulationResult RunWith(bool simd)
        {
            var sim = new Kit.Neuron.Simulation.Simulation(
                cell,
                SimulationOptions.Fast with
                {
                    Simd = simd,
                }
            );
            sim.SetEvents(0, events[1]);
            return sim.Run(durationMs, plan);
        }
        var vector = RunWith(true);
        var scalar = RunWith(false);
        Assert.Equal(scalar.Trace("soma"), vector.Trace("soma"));
        Assert.Equal(scalar.Trace("nexus"), vector.Trace("nexus"));
        Assert.Equal(scalar.Trace("nexus_cai"), vector.Trace("nexus_cai"));
    }

    [SkippableFact]
    public void Simd_step_allocates_nothing()
    {
        Skip.IfNot(LaneKernels.Supported, "no AVX2");
        var (cell, events) = PaperInput(ExcitatorySynapseKind.AmpaNmda, 20);
        var sim = new Kit.Neuron.Simulation.Simulation(
            cell,
            SimulationOptions.Fast with
            {
                Lanes = Lanes,
            }
        );
        for (int l = 0; l < Lanes; l++)
            sim.SetEvents(l, events[l]);
        sim.Initialize();
        for (int s = 0; s < 40; s++)
            sim.Step(); // warm up (JIT, tiering)
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int s = 0; s < 400; s++)
            sim.Step();
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [SkippableFact]
    public void Simd_lanes_are_independent_trials()
    {
        Skip.IfNot(LaneKernels.Supported, "no AVX2");
        const int durationMs = 60;
        var (cell, events) = PaperInput(ExcitatorySynapseKind.AmpaNmda, durationMs);
        var plan = Plan(cell);
        var options = SimulationOptions.Fast with { Lanes = Lanes };
        var a = new Kit.Neuron.Simulation.Simulation(cell, options);
        var b = new Kit.Neuron.Simulation.Simulation(cell, options);
        for (int l = 0; l < Lanes; l++)
        {
            a.SetEvents(l, events[l]);
            // b: lane 2 gets lane 0's input and a current step; the other lanes must not notice.
            b.SetEvents(l, events[l == 2 ? 0 : l]);
        }
        b.AddStimulus(new CurrentClamp(cell.SomaNode, 1.0, 5, 40), 2);
        var ra = a.Run(durationMs, plan);
        var rb = b.Run(durationMs, plan);
        foreach (int l in new[] { 0, 1, 3 })
            Assert.Equal(ra.Trace("soma", l), rb.Trace("soma", l));
        Assert.NotEqual(ra.Trace("soma", 2), rb.Trace("soma", 2));
    }
}
