using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using Microsoft.CodeAnalysis;

namespace Kit.Notebooks.Execution;

/// <summary>
/// Documentation comments of one assembly read from its XML documentation file (loaded on first use), so
/// Roslyn symbols of the kit's assemblies answer <see cref="ISymbol.GetDocumentationCommentXml"/>.
/// </summary>
internal sealed class XmlDocumentationFile(string path) : DocumentationProvider
{
    private readonly Lazy<IReadOnlyDictionary<string, string>> members = new(() => Load(path));

    /// <inheritdoc />
    protected override string? GetDocumentationForSymbol(
        string documentationMemberID,
        CultureInfo preferredCulture,
        CancellationToken cancellationToken = default
    ) => members.Value.GetValueOrDefault(documentationMemberID);

    /// <inheritdoc />
    public override bool Equals(object? obj) =>
        obj is XmlDocumentationFile other && other.Path == Path;

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Path);

    private string Path => path;

    private static Dictionary<string, string> Load(string path)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            var doc = XDocument.Load(path);
            foreach (var m in doc.Descendants("member"))
                if (m.Attribute("name")?.Value is { } name)
                    result[name] = m.ToString();
        }
        catch (Exception e) when (e is IOException or XmlException or UnauthorizedAccessException)
        {
            // Unreadable documentation: symbols simply have none.
        }
        return result;
    }
}
