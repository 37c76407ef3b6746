namespace Kit.Core;

/// <summary>Where displayed values go: a notebook cell's outputs, or the console.</summary>
public interface IDisplaySink
{
    /// <summary>Shows a new output; <paramref name="displayId"/> (when given) lets it be updated later.</summary>
    void Show(MimeBundle bundle, string? displayId);

    /// <summary>Replaces the output shown earlier under <paramref name="displayId"/>.</summary>
    void Update(MimeBundle bundle, string displayId);
}

/// <summary>
/// Shows values from library or notebook code. Inside a notebook the engine installs a sink that turns them
/// into cell outputs; elsewhere plain text goes to the console.
/// </summary>
public static class Display
{
    private static readonly AsyncLocal<IDisplaySink?> current = new();

    /// <summary>The active sink (set by the notebook engine for the executing cell); null means console.</summary>
    public static IDisplaySink? Sink
    {
        get => current.Value;
        set => current.Value = value;
    }

    /// <summary>True when a notebook engine is collecting outputs.</summary>
    public static bool InNotebook => Sink != null;

    /// <summary>Shows a value and returns a handle that can replace it in place.</summary>
    public static DisplayHandle Show(object? value)
    {
        var handle = new DisplayHandle(Guid.NewGuid().ToString("N"));
        var bundle = DisplayFormatters.Format(value);
        if (Sink is { } sink)
            sink.Show(bundle, handle.Id);
        else
            Console.WriteLine(
                bundle.Data.TryGetValue("text/plain", out var text) ? text : value?.ToString()
            );
        return handle;
    }
}

/// <summary>A displayed output that can be replaced in place (Jupyter <c>update_display_data</c>).</summary>
public sealed record DisplayHandle(string Id)
{
    /// <summary>Replaces the displayed value.</summary>
    public void Update(object? value)
    {
        var bundle = DisplayFormatters.Format(value);
        if (Display.Sink is { } sink)
            sink.Update(bundle, Id);
        else
            Console.WriteLine(
                bundle.Data.TryGetValue("text/plain", out var text) ? text : value?.ToString()
            );
    }
}
