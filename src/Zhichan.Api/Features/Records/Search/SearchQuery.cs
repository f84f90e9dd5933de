using System.Text;

namespace Zhichan.Api.Features.Records.Search;

/// <summary>One term of a query: a word or a quoted phrase, possibly excluded with a leading minus.</summary>
public sealed record QueryTerm(string Text, bool IsPhrase, bool Excluded, IReadOnlyList<string> Tokens);

/// <summary>
/// Parses the search box: terms separated by spaces are ANDed, "quoted text" is a phrase, -term excludes, OR between two
/// terms makes an alternative. Each term becomes a tsquery of its tokens joined by &lt;-&gt; (so 芯片 matches only the
/// contiguous characters), with a prefix match on a lone CJK character; a Latin word matches the whole word.
/// </summary>
public sealed class SearchQuery
{
    public IReadOnlyList<QueryTerm> Terms { get; }
    public IReadOnlyList<IReadOnlyList<QueryTerm>> Groups { get; }

    private SearchQuery(List<List<QueryTerm>> groups)
    {
        Groups = groups;
        Terms = groups.SelectMany(g => g).ToList();
    }

    public bool IsEmpty => Terms.Count == 0;

    /// <summary>Quoted phrases whose presence is verified against the stored text.</summary>
    public IEnumerable<string> Phrases => Terms.Where(t => t.IsPhrase && !t.Excluded).Select(t => SearchTokens.Fold(t.Text));

    public static SearchQuery Parse(string? q)
    {
        var groups = new List<List<QueryTerm>>();
        if (string.IsNullOrWhiteSpace(q)) return new SearchQuery(groups);
        var raw = new List<(string Text, bool Phrase, bool Excluded)>();
        var s = q.Replace('“', '"').Replace('”', '"').Replace('＂', '"');
        var i = 0;
        while (i < s.Length)
        {
            if (char.IsWhiteSpace(s[i]) || s[i] == '\u3000') { i++; continue; }
            var excluded = false;
            if (s[i] == '-' && i + 1 < s.Length && !char.IsWhiteSpace(s[i + 1])) { excluded = true; i++; }
            if (s[i] == '"')
            {
                var end = s.IndexOf('"', i + 1);
                if (end < 0) end = s.Length;
                raw.Add((s[(i + 1)..end], true, excluded));
                i = end + 1;
            }
            else
            {
                var start = i;
                while (i < s.Length && !char.IsWhiteSpace(s[i]) && s[i] != '\u3000' && s[i] != '"') i++;
                raw.Add((s[start..i], false, excluded));
            }
        }
        List<QueryTerm> current = [];
        var orPending = false;
        foreach (var (text, phrase, excluded) in raw)
        {
            if (!phrase && text is "OR" or "|" or "或") { orPending = current.Count > 0; continue; }
            var tokens = SearchTokens.TokenList(text);
            if (tokens.Count == 0) continue;
            var term = new QueryTerm(text, phrase, excluded, tokens);
            if (orPending && groups.Count > 0 && !excluded) groups[^1].Add(term);
            else groups.Add([term]);
            orPending = false;
            current = groups[^1];
        }
        return new SearchQuery(groups);
    }

    /// <summary>The to_tsquery('simple', …) text, or null when the query has no searchable term.</summary>
    public string? ToTsQuery()
    {
        var parts = new List<string>();
        foreach (var g in Groups)
        {
            if (g[0].Excluded && g[0].IsPhrase) continue; // an excluded phrase is checked against the text (RecordFilter)
            var alternatives = g.Select(TermQuery).ToList();
            var expr = alternatives.Count == 1 ? alternatives[0] : "(" + string.Join(" | ", alternatives) + ")";
            parts.Add(g[0].Excluded ? "!" + expr : expr);
        }
        if (parts.Count == 0 || parts.All(p => p.StartsWith('!'))) return null;
        return string.Join(" & ", parts);
    }

    /// <summary>The tsquery of one term: its tokens joined by &lt;-&gt;.</summary>
    public static string TermQuery(QueryTerm t)
    {
        var sb = new StringBuilder("(");
        for (var k = 0; k < t.Tokens.Count; k++)
        {
            if (k > 0) sb.Append(" <-> ");
            var tok = t.Tokens[k];
            sb.Append('\'').Append(tok.Replace("'", "''")).Append('\'');
            if (IsPrefix(t)) sb.Append(":*");
        }
        return sb.Append(')').ToString();
    }

    /// <summary>A lone CJK character searches as a prefix: itself, and every bigram it begins.</summary>
    public static bool IsPrefix(QueryTerm t) => t.Tokens.Count == 1 && t.Tokens[0].Length == 1 && SearchTokens.IsCjk(t.Tokens[0][0]);
}
