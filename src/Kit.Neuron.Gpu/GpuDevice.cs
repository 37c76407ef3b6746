using ILGPU;
using ILGPU.Algorithms;
using ILGPU.Runtime;
using ILGPU.Runtime.CPU;
using ILGPU.Runtime.Cuda;
using Kit.Neuron.Simulation;

namespace Kit.Neuron.Gpu;

/// <summary>
/// An ILGPU accelerator with the engine's kernels loaded: the first CUDA device (<see cref="SimulationEngine.Gpu"/>)
/// or ILGPU's CPU accelerator (<see cref="SimulationEngine.IlgpuCpu"/>, which runs the same kernels as .NET code on
/// CPU threads, for tests and CI). Loading compiles the kernels (seconds); share one device between engines.
/// </summary>
public sealed class GpuDevice : IDisposable
{
    /// <summary>The one-line error of <see cref="SimulationEngine.Gpu"/> without a CUDA device.</summary>
    public const string NoCudaMessage =
        "no CUDA device: --engine gpu needs an NVIDIA GPU and its driver; use --engine cpu or ilgpu-cpu";

    private readonly Context _context;

    internal Accelerator Accelerator { get; }

    internal Action<Index1D, GpuKernelArgs> StepWindow { get; }

    internal Action<Index1D, ArrayView<double>, ArrayView<double>, int> Broadcast { get; }

    /// <summary>Which engine this device runs.</summary>
    public SimulationEngine Engine { get; }

    /// <summary>The accelerator's name (the card, e.g. "NVIDIA H100 80GB HBM3", or ILGPU's CPU accelerator).</summary>
    public string Name => Accelerator.Name;

    /// <summary>Device memory (bytes).</summary>
    public long MemoryBytes => Accelerator.MemorySize;

    private GpuDevice(Context context, Accelerator accelerator, SimulationEngine engine)
    {
        _context = context;
        Accelerator = accelerator;
        Engine = engine;
        StepWindow = accelerator.LoadAutoGroupedStreamKernel<Index1D, GpuKernelArgs>(
            GpuKernels.StepWindow
        );
        Broadcast = accelerator.LoadAutoGroupedStreamKernel<
            Index1D,
            ArrayView<double>,
            ArrayView<double>,
            int
        >(GpuKernels.Broadcast);
    }

    /// <summary>Opens the device of <paramref name="engine"/> (<see cref="SimulationEngine.Gpu"/> or <see cref="SimulationEngine.IlgpuCpu"/>).</summary>
    /// <exception cref="GpuUnavailableException">Gpu asked for and no CUDA device (message: <see cref="NoCudaMessage"/>).</exception>
    public static GpuDevice Open(SimulationEngine engine)
    {
        switch (engine)
        {
            case SimulationEngine.IlgpuCpu:
            {
                // One multiprocessor: the CPU accelerator's threads share the machine with the rest of the process.
                var context = Context.Create(b => b.CPU(new CPUDevice(4, 1, 1)));
                return new GpuDevice(
                    context,
                    context.CreateCPUAccelerator(0),
                    SimulationEngine.IlgpuCpu
                );
            }
            case SimulationEngine.Gpu:
            {
                Context? context = null;
                ResolveDriverLibrary();
                try
                {
                    // The algorithms extension supplies double-precision exp/log/pow for PTX (no CUDA toolkit or
                    // libdevice needed on the machine, only the driver).
                    context = Context.Create(b => b.Cuda().EnableAlgorithms());
                    if (context.GetCudaDevices().Count == 0)
                        throw new GpuUnavailableException(NoCudaMessage);
                    return new GpuDevice(
                        context,
                        context.CreateCudaAccelerator(0),
                        SimulationEngine.Gpu
                    );
                }
                catch (GpuUnavailableException)
                {
                    context?.Dispose();
                    throw;
                }
                catch (Exception e) when (e is DllNotFoundException or TypeInitializationException)
                {
                    context?.Dispose();
                    throw new GpuUnavailableException(NoCudaMessage, e);
                }
            }
            default:
                throw new ArgumentException(
                    $"engine {SimulationEngines.Name(engine)} has no ILGPU device",
                    nameof(engine)
                );
        }
    }

    private static int _resolverSet;

    /// <summary>
    /// ILGPU imports the CUDA driver as "cuda", which .NET looks for as libcuda.so; driver installs without the
    /// development link have only libcuda.so.1. Resolve "cuda" to either (once per process; if ILGPU has its own
    /// resolver, as under WSL, that one stays).
    /// </summary>
    private static void ResolveDriverLibrary()
    {
        if (Interlocked.Exchange(ref _resolverSet, 1) != 0 || !OperatingSystem.IsLinux())
            return;
        try
        {
            System.Runtime.InteropServices.NativeLibrary.SetDllImportResolver(
                typeof(Context).Assembly,
                (name, assembly, path) =>
                {
                    if (name != "cuda")
                        return IntPtr.Zero;
                    foreach (var file in new[] { "libcuda.so", "libcuda.so.1" })
                        if (
                            System.Runtime.InteropServices.NativeLibrary.TryLoad(
                                file,
                                assembly,
                                path,
                                out var handle
                            )
                        )
                            return handle;
                    return IntPtr.Zero;
                }
            );
        }
        catch (InvalidOperationException) { }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        Accelerator.Dispose();
        _context.Dispose();
    }
}

/// <summary>The GPU engine was asked for and no CUDA device (or driver) is present.</summary>
public sealed class GpuUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public GpuUnavailableException(string message, Exception? inner = null)
        : base(message, inner) { }
}
