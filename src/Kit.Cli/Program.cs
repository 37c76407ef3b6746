using System.CommandLine;
using Kit.Cli.Commands;
using Kit.Core;

namespace Kit.Cli;

/// <summary>
/// The <c>kit</c> command. Each command group lives in one file under <c>Commands/</c> with a static
/// <c>Create()</c> returning its <see cref="Command"/>; register new groups in <see cref="BuildRoot"/>.
/// Exit codes: 0 success, 1 the work failed (e.g. a notebook cell), 2 usage errors (bad arguments, missing
/// or malformed input files), 130 cancelled with Ctrl+C.
/// </summary>
public static class Program
{
    /// <summary>Exit code of success.</summary>
    public const int Success = 0;

    /// <summary>Exit code when the requested work failed.</summary>
    public const int Failure = 1;

    /// <summary>Exit code of usage errors.</summary>
    public const int UsageError = 2;

    /// <summary>Exit code after Ctrl+C.</summary>
    public const int Cancelled = 130;

    /// <summary>Process entry point.</summary>
    public static int Main(string[] args)
    {
        // Before anything touches Console: .NET decides then whether SIGINT is handled (InterruptSignal).
        if (args is ["kernel", "start", ..] && InterruptSignal.RestoreIfIgnored())
            Console.Error.WriteLine(
                "neuronkit kernel: SIGINT was ignored by the parent process; restored so interrupts reach the kernel"
            );
        return Run(args, Console.Out, Console.Error);
    }

    /// <summary>The command tree.</summary>
    public static RootCommand BuildRoot()
    {
        var root = new RootCommand(
            "NeuronKit: single cortical neurons as deep networks (Beniaguev et al. 2021) in C#."
        );
        root.Subcommands.Add(NotebookCommands.Create());
        root.Subcommands.Add(CacheCommands.Create());
        root.Subcommands.Add(ValidateCommand.Create());
        root.Subcommands.Add(KernelCommands.Create());
        root.Subcommands.Add(SimulateCommands.Create());
        root.Subcommands.Add(FiguresCommand.Create());
        root.Subcommands.Add(BenchCommands.Create());
        root.Subcommands.Add(EvaluateCommand.Create());
        root.Subcommands.Add(SweepCommands.Create());
        return root;
    }

    /// <summary>Parses and runs <paramref name="args"/>, writing to the given writers (tests call this in-process).</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var parse = BuildRoot().Parse(args);
        var config = new InvocationConfiguration
        {
            Output = output,
            Error = error,
            // Ctrl+C is handled below so it cancels KitCancellation cooperatively.
            ProcessTerminationTimeout = null,
        };
        if (parse.Errors.Count > 0 && parse.Action is not System.CommandLine.Help.HelpAction)
        {
            foreach (var e in parse.Errors)
                error.WriteLine(e.Message);
            error.WriteLine("Run 'kit --help' for usage.");
            return UsageError;
        }

        using var cts = new CancellationTokenSource();
        void OnCancel(object? sender, ConsoleCancelEventArgs e)
        {
            // First Ctrl+C cancels cooperatively; a second one ends the process.
            e.Cancel = !cts.IsCancellationRequested;
            cts.Cancel();
        }
        var previous = KitCancellation.Token;
        Console.CancelKeyPress += OnCancel;
        KitCancellation.Token = cts.Token;
        try
        {
            return parse.InvokeAsync(config, cts.Token).GetAwaiter().GetResult();
        }
        finally
        {
            Console.CancelKeyPress -= OnCancel;
            KitCancellation.Token = previous;
        }
    }
}
