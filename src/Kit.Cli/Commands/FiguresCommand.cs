using System.CommandLine;
using Kit.Core;
using Kit.Notebooks.Running;
using Kit.Plots;

namespace Kit.Cli.Commands;

/// <summary>
/// <c>kit figures</c>: runs every figure notebook (<c>notebooks/*.ipynb</c>) headlessly at one profile and writes
/// the gallery <c>figures/index.html</c>. Figure notebooks declare <c>profile</c>, <c>formats</c> and <c>dpi</c>
/// in their parameters cell; this command sets all three. A notebook that stops itself (a
/// <see cref="NotebookStopException"/>: data not in place) is reported as <c>stopped: message</c>, not as failed, and
/// the others still run. Exit code 1 if any notebook failed, else 3 (<see cref="NotebookCommands.Stopped"/>) if any
/// stopped, else 0.
/// </summary>
internal static class FiguresCommand
{
    /// <summary>The <c>figures</c> command.</summary>
    public static Command Create()
    {
        var profile = new Option<string?>("--profile")
        {
            Description =
                "Run size: smoke (CI-sized), course (laptop-sized) or paper (the paper's sizes). "
                + $"Default: {Profiles.EnvironmentVariable}, else course.",
            HelpName = string.Join('|', Profiles.All),
        };
        profile.AcceptOnlyFromAmong([.. Profiles.All]);
        var formats = new Option<string>("--formats")
        {
            Description =
                "Exported formats besides HTML, comma-separated: any of png,svg,pdf (or all); PNG/SVG/PDF need Chromium.",
            HelpName = "png,svg,pdf",
            DefaultValueFactory = _ => "png,svg,pdf",
        };
        formats.Validators.Add(result =>
        {
            try
            {
                FigureOutput.ParseFormats(result.GetValueOrDefault<string>() ?? "");
            }
            catch (ArgumentException e)
            {
                result.AddError($"--formats: {e.Message}");
            }
        });
        var dpi = new Option<int>("--dpi")
        {
            Description =
                "Resolution of PNG panels, 36..2400 (panel sizes are set in mm by the figure's style).",
            DefaultValueFactory = _ => 300,
        };
        dpi.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<int>();
            if (value < 36 || value > 2400)
                result.AddError($"--dpi {value} is outside 36..2400.");
        });
        var outDir = new Option<DirectoryInfo?>("--out")
        {
            Description =
                "Folder of the executed notebooks (default: the runner's temporary folder).",
        };
        var command = new Command(
            "figures",
            "Run every figure notebook headlessly and write figures/<notebook>/ (panels, metrics.json, config.json) "
                + "and the gallery figures/index.html."
        )
        {
            profile,
            formats,
            dpi,
            outDir,
        };
        command.SetAction(
            (parse, ct) =>
                RunAsync(
                    parse.GetValue(profile) ?? Profiles.Default,
                    parse.GetValue(formats)!,
                    parse.GetValue(dpi),
                    parse.GetValue(outDir),
                    parse.InvocationConfiguration.Output,
                    parse.InvocationConfiguration.Error,
                    ct
                )
        );
        return command;
    }

    private static async Task<int> RunAsync(
        string profile,
        string formats,
        int dpi,
        DirectoryInfo? outDir,
        TextWriter output,
        TextWriter error,
        CancellationToken ct
    )
    {
        var root = KitPaths.Root();
        var notebooks = Directory
            .GetFiles(Path.Combine(root, "notebooks"), "*.ipynb")
            .Where(f => !f.EndsWith(".executed.ipynb", StringComparison.Ordinal))
            .OrderBy(f => f, StringComparer.Ordinal)
            .ToList();
        if (notebooks.Count == 0)
        {
            error.WriteLine($"No notebooks in {Path.Combine(root, "notebooks")}.");
            return Program.UsageError;
        }
        var parameters = new Dictionary<string, string>
        {
            ["profile"] = profile,
            ["formats"] = "html," + formats,
            ["dpi"] = dpi.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        int failed = 0,
            stopped = 0;
        foreach (var nb in notebooks)
        {
            error.WriteLine($"== {Path.GetFileName(nb)} ({profile})");
            var result = await NotebookRunner
                .RunAsync(
                    nb,
                    new NotebookRunOptions
                    {
                        Parameters = parameters,
                        OutputDirectory = outDir?.FullName,
                        Progress = error,
                    },
                    ct
                )
                .ConfigureAwait(false);
            if (result.Succeeded)
                output.WriteLine(
                    $"{Path.GetFileName(nb)}: ok in {result.Duration.TotalSeconds:0} s -> figures/{Path.GetFileNameWithoutExtension(nb)}/"
                );
            else if (result.Stopped)
            {
                // Not a failure: the notebook says what it needs (e.g. the paper's data set for the paper profile).
                stopped++;
                output.WriteLine($"{Path.GetFileName(nb)}: stopped: {result.Error?.Message}");
            }
            else
            {
                failed++;
                output.WriteLine(
                    $"{Path.GetFileName(nb)}: cell {result.FailedCellNumber} failed: {result.Error}; executed copy {result.OutputPath}"
                );
            }
        }
        var gallery = FigureGallery.Write(Path.Combine(root, "figures"));
        output.WriteLine($"gallery: {gallery}");
        return failed > 0 ? Program.Failure
            : stopped > 0 ? NotebookCommands.Stopped
            : Program.Success;
    }
}
