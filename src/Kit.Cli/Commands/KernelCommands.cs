using System.CommandLine;
using System.Reflection;
using System.Runtime.InteropServices;
using Kit.Core;
using Kit.Notebooks.Execution;
using Kit.Notebooks.Format;
using Kit.Notebooks.Kernel;

namespace Kit.Cli.Commands;

/// <summary><c>kit kernel ...</c>: the kit's Jupyter kernel and its kernelspec.</summary>
internal static class KernelCommands
{
    /// <summary>Environment variable in which Jupyter servers name the notebook of a kernel session.</summary>
    public const string SessionNameVariable = "JPY_SESSION_NAME";

    /// <summary>The <c>kernel</c> command group.</summary>
    public static Command Create()
    {
        var group = new Command(
            "kernel",
            $"The Jupyter kernel \"{KernelMetadata.DisplayName}\" (for VS Code, JupyterLab, jupyter nbconvert)."
        );
        group.Subcommands.Add(CreateStart());
        group.Subcommands.Add(CreateInstall());
        return group;
    }

    private static Command CreateStart()
    {
        var file = new Option<FileInfo>("--connection-file", "-f")
        {
            Description = "The connection file Jupyter writes (ports, key); kernel.json passes it.",
            Required = true,
            HelpName = "FILE",
        };
        var start = new Command(
            "start",
            "Run the kernel until a client shuts it down (Jupyter starts this through the kernelspec). "
                + "An interrupt (message or SIGINT) cancels the running cell only."
        )
        {
            file,
        };
        start.SetAction(
            (parse, _) => StartAsync(parse.GetValue(file)!, parse.InvocationConfiguration.Error)
        );
        return start;
    }

    private static Command CreateInstall()
    {
        var user = new Option<bool>("--user")
        {
            Description =
                "Install for the current user: $JUPYTER_DATA_DIR/kernels, else $XDG_DATA_HOME/jupyter/kernels, "
                + "else ~/.local/share/jupyter/kernels. Default: the system folder /usr/local/share/jupyter/kernels.",
        };
        var prefix = new Option<DirectoryInfo?>("--prefix")
        {
            Description =
                "Install into PREFIX/share/jupyter/kernels (e.g. a Python environment's sys.prefix).",
            HelpName = "DIR",
        };
        var install = new Command(
            "install",
            $"Write the kernelspec '{KernelMetadata.KernelName}' (\"{KernelMetadata.DisplayName}\") whose argv starts this kit by absolute path."
        )
        {
            user,
            prefix,
        };
        install.Validators.Add(result =>
        {
            if (result.GetResult(user) is { Implicit: false } && result.GetResult(prefix) != null)
                result.AddError("Use either --user or --prefix, not both.");
        });
        install.SetAction(parse =>
            Install(
                parse.GetValue(user),
                parse.GetValue(prefix),
                parse.InvocationConfiguration.Output,
                parse.InvocationConfiguration.Error
            )
        );
        return install;
    }

    private static int Install(
        bool user,
        DirectoryInfo? prefix,
        TextWriter output,
        TextWriter error
    )
    {
        var processPath = Environment.ProcessPath;
        if (string.IsNullOrEmpty(processPath))
        {
            error.WriteLine("Cannot tell which executable runs kit; run the kit apphost directly.");
            return Program.Failure;
        }
        var launcher = KernelSpec.Launcher(processPath, Assembly.GetEntryAssembly()?.Location);
        var kernels = KernelSpec.KernelsDirectory(user, prefix?.FullName);
        string folder;
        try
        {
            folder = KernelSpec.Install(kernels, launcher);
        }
        catch (UnauthorizedAccessException e)
        {
            error.WriteLine(
                $"Cannot write {kernels}: {e.Message} Use --user (or run as an administrator)."
            );
            return Program.Failure;
        }
        output.WriteLine($"Installed kernelspec '{KernelMetadata.KernelName}' in {folder}");
        output.WriteLine($"  argv: {string.Join(' ', KernelSpec.Argv(launcher))}");
        output.WriteLine(
            $"Select \"{KernelMetadata.DisplayName}\" in Jupyter (VS Code: Select Kernel > Jupyter Kernel...)."
        );
        return Program.Success;
    }

    private static async Task<int> StartAsync(FileInfo file, TextWriter error)
    {
        ConnectionInfo connection;
        try
        {
            connection = ConnectionInfo.Load(file.FullName);
        }
        catch (FormatException e)
        {
            error.WriteLine(e.Message);
            return Program.UsageError;
        }
        var folder = Directory.GetCurrentDirectory(); // Jupyter starts kernels in the notebook's folder
        var log = TextWriter.Synchronized(error); // the kernel's threads and the SIGINT handler share it
        var options = new JupyterKernelOptions
        {
            Log = log,
            Session = new ExecutionSessionOptions
            {
                BaseDirectory = folder,
                Notebook = Notebook(folder),
            },
        };
        // No stdin_request support: a cell reading the console gets end of input instead of hanging.
        Console.SetIn(TextReader.Null);
        using var kernel = new JupyterKernel(connection, options);
        // .NET runs PosixSignal handlers on the thread pool. A running cell holds pool threads (the cell itself and
        // the shell worker waiting for it), and on a loaded machine the pool adds threads slowly: an interrupt then
        // waited for a free thread for up to a minute (seen in CI). Enough threads from the start keep it prompt.
        ThreadPool.GetMinThreads(out int workers, out int completionPorts);
        ThreadPool.SetMinThreads(Math.Max(workers, 16), completionPorts);
        // Jupyter's default interrupt is SIGINT: cancel the running cell, never end the process.
        using var sigint = PosixSignalRegistration.Create(
            PosixSignal.SIGINT,
            context =>
            {
                context.Cancel = true;
                log.WriteLine(
                    kernel.Interrupt()
                        ? "neuronkit kernel: SIGINT: interrupting the running cell"
                        : "neuronkit kernel: SIGINT: no cell running"
                );
            }
        );
        // Program.Run lets a second Ctrl+C end the process; a kernel must survive every SIGINT. Handlers of
        // CancelKeyPress run in subscription order, so this one (after Program's) has the last word.
        static void KeepRunning(object? sender, ConsoleCancelEventArgs e) => e.Cancel = true;
        Console.CancelKeyPress += KeepRunning;
        // Serve only now: a client that saw a cell start may interrupt it at once.
        kernel.Start();
        try
        {
            // The command's own token (Ctrl+C) is deliberately not observed: only shutdown_request ends the kernel.
            await kernel.Completion.ConfigureAwait(false);
        }
        finally
        {
            Console.CancelKeyPress -= KeepRunning;
        }
        return Program.Success;
    }

    /// <summary>The notebook of this kernel when the Jupyter server names it (JupyterLab, Notebook 7), else null.</summary>
    private static NotebookContext? Notebook(string folder)
    {
        var name = Environment.GetEnvironmentVariable(SessionNameVariable);
        if (
            string.IsNullOrWhiteSpace(name)
            || !name.EndsWith(".ipynb", StringComparison.OrdinalIgnoreCase)
        )
            return null;
        var path = Path.GetFullPath(name, folder);
        if (!File.Exists(path))
            path = Path.Combine(folder, Path.GetFileName(name));
        if (!File.Exists(path))
            return null;
        var env = Environment.GetEnvironmentVariable(KitPaths.RootVariable);
        var root = !string.IsNullOrWhiteSpace(env)
            ? Path.GetFullPath(env)
            : KitPaths.FindRoot(Path.GetDirectoryName(path)!) ?? folder;
        return new NotebookContext(path, root);
    }
}
