using System.Text;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Kit.Notebooks.Execution;

/// <summary>
/// Editor help on a cell that has not run yet, from the Roslyn semantic model of the cell compiled as the
/// session's next submission (so variables and types of earlier cells are known): completion (members after a
/// dot, otherwise every symbol and keyword in scope), inspection (signature and XML documentation) and
/// whether the text is a complete submission. Offsets are UTF-16 indexes into the cell text.
/// </summary>
public static partial class CodeAssistance
{
    private static readonly SymbolDisplayFormat signatureFormat =
        SymbolDisplayFormat.MinimallyQualifiedFormat.WithMemberOptions(
            SymbolDisplayMemberOptions.IncludeParameters
                | SymbolDisplayMemberOptions.IncludeType
                | SymbolDisplayMemberOptions.IncludeContainingType
                | SymbolDisplayMemberOptions.IncludeModifiers
                | SymbolDisplayMemberOptions.IncludeRef
        );

    /// <summary>Completions for the word ending at <paramref name="position"/>.</summary>
    public static CompletionResult Complete(ExecutionSession session, string code, int position)
    {
        ArgumentNullException.ThrowIfNull(session);
        var text = Blank(code);
        position = Math.Clamp(position, 0, text.Length);
        var (tree, model) = Analyse(session, text);
        var root = tree.GetRoot();
        var start = position;
        var prefix = "";
        SyntaxNode? receiver = null;
        if (position > 0)
        {
            var token = root.FindToken(position - 1);
            if (
                token.Span.End == position
                && (
                    token.IsKind(SyntaxKind.IdentifierToken)
                    || SyntaxFacts.IsKeywordKind(token.Kind())
                )
            )
            {
                start = token.SpanStart;
                prefix = token.Text[..(position - start)];
                if (token.Parent is SimpleNameSyntax name)
                    receiver = Receiver(name.Parent, name);
            }
            else if (token.IsKind(SyntaxKind.DotToken) && token.Span.End == position)
                receiver = Receiver(token.Parent, null);
        }

        IEnumerable<ISymbol> symbols;
        var keywords = Enumerable.Empty<string>();
        if (receiver is null)
        {
            symbols = model.LookupSymbols(position);
            keywords = SyntaxFacts
                .GetKeywordKinds()
                .Concat(SyntaxFacts.GetContextualKeywordKinds())
                .Select(SyntaxFacts.GetText);
        }
        else
            symbols = MembersOf(model, receiver, position);

        var kinds = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var s in symbols)
            if (s.CanBeReferencedByName && Matches(s.Name, prefix))
                kinds.TryAdd(s.Name, KindOf(s));
        foreach (var k in keywords)
            if (Matches(k, prefix))
                kinds.TryAdd(k, "keyword");
        return new CompletionResult([.. kinds.Keys], start, position, [.. kinds.Values]);
    }

    /// <summary>The symbol at (or just before) <paramref name="position"/>, or null when there is none.</summary>
    public static InspectionResult? Inspect(ExecutionSession session, string code, int position)
    {
        ArgumentNullException.ThrowIfNull(session);
        var text = Blank(code);
        position = Math.Clamp(position, 0, text.Length);
        var (tree, model) = Analyse(session, text);
        var root = tree.GetRoot();
        var symbol = position < text.Length ? SymbolAt(model, root.FindToken(position)) : null;
        if (symbol is null && position > 0)
            symbol = SymbolAt(model, root.FindToken(position - 1));
        if (symbol is null)
            return null;
        var (summary, details) = Documentation(symbol);
        return new InspectionResult(Signature(symbol), summary, details);
    }

    /// <summary>Whether <paramref name="code"/> is a complete submission (Roslyn's <c>IsCompleteSubmission</c>).</summary>
    public static Completeness IsComplete(string code)
    {
        var tree = SyntaxFactory.ParseSyntaxTree(
            Blank(code),
            CSharpParseOptions
                .Default.WithKind(SourceCodeKind.Script)
                .WithLanguageVersion(LanguageVersion.Preview)
        );
        if (!SyntaxFactory.IsCompleteSubmission(tree))
            return Completeness.Incomplete;
        return tree.GetDiagnostics().Any(d => d.Severity == DiagnosticSeverity.Error)
            ? Completeness.Invalid
            : Completeness.Complete;
    }

    private static (SyntaxTree Tree, SemanticModel Model) Analyse(
        ExecutionSession session,
        string text
    )
    {
        var compilation = session.CompileNext(text);
        var tree = compilation.SyntaxTrees.Last();
        return (tree, compilation.GetSemanticModel(tree));
    }

    /// <summary>The expression left of the dot of a member access, qualified name or conditional access.</summary>
    private static SyntaxNode? Receiver(SyntaxNode? parent, SimpleNameSyntax? name) =>
        parent switch
        {
            MemberAccessExpressionSyntax ma when name is null || ma.Name == name => ma.Expression,
            QualifiedNameSyntax q when name is null || q.Right == name => q.Left,
            MemberBindingExpressionSyntax mb =>
                mb.FirstAncestorOrSelf<ConditionalAccessExpressionSyntax>()?.Expression,
            _ => null,
        };

    private static IEnumerable<ISymbol> MembersOf(
        SemanticModel model,
        SyntaxNode receiver,
        int position
    )
    {
        var info = model.GetSymbolInfo(receiver);
        var symbol = info.Symbol ?? info.CandidateSymbols.FirstOrDefault();
        switch (symbol)
        {
            case INamespaceSymbol ns:
                return model.LookupNamespacesAndTypes(position, ns);
            case ITypeSymbol type:
                return model.LookupStaticMembers(position, type);
        }
        var valueType = model.GetTypeInfo(receiver).Type;
        if (valueType is null or IErrorTypeSymbol)
            return [];
        return model
            .LookupSymbols(position, valueType, includeReducedExtensionMethods: true)
            .Where(s =>
                !s.IsStatic || s is IMethodSymbol { MethodKind: MethodKind.ReducedExtension }
            );
    }

    private static ISymbol? SymbolAt(SemanticModel model, SyntaxToken token)
    {
        if (
            !token.IsKind(SyntaxKind.IdentifierToken) && !SyntaxFacts.IsPredefinedType(token.Kind())
        )
        {
            // Inside an argument list: the method being called.
            var call = token.Parent?.FirstAncestorOrSelf<SyntaxNode>(n =>
                n is InvocationExpressionSyntax or BaseObjectCreationExpressionSyntax
            );
            if (call is null)
                return null;
            var callInfo = model.GetSymbolInfo(call);
            return callInfo.Symbol ?? callInfo.CandidateSymbols.FirstOrDefault();
        }
        for (var node = token.Parent; node != null; node = node.Parent)
        {
            var info = model.GetSymbolInfo(node);
            if ((info.Symbol ?? info.CandidateSymbols.FirstOrDefault()) is { } s)
                return s;
            if (model.GetDeclaredSymbol(node) is { } declared)
                return declared;
            if (node is StatementSyntax or MemberDeclarationSyntax)
                break;
        }
        return null;
    }

    private static string Signature(ISymbol symbol) =>
        symbol switch
        {
            ILocalSymbol local =>
                $"{local.Type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)} {local.Name}",
            IFieldSymbol { ContainingType.Name: var c } field
                when c.StartsWith("Submission#", StringComparison.Ordinal) =>
                $"{field.Type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)} {field.Name}",
            INamedTypeSymbol type =>
                $"{type.TypeKind.ToString().ToLowerInvariant()} {type.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat)}",
            INamespaceSymbol ns => $"namespace {ns.ToDisplayString()}",
            _ => symbol.ToDisplayString(signatureFormat),
        };

    private static (string? Summary, List<string> Details) Documentation(ISymbol symbol)
    {
        var details = new List<string>();
        var xml = (
            symbol is IMethodSymbol { ReducedFrom: { } from } ? from : symbol.OriginalDefinition
        ).GetDocumentationCommentXml();
        if (string.IsNullOrWhiteSpace(xml))
            return (null, details);
        try
        {
            var doc = XElement.Parse(xml);
            var summary = doc.Element("summary") is { } s ? PlainText(s) : null;
            foreach (var p in doc.Elements("param"))
                details.Add($"{p.Attribute("name")?.Value}: {PlainText(p)}");
            if (doc.Element("returns") is { } r)
                details.Add($"returns: {PlainText(r)}");
            foreach (var e in doc.Elements("exception"))
                details.Add($"throws {Cref(e.Attribute("cref")?.Value)}: {PlainText(e)}");
            return (summary, details);
        }
        catch (XmlException)
        {
            return (null, details);
        }
    }

    /// <summary>Text of a documentation element: <c>see cref</c> as the short name, whitespace collapsed.</summary>
    private static string PlainText(XElement element)
    {
        var sb = new StringBuilder();
        foreach (var node in element.DescendantNodes())
        {
            if (node is XText t && t.Parent is { } parent && parent.Name != "see")
                sb.Append(t.Value);
            else if (node is XElement { Name.LocalName: "see" or "seealso" } see)
                sb.Append(
                    see.Attribute("cref") is { } cref
                        ? Cref(cref.Value)
                        : see.Attribute("langword")?.Value
                            ?? see.Attribute("href")?.Value
                            ?? see.Value
                );
            else if (node is XElement { Name.LocalName: "paramref" or "typeparamref" } pr)
                sb.Append(pr.Attribute("name")?.Value);
        }
        return Whitespace().Replace(sb.ToString(), " ").Trim();
    }

    private static string Cref(string? cref)
    {
        if (string.IsNullOrEmpty(cref))
            return "";
        var name = cref.Length > 2 && cref[1] == ':' ? cref[2..] : cref;
        var paren = name.IndexOf('(');
        if (paren >= 0)
            name = name[..paren];
        var parts = name.Split('.');
        return
            parts.Length >= 2
            && char.IsUpper(parts[^1][0])
            && cref.StartsWith("T:", StringComparison.Ordinal)
            ? parts[^1]
            : string.Join('.', parts.TakeLast(2));
    }

    private static bool Matches(string name, string prefix) =>
        name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase);

    private static string KindOf(ISymbol s) =>
        s switch
        {
            IMethodSymbol => "method",
            IPropertySymbol => "property",
            IFieldSymbol { ContainingType.Name: var c }
                when c.StartsWith("Submission#", StringComparison.Ordinal) => "variable",
            IFieldSymbol f => f.IsConst ? "constant" : "field",
            IEventSymbol => "event",
            ILocalSymbol or IParameterSymbol or IRangeVariableSymbol => "variable",
            INamespaceSymbol => "namespace",
            INamedTypeSymbol { TypeKind: TypeKind.Interface } => "interface",
            INamedTypeSymbol { TypeKind: TypeKind.Enum } => "enum",
            INamedTypeSymbol { TypeKind: TypeKind.Struct } => "struct",
            INamedTypeSymbol => "class",
            _ => "text",
        };

    /// <summary>
    /// The cell text with Polyglot magic and NuGet directive lines replaced by spaces (offsets stay), as
    /// <see cref="CellSource"/> removes them before compiling.
    /// </summary>
    private static string Blank(string code) =>
        MagicLine().Replace(code, m => new string(' ', m.Length));

    [GeneratedRegex("""^[ \t]*(#!.*|#[ri][ \t]+"nuget:[^\n]*?)(?=\r?$)""", RegexOptions.Multiline)]
    private static partial Regex MagicLine();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
