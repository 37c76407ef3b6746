using System.Globalization;

namespace Kit.Neuron.Morphology;

/// <summary>A node of the Neurolucida S-expression syntax tree, with its 1-based position.</summary>
internal abstract record SNode(int Line, int Column);

/// <summary><c>( ... )</c>.</summary>
internal sealed record SList(int Line, int Column, List<SNode> Items) : SNode(Line, Column);

/// <summary>A bare word or number.</summary>
internal sealed record SWord(int Line, int Column, string Text) : SNode(Line, Column)
{
    public bool TryNumber(out double value) =>
        double.TryParse(Text, NumberStyles.Float, CultureInfo.InvariantCulture, out value)
        && double.IsFinite(value);
}

/// <summary>A quoted string.</summary>
internal sealed record SString(int Line, int Column, string Text) : SNode(Line, Column);

/// <summary>The branch separator <c>|</c>.</summary>
internal sealed record SBar(int Line, int Column) : SNode(Line, Column);

/// <summary>
/// Tokenizer and S-expression builder for Neurolucida ASCII: <c>;</c> comments to end of line, <c>(</c>,
/// <c>)</c>, <c>|</c>, quoted strings, bare words; commas are separators; spine blocks <c>&lt;( ... )&gt;</c>
/// are read and dropped.
/// </summary>
internal sealed class SExpressionReader
{
    /// <summary>Nesting limit, so hostile input cannot exhaust the stack.</summary>
    public const int MaxDepth = 1000;

    private readonly string text;
    private readonly string source;
    private int pos;
    private int line = 1;
    private int col = 1;

    public SExpressionReader(string text, string source)
    {
        this.text = text;
        this.source = source;
    }

    /// <summary>All top-level nodes.</summary>
    public List<SNode> ReadAll()
    {
        var top = new List<SNode>();
        while (true)
        {
            var tok = Next();
            if (tok is null)
                return top;
            if (tok.Kind == ')')
                throw Error(tok, "unexpected ')' with no matching '('");
            var node = Build(tok, 0);
            if (node != null)
                top.Add(node);
        }
    }

    private SNode? Build(Token tok, int depth)
    {
        if (depth > MaxDepth)
            throw Error(tok, $"lists nested deeper than {MaxDepth} levels");
        switch (tok.Kind)
        {
            case '(':
                return ReadList(tok, depth);
            case '|':
                return new SBar(tok.Line, tok.Column);
            case '"':
                return new SString(tok.Line, tok.Column, tok.Text);
            case '<':
                // spine: <( ... )>, dropped
                var open = Next() ?? throw Eof("'(' after '<' (spine)");
                if (open.Kind != '(')
                    throw Error(open, "expected '(' after '<' (spine)");
                ReadList(open, depth);
                var close = Next() ?? throw Eof("'>' closing the spine");
                if (close.Kind != '>')
                    throw Error(close, "expected '>' closing the spine");
                return null;
            case '>':
                throw Error(tok, "unexpected '>'");
            default:
                return new SWord(tok.Line, tok.Column, tok.Text);
        }
    }

    private SList ReadList(Token open, int depth)
    {
        var items = new List<SNode>();
        while (true)
        {
            var tok =
                Next()
                ?? throw Eof(
                    $"')' closing the '(' opened at line {open.Line}, column {open.Column}"
                );
            if (tok.Kind == ')')
                return new SList(open.Line, open.Column, items);
            var node = Build(tok, depth + 1);
            if (node != null)
                items.Add(node);
        }
    }

    private sealed record Token(char Kind, string Text, int Line, int Column);

    private Token? Next()
    {
        while (pos < text.Length)
        {
            char c = text[pos];
            if (c == ';')
            {
                while (pos < text.Length && text[pos] != '\n')
                    Advance();
                continue;
            }
            if (char.IsWhiteSpace(c) || c == ',')
            {
                Advance();
                continue;
            }
            int l = line,
                k = col;
            if (c is '(' or ')' or '|' or '<' or '>')
            {
                Advance();
                return new Token(c, c.ToString(), l, k);
            }
            if (c == '"')
            {
                Advance();
                int start = pos;
                while (pos < text.Length && text[pos] != '"')
                    Advance();
                if (pos >= text.Length)
                    throw new MorphologyFormatException(source, l, k, "unterminated quoted string");
                var s = text[start..pos];
                Advance();
                return new Token('"', s, l, k);
            }
            int begin = pos;
            while (pos < text.Length)
            {
                char d = text[pos];
                if (
                    char.IsWhiteSpace(d)
                    || d is '(' or ')' or '|' or '"' or ';' or ',' or '<' or '>'
                )
                    break;
                Advance();
            }
            return new Token('w', text[begin..pos], l, k);
        }
        return null;
    }

    private void Advance()
    {
        if (text[pos] == '\n')
        {
            line++;
            col = 1;
        }
        else
            col++;
        pos++;
    }

    private MorphologyFormatException Error(Token tok, string problem) =>
        new(source, tok.Line, tok.Column, problem);

    private MorphologyFormatException Eof(string expected) =>
        new(source, line, col, $"unexpected end of file, expected {expected}");
}
