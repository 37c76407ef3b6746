using System.Collections;
using System.Globalization;
using System.Net;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Kit.Core;

/// <summary>
/// How values without a registered formatter are shown: records (configs) as indented JSON, at most 20,000 characters, unless they
/// write their own ToString; sequences of
/// objects (e.g. a LINQ projection of a training history) as a table of their public properties; anything
/// else through <c>ToString()</c>.
/// </summary>
internal static class DefaultFormatting
{
    private const int MaxRows = 50;
    private const int MaxRecordChars = 20_000;

    // Named literals: a metric that is undefined (an AUC without spikes) shows as NaN instead of failing the cell.
    private static readonly JsonSerializerOptions json = new()
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static MimeBundle Format(object value)
    {
        if (value is string s)
            return MimeBundle.Text(s);
        if (IsRecord(value.GetType()) && !HasOwnToString(value.GetType()))
            return Record(value);
        if (value is IEnumerable sequence && !IsScalar(value.GetType()))
            return Table(sequence);
        return MimeBundle.Text(value.ToString() ?? "");
    }

    /// <summary>C# records have a compiler-generated <c>&lt;Clone&gt;$</c> method (classes) or an EqualityContract.</summary>
    private static bool IsRecord(Type t) =>
        t.GetMethod("<Clone>$") != null
        || t.GetProperty("EqualityContract", BindingFlags.NonPublic | BindingFlags.Instance)
            != null;

    /// <summary>A record whose author wrote ToString (a summary of big data, say) is shown through it.</summary>
    private static bool HasOwnToString(Type t) =>
        t.GetMethod(nameof(ToString), Type.EmptyTypes) is { } m
        && m.DeclaringType == t
        && !m.IsDefined(typeof(System.Runtime.CompilerServices.CompilerGeneratedAttribute), false);

    private static bool IsScalar(Type t) =>
        t.IsPrimitive
        || t == typeof(decimal)
        || t == typeof(string)
        || t == typeof(DateTime)
        || t.IsEnum;

    private static MimeBundle Record(object value)
    {
        string text;
        try
        {
            text =
                $"{value.GetType().Name} {JsonSerializer.Serialize(value, value.GetType(), json)}";
            if (text.Length > MaxRecordChars)
                text =
                    text[..MaxRecordChars]
                    + $"\n... ({text.Length - MaxRecordChars} more characters)";
        }
        catch (Exception e)
            when (e
                    is NotSupportedException
                        or InvalidOperationException
                        or JsonException
                        or ArgumentException
            )
        {
            return MimeBundle.Text(value.ToString() ?? "");
        }
        return MimeBundle.Html($"<pre>{WebUtility.HtmlEncode(text)}</pre>", text);
    }

    private static MimeBundle Table(IEnumerable sequence)
    {
        var rows = new List<object?>();
        int total = 0;
        foreach (var item in sequence)
        {
            if (rows.Count < MaxRows)
                rows.Add(item);
            total++;
        }
        var itemType = rows.FirstOrDefault(r => r != null)?.GetType();
        if (itemType == null || IsScalar(itemType))
        {
            var line =
                "["
                + string.Join(", ", rows.Select(r => Cell(r)))
                + (total > MaxRows ? ", ..." : "")
                + "]";
            return MimeBundle.Text(line);
        }
        var props = itemType
            .GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0 && p.Name != "EqualityContract")
            .ToArray();
        var cells = rows.Select(r =>
                props.Select(p => Cell(r == null ? null : p.GetValue(r))).ToArray()
            )
            .ToList();
        var widths = props
            .Select(
                (p, i) =>
                    Math.Max(p.Name.Length, cells.Select(c => c[i].Length).DefaultIfEmpty(0).Max())
            )
            .ToArray();
        var text = new StringBuilder();
        text.AppendLine(
            string.Join("  ", props.Select((p, i) => p.Name.PadRight(widths[i]))).TrimEnd()
        );
        foreach (var c in cells)
            text.AppendLine(string.Join("  ", c.Select((v, i) => v.PadRight(widths[i]))).TrimEnd());
        var html = new StringBuilder("<table><thead><tr>");
        foreach (var p in props)
            html.Append("<th>").Append(WebUtility.HtmlEncode(p.Name)).Append("</th>");
        html.Append("</tr></thead><tbody>");
        foreach (var c in cells)
        {
            html.Append("<tr>");
            foreach (var v in c)
                html.Append("<td>").Append(WebUtility.HtmlEncode(v)).Append("</td>");
            html.Append("</tr>");
        }
        html.Append("</tbody></table>");
        if (total > MaxRows)
        {
            text.AppendLine($"... {total - MaxRows} more rows ({total} in all)");
            html.Append($"<p>{total - MaxRows} more rows ({total} in all)</p>");
        }
        return MimeBundle.Html(html.ToString(), text.ToString().TrimEnd());
    }

    private static string Cell(object? v) =>
        v switch
        {
            null => "",
            double d => d.ToString("G6", CultureInfo.InvariantCulture),
            float f => f.ToString("G6", CultureInfo.InvariantCulture),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => v.ToString() ?? "",
        };
}
