using System.Text.Json;
using Kit.Core;
using Kit.GpuBench;
using Kit.Neuron.Gpu;

// kit-gpubench: the GPU engine's throughput and agreement (docs/gpu-engine.md, "Measuring on a GPU").
try
{
    var options = GpuBenchOptions.Parse(args);
    var result = GpuBenchmark.Run(options, Console.Out);
    AtomicFile.WriteAllText(
        options.OutPath,
        result.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n"
    );
    Console.WriteLine($"result: {options.OutPath}");
    return 0;
}
catch (GpuUnavailableException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}
catch (Exception e) when (e is ArgumentException or FormatException or FileNotFoundException)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}
