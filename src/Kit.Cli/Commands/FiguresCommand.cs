using System.CommandLine;
using Kit.Core;
using Kit.Notebooks.Running;
using Kit.Plots;

namespace Kit.Cli.Commands;

/// <summary>
/// <c>kit figures</c>: runs every figure notebook (<c>notebooks/*.ipynb</c>) headlessly at one profile and writes
/// the gallery <c>figures/index.html</c>. Figure notebooks declare <c>profile</c>, <c>formats</c> and <c>dpi</c>
/// in their parameters cell; this command sets all three.
/// </summary>
internal static class FiguresCommand
{
    /// <summary>The <c>figures</c> command.</summary>
    public static Command Create()
    {
        var profile = new Option<string?>("--profile")
        {
            Description = "smoke, course or paper (default: NEURONKIT_PROFILE, else course).",
        };
        var formats = new Option<string>("--formats")
        {
            Description =
                "Exported formats besides HTML: any of png,svg,pdf (PNG/SVG/PDF need Chromium).",
            DefaultValueFactory = _ => "png,svg,pdf",
        };
        var dpi = new Option<int>("--dpi")
        {
            Description =
                "Resolution of PNG panels (panel sizes are set in mm by the figure's style).",
            DefaultValueFactory = _ => 300,
        };
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
        try
        {
            Profiles.Validate(profile);
            FigureOutput.ParseFormats(formats);
        }
        catch (ArgumentException e)
        {
            error.WriteLine(e.Message);
            return Program.UsageError;
        }
        if (dpi < 36 || dpi > 2400)
        {
            error.WriteLine($"--dpi {dpi} is outside 36..2400.");
            return Program.UsageError;
        }
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
        int failed = 0;
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
        return failed == 0 ? Program.Success : Program.Failure;
    }
}
