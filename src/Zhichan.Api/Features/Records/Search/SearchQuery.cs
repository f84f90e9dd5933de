using System.Text;

namespace Zhichan.Api.Features.Records.Search;

/// <summary>One searched word or quoted phrase and its tokens (CJK bigrams, Latin/digit words).</summary>
public sealed record QueryTerm(string Text, bool IsPhrase, IReadOnlyList<string> Tokens);

/// <summary>A node of a parsed search expression; <see cref="Position"/> is where it starts in the search box (0-based).</summary>
public abstract record QueryNode(int Position);

/// <summary>A word or phrase, in every searched field (<paramref name="Field"/> null) or in one field.</summary>
public sealed record TermNode(QueryTerm Term, SearchField? Field, int Position) : QueryNode(Position);

/// <summary>
/// A number looked up as such (ADR 0015). In a field (AN, PN, PR) only the numbers of that kind; unqualified, every kind —
/// and, when it also has searchable tokens, the same text as words (<paramref name="AlsoText"/>), so a digit string in a
/// claim is still found.
/// </summary>
public sealed record NumberNode(NumberKeys Keys, SearchField? Field, QueryTerm? AlsoText, int Position) : QueryNode(Position);

/// <summary>An IPC prefix: <paramref name="Class"/> is the entry of ipc_classes to look up (H, H01, H01M or a main group
/// "H01M 10"); <paramref name="SymbolPrefix"/> the symbol a subgroup prefix checks on the record's symbols (H01M 10/05).</summary>
public sealed record IpcNode(string Text, string Class, string? SymbolPrefix, int Position) : QueryNode(Position);

/// <summary>A date range of a date field (either end open).</summary>
public sealed record DateNode(SearchField Field, DateOnly? From, DateOnly? To, int Position) : QueryNode(Position);

/// <summary>The value of a field clause (TI=…, TI=(… OR …)), kept for printing the expression as it was grouped.</summary>
public sealed record FieldNode(SearchField Field, QueryNode Inner, int Position) : QueryNode(Position);

public sealed record AndNode(IReadOnlyList<QueryNode> Children, int Position) : QueryNode(Position);

public sealed record OrNode(IReadOnlyList<QueryNode> Children, int Position) : QueryNode(Position);

public sealed record NotNode(QueryNode Child, int Position) : QueryNode(Position);

/// <summary>
/// The search box, parsed (ADR 0015, 0016): either a list of numbers (one per line or separated by ";" …) looked up as
/// numbers, or an expression of words, "phrases", field clauses (TI=…, 申请人=…), AND/OR/NOT and parentheses
/// (<see cref="QueryParser"/>). A word is its tokens joined by &lt;-&gt; (so 芯片 matches only the contiguous characters),
/// with a prefix match on a lone CJK character; a Latin word matches the whole word.
/// </summary>
public sealed class SearchQuery
{
    /// <summary>The expression, or null when the box is empty, a number list, or has nothing searchable.</summary>
    public QueryNode? Root { get; }

    /// <summary>The pasted numbers, in order, when the box is a list of numbers.</summary>
    public IReadOnlyList<NumberKeys>? Numbers { get; }

    private SearchQuery(QueryNode? root, IReadOnlyList<NumberKeys>? numbers)
    {
        Root = root;
        Numbers = numbers;
    }

    public bool IsEmpty => Root is null && Numbers is null;

    /// <summary>Throws a 400 with the position and a Chinese explanation when the expression is not valid.</summary>
    public static SearchQuery Parse(string? q)
    {
        if (string.IsNullOrWhiteSpace(q)) return new SearchQuery(null, null);
        if (NumberForms.List(q) is { } numbers)
        {
            if (numbers.Count > NumberForms.MaxNumbers)
                throw new RequestValidationException("q", $"一次最多检索 {NumberForms.MaxNumbers} 个号码，当前 {numbers.Count} 个，请分批检索");
            return new SearchQuery(null, numbers);
        }
        return new SearchQuery(QueryParser.Parse(q), null);
    }

    /// <summary>The expression as understood: field codes in capitals, operators spelled out, groups in parentheses.</summary>
    public string? Expression => Numbers is { } n ? string.Join("; ", n.Select(x => x.Text)) : Root is null ? null : Format(Root);

    public static string Format(QueryNode n) => n switch
    {
        TermNode t => t.Term.IsPhrase ? $"\"{t.Term.Text}\"" : t.Term.Text,
        NumberNode x => x.Keys.Text,
        IpcNode x => x.Text,
        DateNode x => DateText(x),
        FieldNode x => x.Field.Code + "=" + (x.Inner is AndNode or OrNode or NotNode ? "(" + Format(x.Inner) + ")" : Format(x.Inner)),
        AndNode x => string.Join(" AND ", x.Children.Select(c => c is OrNode ? "(" + Format(c) + ")" : Format(c))),
        OrNode x => string.Join(" OR ", x.Children.Select(c => c is AndNode ? "(" + Format(c) + ")" : Format(c))),
        NotNode x => "NOT " + (x.Child is AndNode or OrNode ? "(" + Format(x.Child) + ")" : Format(x.Child)),
        _ => throw new InvalidOperationException(n.GetType().Name),
    };

    private static string DateText(DateNode d)
    {
        if (d.From is { } f && d.To is { } t)
        {
            if (f == t) return f.ToString("yyyy-MM-dd");
            if (f is { Month: 1, Day: 1 } && t.Month == 12 && t.Day == 31 && f.Year == t.Year) return f.Year.ToString();
            if (f.Day == 1 && f.Year == t.Year && f.Month == t.Month && t.Day == DateTime.DaysInMonth(t.Year, t.Month)) return f.ToString("yyyy-MM");
        }
        return $"[{d.From?.ToString("yyyy-MM-dd") ?? "*"} TO {d.To?.ToString("yyyy-MM-dd") ?? "*"}]";
    }

    /// <summary>
    /// The to_tsquery('simple', …) text that ranks the hits: the words and phrases outside NOT, a field's with the
    /// field's weights; null when the query has none (then the hits are sorted by date).
    /// </summary>
    public string? ToTsQuery() => Root is null ? null : TsQuery(Root);

    private static string? TsQuery(QueryNode n)
    {
        switch (n)
        {
            case TermNode t:
                return t.Field is { Kind: SearchFieldKind.Agency } ? null : TermQuery(t.Term, t.Field?.Weights);
            case NumberNode x:
                return x.AlsoText is { } text ? TermQuery(text) : null;
            case FieldNode x:
                return TsQuery(x.Inner);
            case AndNode or OrNode:
                var children = n is AndNode a ? a.Children : ((OrNode)n).Children;
                var parts = children.Select(TsQuery).OfType<string>().ToList();
                return parts.Count == 0 ? null : parts.Count == 1 ? parts[0] : "(" + string.Join(n is AndNode ? " & " : " | ", parts) + ")";
            default:
                return null;
        }
    }

    /// <summary>The terms outside NOT with their fields (null: every field), e.g. to highlight them.</summary>
    public IEnumerable<(QueryTerm Term, SearchField? Field)> PositiveTerms() => Root is null ? [] : Positive(Root);

    private static IEnumerable<(QueryTerm, SearchField?)> Positive(QueryNode n) => n switch
    {
        TermNode t => [(t.Term, t.Field)],
        NumberNode { AlsoText: { } text } => [(text, null)],
        FieldNode x => Positive(x.Inner),
        AndNode x => x.Children.SelectMany(Positive),
        OrNode x => x.Children.SelectMany(Positive),
        _ => [],
    };

    /// <summary>The tsquery of one term: its tokens joined by &lt;-&gt;, each with the field's weights when given.</summary>
    public static string TermQuery(QueryTerm t, string? weights = null)
    {
        var sb = new StringBuilder("(");
        for (var k = 0; k < t.Tokens.Count; k++)
        {
            if (k > 0) sb.Append(" <-> ");
            var tok = t.Tokens[k];
            sb.Append('\'').Append(tok.Replace("'", "''")).Append('\'');
            var prefix = IsPrefix(t);
            if (prefix || !string.IsNullOrEmpty(weights)) sb.Append(':');
            if (prefix) sb.Append('*');
            if (!string.IsNullOrEmpty(weights)) sb.Append(weights);
        }
        return sb.Append(')').ToString();
    }

    /// <summary>A lone CJK character searches as a prefix: itself, and every bigram it begins.</summary>
    public static bool IsPrefix(QueryTerm t) => t.Tokens.Count == 1 && t.Tokens[0].Length == 1 && SearchTokens.IsCjk(t.Tokens[0][0]);
}
