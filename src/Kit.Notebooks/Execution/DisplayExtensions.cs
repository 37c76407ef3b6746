using Kit.Core;

namespace Kit.Notebooks.Execution;

/// <summary><c>value.Display()</c> as in Polyglot Notebooks, so cells written for it run unchanged.</summary>
public static class DisplayExtensions
{
    /// <summary>Shows <paramref name="value"/> (see <see cref="Kit.Core.Display.Show"/>) and returns a handle to update it.</summary>
    public static DisplayHandle Display<T>(this T value) => Kit.Core.Display.Show(value);
}
