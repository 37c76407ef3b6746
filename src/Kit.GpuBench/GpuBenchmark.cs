using System.Diagnostics;
using System.Text.Json.Nodes;
using Kit.Neuron.Cells;
using Kit.Neuron.Gpu;
using Kit.Neuron.Simulation;
using CpuSimulation = Kit.Neuron.Simulation.Simulation;

namespace Kit.GpuBench;

/// <summary>
/// The GPU engine measured on the NMDA L5PC with the dataset factory's default method
/// (<see cref="SimulationOptions.Refined"/>) under the paper's input: agreement with the CPU engine (one lane per
/// trial, docs/gpu-engine.md), the CPU engine's one-core reference, then throughput at each trial count.
/// </summary>
internal static class GpuBenchmark
{
    /// <summary>
    /// NEURON 8.2's wall seconds per simulated second on one core at its fastest setting (fixed dt 0.025 ms), measured
    /// on the kit's development machine (README, "Speed: kit bench simulate"); not measured on the GPU machine.
    /// </summary>
    public const double NeuronFixedStepWallSPerSimulatedS = 9.3;

    public static JsonObject Run(GpuBenchOptions o, TextWriter log)
    {
        var options = SimulationOptions.Refined;
        var hay = HayL5pc.Load(o.Morphology, ExcitatorySynapseKind.AmpaNmda);
        var cell = hay.Build();
        int exc = cell.SynapseGroupIndex(HayL5pc.ExcitatoryGroup),
            inh = cell.SynapseGroupIndex(HayL5pc.InhibitoryGroup);
        var plan = RecordingPlan.Of(cell.SomaNode, new Probe("soma", cell.SomaNode, 0.125));
        double longest = Math.Max(o.Seconds, Math.Max(o.AgreementMs / 1000, o.CpuSeconds));
        var sw = Stopwatch.StartNew();
        var pool = HayL5pcBenchmark
            .TrialInputs(
                o.Morphology,
                ExcitatorySynapseKind.AmpaNmda,
                longest,
                options.DtMs,
                o.Seed,
                o.InputPool
            )
            .Select(x => HayL5pcBenchmark.Events(x, exc, inh).OrderBy(e => e.TimeMs).ToArray())
            .ToArray();
        log.WriteLine($"inputs: {pool.Length} drawn in {sw.Elapsed.TotalSeconds:0.0} s");

        using var device = GpuDevice.Open(o.Engine);
        long bytesPerTrial = GpuSimulation.BytesPerTrial(cell, options);
        log.WriteLine(
            $"device: {device.Name}, {device.MemoryBytes / (1 << 20)} MiB; {bytesPerTrial} bytes of state per trial"
        );
        var result = new JsonObject
        {
            ["engine"] = SimulationEngines.Name(o.Engine),
            ["device"] = device.Name,
            ["device_memory_bytes"] = device.MemoryBytes,
            ["cell"] = "hay-l5pc ampa-nmda (L5PCbiophys5b)",
            ["morphology"] = Path.GetFileName(o.Morphology),
            ["nodes"] = cell.Tree.Nodes,
            ["synapses"] = cell.Synapses.Sum(s => s.Count),
            ["method"] =
                "refined (Crank-Nicolson dt 0.025 ms, 5x refined at soma >= -58 mV and 3 ms after)",
            ["dt_ms"] = options.DtMs,
            ["bytes_per_trial"] = bytesPerTrial,
            ["window_ms"] = o.WindowMs,
            ["input_pool"] = pool.Length,
            ["processor_count"] = Environment.ProcessorCount,
        };

        if (o.AgreementTrials > 0)
            result["agreement"] = Agreement(o, device, cell, options, plan, pool, log);
        if (o.Fixture != null)
            result["neuron_validation"] = Validate(o, device, log);

        // The CPU engine on one core: 8 lanes, one thread (the README's throughput setting).
        double cpuMs = Math.Round(o.CpuSeconds * 1000 / options.DtMs) * options.DtMs;
        var cpu = new CpuSimulation(cell, options with { Lanes = 8 });
        for (int l = 0; l < 8; l++)
            cpu.SetEvents(l, pool[l % pool.Length]);
        sw.Restart();
        cpu.Run(cpuMs, plan);
        double cpuWallPerSim = sw.Elapsed.TotalSeconds / (8 * cpuMs / 1000);
        log.WriteLine(
            $"cpu engine, 1 thread x 8 lanes: {cpuWallPerSim:0.000} wall s per simulated s"
        );
        result["cpu_engine_one_core_wall_s_per_simulated_s"] = cpuWallPerSim;

        var runs = new JsonArray();
        double durationMs = Math.Round(o.Seconds * 1000 / options.DtMs) * options.DtMs;
        double spent = 0,
            rate = 0;
        long perWindowBytes = (long)(8 * (o.WindowMs / 0.125 + 256)) + 2048;
        long fits = (long)(0.85 * device.MemoryBytes / (bytesPerTrial + perWindowBytes));
        foreach (int asked in o.Trials)
        {
            int trials = (int)Math.Min(asked, fits);
            double projected = rate > 0 ? trials * durationMs / 1000 / rate : 0;
            if (rate > 0 && spent + projected > o.BudgetSeconds)
            {
                log.WriteLine(
                    $"{trials} trials: skipped (projected {projected:0} s past the budget)"
                );
                runs.Add(new JsonObject { ["trials"] = trials, ["skipped"] = "time budget" });
                continue;
            }
            using var gpu = new GpuSimulation(device, cell, options, trials, o.WindowMs);
            for (int t = 0; t < trials; t++)
                gpu.SetEvents(t, pool[t % pool.Length]);
            sw.Restart();
            var r = gpu.Run(durationMs, plan);
            double wall = sw.Elapsed.TotalSeconds;
            spent += wall;
            double simulated = trials * durationMs / 1000;
            rate = simulated / wall;
            double spikes = Enumerable.Range(0, trials).Sum(t => r.CrossingTimesMs(t).Length);
            log.WriteLine(
                $"{trials} trials x {durationMs / 1000} s: {wall:0.0} s wall ({gpu.KernelSeconds:0.0} s in kernels), "
                    + $"{rate:0.0} simulated s per wall s, {(double)gpu.RefinedStepCount / gpu.StepCount:P1} steps refined"
            );
            runs.Add(
                new JsonObject
                {
                    ["trials"] = trials,
                    ["trials_asked"] = asked,
                    ["simulated_s_per_trial"] = durationMs / 1000,
                    ["wall_s"] = wall,
                    ["kernel_s"] = gpu.KernelSeconds,
                    ["simulated_s_per_wall_s"] = rate,
                    ["simulated_s_per_gpu_hour"] = rate * 3600,
                    ["kernel_simulated_s_per_wall_s"] = simulated / gpu.KernelSeconds,
                    ["refined_step_fraction"] = (double)gpu.RefinedStepCount / gpu.StepCount,
                    ["output_spikes_per_trial"] = spikes / trials,
                    ["ratio_to_cpu_engine_one_core"] = rate * cpuWallPerSim,
                    ["ratio_to_neuron_fixed_step_one_core"] =
                        rate * NeuronFixedStepWallSPerSimulatedS,
                }
            );
        }
        result["runs"] = runs;
        result["neuron_fixed_step_wall_s_per_simulated_s"] = NeuronFixedStepWallSPerSimulatedS;
        result["neuron_note"] =
            "NEURON 8.2, fixed dt 0.025 ms, one core, measured on the kit's development machine (README), not here";
        result["hours_for_200_simulated_hours"] = rate > 0 ? 200 / rate : null;
        return result;
    }

    /// <summary>
    /// <c>kit validate</c> on the device: the fixture's recorded inputs re-simulated by the GPU engine, soma RMS and
    /// spike match against NEURON's traces (README, "Checking the kit against NEURON").
    /// </summary>
    private static JsonObject Validate(GpuBenchOptions o, GpuDevice device, TextWriter log)
    {
        var engine = new GpuTrialBatchEngine(device, o.WindowMs);
        var report = NeuronIoValidation.Run(
            o.Fixture!,
            Kit.Neuron.Morphology.Morphology.Load(o.Morphology),
            new NeuronIoValidationOptions
            {
                Engine = engine,
                MaxLanes = int.MaxValue,
                MaxDurationMs = o.FixtureMs,
            }
        );
        log.WriteLine(
            $"validate {Path.GetFileName(o.Fixture)}: soma RMS {report.SomaRmsMv:0.0000} mV, spike match "
                + $"{report.SpikeMatchFraction:0.000} ({report.ReferenceSpikes} / {report.KitSpikes} spikes), "
                + $"{report.WallSeconds:0.0} s"
        );
        return new JsonObject
        {
            ["file"] = Path.GetFileName(o.Fixture),
            ["method"] = "refined",
            ["simulations"] = report.Simulations,
            ["compared_ms"] = o.FixtureMs,
            ["soma_rms_mv"] = report.SomaRmsMv,
            ["spike_match_fraction"] = report.SpikeMatchFraction,
            ["reference_spikes"] = report.ReferenceSpikes,
            ["kit_spikes"] = report.KitSpikes,
            ["wall_s"] = report.WallSeconds,
        };
    }

    /// <summary>The GPU engine against the CPU engine run one trial at a time (scalar kernels, one lane).</summary>
    private static JsonObject Agreement(
        GpuBenchOptions o,
        GpuDevice device,
        CellModel cell,
        SimulationOptions options,
        RecordingPlan plan,
        SynapticEvent[][] pool,
        TextWriter log
    )
    {
        int n = o.AgreementTrials;
        double ms = Math.Round(o.AgreementMs / options.DtMs) * options.DtMs;
        using var gpu = new GpuSimulation(device, cell, options, n, o.WindowMs);
        for (int t = 0; t < n; t++)
            gpu.SetEvents(t, pool[t % pool.Length]);
        var g = gpu.Run(ms, plan);
        double maxDv = 0,
            maxDt = 0;
        bool sameCount = true;
        int spikes = 0;
        for (int t = 0; t < n; t++)
        {
            var cpu = new CpuSimulation(cell, options with { Lanes = 1, Simd = false });
            cpu.SetEvents(0, pool[t % pool.Length]);
            var c = cpu.Run(ms, plan);
            var a = c.Trace("soma");
            var b = g.Trace("soma", t);
            for (int k = 0; k < a.Length; k++)
                maxDv = Math.Max(maxDv, Math.Abs(a[k] - b[k]));
            var ca = c.CrossingTimesMs();
            var cb = g.CrossingTimesMs(t);
            spikes += ca.Length;
            if (ca.Length != cb.Length)
                sameCount = false;
            else
                for (int k = 0; k < ca.Length; k++)
                    maxDt = Math.Max(maxDt, Math.Abs(ca[k] - cb[k]));
        }
        log.WriteLine(
            $"agreement, {n} trials x {ms} ms: max |dV| {maxDv:E3} mV, {spikes} spikes, "
                + (sameCount ? $"max |dt| {maxDt:E3} ms" : "spike counts differ")
        );
        return new JsonObject
        {
            ["trials"] = n,
            ["duration_ms"] = ms,
            ["max_abs_dv_mv"] = maxDv,
            ["cpu_spikes"] = spikes,
            ["same_spike_counts"] = sameCount,
            ["max_abs_spike_dt_ms"] = sameCount ? maxDt : null,
            ["reference"] = "CPU engine, one lane per trial, scalar kernels, same inputs",
        };
    }
}
