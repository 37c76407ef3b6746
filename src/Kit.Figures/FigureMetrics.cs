using System.Text.Json;
using System.Text.Json.Serialization;
using Kit.Core;

namespace Kit.Figures;

/// <summary>
/// The typed numbers of a figure run, written to <c>figures/&lt;figure&gt;/metrics.json</c>. Each figure derives a
/// record whose properties carry their JSON names (snake case with units, e.g. <c>rmse_mv</c>) and states the
/// paper's values of the same keys in <see cref="Paper"/>, which the JSON carries as a <c>paper</c> object so the
/// gallery (<c>kit figures</c>) shows them side by side.
/// </summary>
public abstract record FigureMetrics
{
    private static readonly JsonSerializerOptions json = new()
    {
        WriteIndented = true,
        Converters = { new FiniteOrNullConverter() },
    };

    /// <summary>
    /// Writes a number that is not finite (an interval with too few simulations, a metric that is undefined without
    /// spikes) as <c>null</c>, which JSON readers understand, instead of failing.
    /// </summary>
    private sealed class FiniteOrNullConverter : JsonConverter<double>
    {
        public override double Read(
            ref Utf8JsonReader reader,
            Type typeToConvert,
            JsonSerializerOptions options
        ) => reader.TokenType == JsonTokenType.Null ? double.NaN : reader.GetDouble();

        public override void Write(
            Utf8JsonWriter writer,
            double value,
            JsonSerializerOptions options
        )
        {
            if (double.IsFinite(value))
                writer.WriteNumberValue(value);
            else
                writer.WriteNullValue();
        }

        public override bool HandleNull => true;
    }

    /// <summary>The paper's numbers for keys of this record, or null (and no <c>paper</c> key) when it gives none.</summary>
    [JsonPropertyName("paper")]
    [JsonPropertyOrder(1)] // after the figure's own metrics
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, double>? Paper =>
        PaperValues.Count == 0 ? null : PaperValues;

    /// <summary>What <see cref="Paper"/> returns: each figure states the paper's values of its own keys.</summary>
    protected abstract IReadOnlyDictionary<string, double> PaperValues { get; }

    /// <summary>Indented JSON of the derived record (its own properties, then <c>paper</c>).</summary>
    public string ToJson() => JsonSerializer.Serialize(this, GetType(), json) + "\n";

    /// <summary>Writes the metrics atomically as JSON.</summary>
    public void Save(string path) => AtomicFile.WriteAllText(path, ToJson());

    /// <summary>
    /// Every metric the paper reports, with this run's value of the same key (null when the run has none, e.g. a
    /// comparison that needs data this profile did not make).
    /// </summary>
    public IReadOnlyList<PaperComparison> CompareWithPaper()
    {
        using var doc = JsonDocument.Parse(ToJson());
        return PaperValues
            .Select(p => new PaperComparison(
                p.Key,
                p.Value,
                doc.RootElement.TryGetProperty(p.Key, out var v)
                && v.ValueKind == JsonValueKind.Number
                    ? v.GetDouble()
                    : null
            ))
            .ToList();
    }
}
