namespace Kit.Notebooks.Execution;

/// <summary>Completions at a cursor: the text that replaces <c>[Start, End)</c> of the cell.</summary>
/// <param name="Matches">Candidate names, sorted.</param>
/// <param name="Start">UTF-16 offset where the word being completed starts.</param>
/// <param name="End">UTF-16 offset of the cursor.</param>
/// <param name="Kinds">Kind of each match (<c>method</c>, <c>property</c>, <c>class</c>, <c>keyword</c>, ...), same order.</param>
public sealed record CompletionResult(
    IReadOnlyList<string> Matches,
    int Start,
    int End,
    IReadOnlyList<string> Kinds
);
