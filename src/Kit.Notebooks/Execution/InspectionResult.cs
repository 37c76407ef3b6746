namespace Kit.Notebooks.Execution;

/// <summary>What the symbol under a cursor is.</summary>
/// <param name="Signature">Its declaration, e.g. <c>static double Math.Sqrt(double d)</c>.</param>
/// <param name="Summary">The XML documentation summary as plain text, or null when there is none.</param>
/// <param name="Details">Parameters and return value documentation as plain text lines.</param>
public sealed record InspectionResult(
    string Signature,
    string? Summary,
    IReadOnlyList<string> Details
)
{
    /// <summary>Signature, summary and details as one plain text block.</summary>
    public string ToText() =>
        string.Join(
            "\n",
            new[] { Signature }
                .Concat(Summary is null ? [] : ["", Summary])
                .Concat(Details.Count == 0 ? [] : ["", .. Details])
        );
}
