using System.Net;
using System.Text;

namespace Zhichan.Api.Features.Records.Search;

/// <summary>Marks query terms in text as HTML (&lt;mark&gt;), escaping everything else; builds snippets around the first hit.</summary>
public static class Highlighter
{
    public static string Mark(string? text, IReadOnlyList<string> terms)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var folded = SearchTokens.Fold(text); // 1:1 with text, so indexes carry over
        var marks = new bool[text.Length];
        foreach (var term in terms)
        {
            if (term.Length == 0) continue;
            var i = 0;
            while ((i = folded.IndexOf(term, i, StringComparison.Ordinal)) >= 0)
            {
                for (var k = i; k < i + term.Length; k++) marks[k] = true;
                i += term.Length;
            }
        }
        var sb = new StringBuilder(text.Length + 32);
        var open = false;
        for (var k = 0; k < text.Length; k++)
        {
            if (marks[k] && !open) { sb.Append("<mark>"); open = true; }
            if (!marks[k] && open) { sb.Append("</mark>"); open = false; }
            sb.Append(WebUtility.HtmlEncode(text[k].ToString()));
        }
        if (open) sb.Append("</mark>");
        return sb.ToString();
    }

    /// <summary>About <paramref name="width"/> characters around the first term found in the first text that has one.</summary>
    public static string Snippet(IEnumerable<string?> texts, IReadOnlyList<string> terms, int width = 120)
    {
        string? fallback = null;
        foreach (var text in texts)
        {
            if (string.IsNullOrEmpty(text)) continue;
            fallback ??= text;
            var folded = SearchTokens.Fold(text);
            var first = terms.Where(t => t.Length > 0).Select(t => folded.IndexOf(t, StringComparison.Ordinal)).Where(i => i >= 0).DefaultIfEmpty(-1).Min();
            if (first < 0) continue;
            var start = Math.Max(0, first - width / 3);
            var end = Math.Min(text.Length, start + width);
            return (start > 0 ? "…" : "") + Mark(text[start..end], terms) + (end < text.Length ? "…" : "");
        }
        if (fallback is null) return "";
        return Mark(fallback.Length > width ? fallback[..width] : fallback, terms) + (fallback.Length > width ? "…" : "");
    }
}
