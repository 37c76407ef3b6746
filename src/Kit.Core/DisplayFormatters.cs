using System.Collections.Concurrent;

namespace Kit.Core;

/// <summary>
/// Registry that turns values into <see cref="MimeBundle"/>s. Libraries register formatters for their types
/// (Kit.Plots for charts, Kit.Learning for tables); the notebook engine knows only this registry.
/// The most specific registered type (class hierarchy, then interfaces) wins; otherwise records show as JSON,
/// sequences of objects as tables and anything else through <c>ToString()</c>.
/// </summary>
public static class DisplayFormatters
{
    private static readonly ConcurrentDictionary<Type, Func<object, MimeBundle>> formatters = new();

    /// <summary>Registers (or replaces) the formatter of <typeparamref name="T"/> and its subtypes.</summary>
    public static void Register<T>(Func<T, MimeBundle> format) =>
        formatters[typeof(T)] = o => format((T)o);

    /// <summary>Formats a value with the most specific registered formatter, or as plain text.</summary>
    public static MimeBundle Format(object? value)
    {
        if (value is null)
            return MimeBundle.Text("null");
        if (value is MimeBundle bundle)
            return bundle;
        for (var t = value.GetType(); t != null; t = t.BaseType)
            if (formatters.TryGetValue(t, out var f))
                return f(value);
        foreach (var i in value.GetType().GetInterfaces())
            if (formatters.TryGetValue(i, out var f))
                return f(value);
        return DefaultFormatting.Format(value);
    }
}
