using System.CommandLine;

namespace Kit.Cli.Commands;

/// <summary>
/// A fixed set of values an option accepts by name (e.g. <c>--synapses ampa-nmda|ampa</c>): System.CommandLine
/// parses and rejects them (case-insensitive, the accepted names in the error), and lists them in help and tab
/// completion. The first name of a value is its spelling in help and in output; later ones are accepted aliases.
/// </summary>
/// <typeparam name="T">The value behind each name.</typeparam>
internal sealed class NamedChoices<T>
{
    private readonly (string Name, T Value)[] choices;

    /// <summary>The choices in the order help lists them.</summary>
    public NamedChoices(params (string Name, T Value)[] choices) => this.choices = choices;

    /// <summary>The names shown in help: each value's first name, in order.</summary>
    public IReadOnlyList<string> Names =>
        choices.GroupBy(c => c.Value).Select(g => g.First().Name).ToList();

    /// <summary>The shown name of <paramref name="value"/>.</summary>
    public string NameOf(T value) =>
        choices.First(c => EqualityComparer<T>.Default.Equals(c.Value, value)).Name;

    private Named<T> Choice(T value) => new(NameOf(value), value);

    /// <summary>
    /// An option <paramref name="name"/> taking one of the names; <paramref name="defaultName"/> (one of the names)
    /// when absent, or required when null.
    /// </summary>
    public Option<Named<T>> CreateOption(string name, string description, string? defaultName)
    {
        var option = new Option<Named<T>>(name)
        {
            Description = description,
            HelpName = string.Join('|', Names),
            Required = defaultName == null,
            CustomParser = result =>
            {
                var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
                foreach (var (n, v) in choices)
                    if (string.Equals(n, text, StringComparison.OrdinalIgnoreCase))
                        return Choice(v);
                result.AddError($"{name} '{text}' is not one of: {string.Join(", ", Names)}.");
                return default;
            },
        };
        if (defaultName != null)
        {
            var value = Choice(choices.First(c => c.Name == defaultName).Value);
            option.DefaultValueFactory = _ => value;
        }
        option.CompletionSources.Add(Names.ToArray());
        return option;
    }
}

/// <summary>
/// One of <see cref="NamedChoices{T}"/>: the value and its command-line name (which help shows as the default and
/// output echoes, instead of the value's own ToString).
/// </summary>
/// <param name="Name">The command-line spelling, e.g. <c>ampa-nmda</c>.</param>
/// <param name="Value">The value it stands for.</param>
internal readonly record struct Named<T>(string Name, T Value)
{
    /// <inheritdoc />
    public override string ToString() => Name;
}
