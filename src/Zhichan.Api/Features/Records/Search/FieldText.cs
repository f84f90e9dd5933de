using System.Text;

namespace Zhichan.Api.Features.Records.Search;

/// <summary>
/// Whether a term really occurs in one field's stored text (ADR 0016): the search index and the vector's weights narrow
/// the candidates, but two fields share a weight (abstract and claims C, applicants and inventors B), so a field-qualified
/// term is verified on the field itself. Stored text is not folded, so the check matches full-width and upper-case forms
/// of every ASCII character itself. A phrase must occur as written (contiguous, punctuation and spaces included); a word
/// keeps the search's token semantics: its CJK runs contiguous, its Latin/digit words whole, the runs in order with
/// nothing but separators between them, a lone CJK character alone or beginning a bigram. Pure CJK text — the common case —
/// is a plain substring test (strpos), anything else a regular expression that PostgreSQL and .NET read alike.
/// </summary>
public static class FieldText
{
    /// <summary>The CJK characters of <see cref="SearchTokens.IsCjk"/>, inside a bracket expression.</summary>
    private const string Cjk = "\u3040-\u30FF\u3400-\u4DBF\u4E00-\u9FFF\uAC00-\uD7AF\uF900-\uFAFF";

    /// <summary>ASCII letters and digits, half- and full-width, inside a bracket expression.</summary>
    private const string Alnum = "0-9A-Za-z\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A";

    private const string Separators = "[^" + Alnum + Cjk + "]";

    /// <summary>The check of a term: a literal for strpos, or a regular expression.</summary>
    public readonly record struct Pattern(bool IsRegex, string Text);

    public static Pattern For(QueryTerm t)
    {
        var folded = SearchTokens.Fold(t.Text);
        if (t.IsPhrase)
            return folded.All(SearchTokens.IsCjk) ? new Pattern(false, folded) : new Pattern(true, string.Concat(folded.Select(Char)));
        var runs = Runs(folded);
        if (runs.Count == 1 && runs[0].Cjk)
        {
            var run = runs[0].Text;
            if (run.Length > 1) return new Pattern(false, run);
            // a lone character searches as a prefix: alone, or beginning a bigram
            return new Pattern(true, $"{run}[{Cjk}]|(?<![{Cjk}]){run}(?![{Cjk}])");
        }
        var sb = new StringBuilder();
        for (var k = 0; k < runs.Count; k++)
        {
            var (cjk, text) = runs[k];
            if (k > 0) sb.Append(Separators).Append(runs[k - 1].Cjk == cjk ? '+' : '*');
            if (cjk)
            {
                // a lone character among other runs is a token of its own: alone in its run
                if (text.Length == 1) sb.Append($"(?<![{Cjk}]){text}(?![{Cjk}])");
                else sb.Append(text);
            }
            else
            {
                if (k == 0) sb.Append($"(?<![{Alnum}])");
                foreach (var c in text) sb.Append(Char(c));
                if (k == runs.Count - 1) sb.Append($"(?![{Alnum}])");
            }
        }
        return new Pattern(true, sb.ToString());
    }

    /// <summary>The runs of a folded word: CJK characters, ASCII letters and digits; everything else separates them.</summary>
    private static List<(bool Cjk, string Text)> Runs(string folded)
    {
        var runs = new List<(bool, string)>();
        var i = 0;
        while (i < folded.Length)
        {
            var cjk = SearchTokens.IsCjk(folded[i]);
            if (!cjk && !char.IsAsciiLetterOrDigit(folded[i])) { i++; continue; }
            var start = i;
            while (i < folded.Length && (cjk ? SearchTokens.IsCjk(folded[i]) : char.IsAsciiLetterOrDigit(folded[i]))) i++;
            runs.Add((cjk, folded[start..i]));
        }
        return runs;
    }

    /// <summary>One folded character as the stored text may write it: both cases and the full-width form of ASCII.</summary>
    private static string Char(char c)
    {
        if (char.IsAsciiLetter(c)) return $"[{char.ToLowerInvariant(c)}{char.ToUpperInvariant(c)}{Wide(char.ToLowerInvariant(c))}{Wide(char.ToUpperInvariant(c))}]";
        if (char.IsAsciiDigit(c)) return $"[{c}{Wide(c)}]";
        if (c == ' ') return "[ \u3000]";
        // punctuation outside a bracket expression, escaped: a backslash before a non-alphanumeric character is that
        // character in both PostgreSQL's and .NET's syntax
        if (c is > ' ' and < '\u007F') return $"(?:\\{c}|{Wide(c)})";
        if (SearchTokens.IsCjk(c) || char.ToUpperInvariant(c) == c) return c.ToString();
        return $"[{c}{char.ToUpperInvariant(c)}]";
    }

    private static char Wide(char c) => (char)(c + 0xFEE0);
}
