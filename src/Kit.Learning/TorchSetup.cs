using System.Runtime.InteropServices;
using TorchSharp;

namespace Kit.Learning;

/// <summary>
/// Process-wide libtorch threading setup. Call <see cref="Configure"/> before the first tensor operation.
/// </summary>
/// <remarks>
/// libtorch's OpenMP workers spin while waiting by default; on 2 cores shared with other processes that made
/// 2 threads 2x slower than 1. <c>OMP_WAIT_POLICY=PASSIVE</c> must be in the <b>native</b> environment before
/// libgomp initialises: on Unix .NET's <see cref="Environment.SetEnvironmentVariable(string, string)"/> only
/// changes a managed copy, so libc <c>setenv</c> is called directly.
/// </remarks>
public static class TorchSetup
{
    private static readonly object gate = new();
    private static int? configured;

    // OpenMP keeps the thread count per OS thread (pytorch#37259): libtorch's parallel loops run at the calling
    // thread's omp_get_max_threads, whatever another thread set. So each thread is configured on its own.
    [ThreadStatic]
    private static int configuredOnThisThread;

    /// <summary>Environment variable that overrides the default thread count.</summary>
    public const string ThreadsVariable = "NEURONKIT_THREADS";

    /// <summary>Threads used when none are given: <c>NEURONKIT_THREADS</c> if set and positive, else all processors.</summary>
    public static int DefaultThreads =>
        int.TryParse(Environment.GetEnvironmentVariable(ThreadsVariable), out var n) && n > 0
            ? n
            : Environment.ProcessorCount;

    /// <summary>The thread count last applied, or null before the first call.</summary>
    public static int? Threads
    {
        get
        {
            lock (gate)
                return configured;
        }
    }

    /// <summary>
    /// Sets the OpenMP wait policy (first call only, unless the user already set one) and libtorch's intra-op
    /// and inter-op thread counts. Idempotent per thread: calling again on the same thread with the same count does
    /// nothing; a different count changes intra-op threads only (libtorch fixes inter-op threads once work has
    /// started).
    /// </summary>
    /// <remarks>
    /// The intra-op count is OpenMP's, which is per OS thread: a count set on one thread does not reach another, so
    /// call this on the thread that does the tensor work (the trainer and the evaluator do).
    /// </remarks>
    /// <param name="threads">Intra-op threads; 0 or less means <see cref="DefaultThreads"/>.</param>
    public static void Configure(int threads = 0)
    {
        if (threads <= 0)
            threads = DefaultThreads;
        if (configuredOnThisThread == threads)
            return;
        lock (gate)
        {
            if (configured == null)
            {
                SetNativeEnvironment("OMP_WAIT_POLICY", "PASSIVE");
                try
                {
                    torch.set_num_interop_threads(1);
                }
                catch (ExternalException)
                {
                    // libtorch refuses once inter-op work has started; the default is then kept.
                }
            }
            torch.set_num_threads(threads);
            configured = threads;
            configuredOnThisThread = threads;
        }
    }

    /// <summary>Sets a variable in the managed and the native (libc) environment unless already set.</summary>
    internal static void SetNativeEnvironment(string name, string value)
    {
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable(name)))
            return;
        Environment.SetEnvironmentVariable(name, value);
        if (!OperatingSystem.IsWindows())
            _ = setenv(name, value, 0);
    }

    [DllImport("libc", EntryPoint = "setenv", CharSet = CharSet.Ansi, BestFitMapping = false)]
    private static extern int setenv(string name, string value, int overwrite);
}
