using Kit.Notebooks.Execution;

namespace Kit.Notebooks.Kernel;

/// <summary>How a <see cref="JupyterKernel"/> runs.</summary>
public sealed record JupyterKernelOptions
{
    /// <summary>Where protocol problems (refused messages, handler failures) are logged; default standard error.</summary>
    public TextWriter? Log { get; init; }

    /// <summary>Options of every execution session (the first one and each one after a restart).</summary>
    public ExecutionSessionOptions Session { get; init; } = new();

    /// <summary>
    /// When true, <c>shutdown_request</c> with <c>restart</c> starts a new session in the same process. When false
    /// (the default, what Jupyter clients expect: they wait for the process to end and launch a new one), every
    /// shutdown ends the kernel.
    /// </summary>
    public bool RestartInProcess { get; init; }
}
