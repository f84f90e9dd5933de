using System.Text;
using NpgsqlTypes;

namespace Zhichan.Api.Features.Records.Search;

/// <summary>
/// The CJK-aware tokenizer shared by indexing and querying. Text is folded (full-width → half-width, lower case); runs of
/// CJK characters become overlapping character bigrams (集成电路 → 集成 成电 电路; a lone character stays a unigram);
/// runs of Latin letters and digits become words. Tokens are emitted in order, so PostgreSQL's 'simple' configuration gives
/// them consecutive positions and a phrase is the bigram chain joined with the followed-by operator (&lt;-&gt;).
/// </summary>
public static class SearchTokens
{
    public static bool IsCjk(char c) =>
        c is >= '\u4E00' and <= '\u9FFF' or >= '\u3400' and <= '\u4DBF' or >= '\uF900' and <= '\uFAFF' or >= '\u3040' and <= '\u30FF' or >= '\uAC00' and <= '\uD7AF';

    /// <summary>Full-width ASCII → half-width, ideographic space → space, lower case.</summary>
    public static string Fold(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var sb = new StringBuilder(text.Length);
        foreach (var ch in text)
        {
            var c = ch;
            if (c is >= '\uFF01' and <= '\uFF5E') c = (char)(c - 0xFEE0);
            else if (c == '\u3000') c = ' ';
            sb.Append(char.ToLowerInvariant(c));
        }
        return sb.ToString();
    }

    /// <summary>Appends the tokens of <paramref name="text"/> to <paramref name="sb"/>, space-separated.</summary>
    public static void Append(StringBuilder sb, string? text)
    {
        if (string.IsNullOrEmpty(text)) return;
        var folded = Fold(text);
        var i = 0;
        while (i < folded.Length)
        {
            var c = folded[i];
            if (IsCjk(c))
            {
                var start = i;
                while (i < folded.Length && IsCjk(folded[i])) i++;
                var len = i - start;
                if (len == 1) Emit(sb, folded.AsSpan(start, 1));
                else for (var k = start; k < i - 1; k++) Emit(sb, folded.AsSpan(k, 2));
            }
            else if (char.IsAsciiLetterOrDigit(c))
            {
                var start = i;
                while (i < folded.Length && char.IsAsciiLetterOrDigit(folded[i])) i++;
                Emit(sb, folded.AsSpan(start, i - start));
            }
            else i++;
        }
    }

    /// <summary>
    /// A tsvector literal ('tok':1A,7A 'tok2':2A …) for the fields in order, each with its weight. Positions run on across
    /// fields with a gap of one between fields, so a phrase never matches across a field boundary. PostgreSQL keeps
    /// positions up to 16383.
    /// </summary>
    public static string Vector(params (string? Text, char Weight)[] fields)
    {
        var positions = new Dictionary<string, List<(int Pos, char Weight)>>(StringComparer.Ordinal);
        var pos = 0;
        var sb = new StringBuilder();
        foreach (var (text, weight) in fields)
        {
            if (string.IsNullOrEmpty(text)) continue;
            sb.Clear();
            Append(sb, text);
            if (sb.Length == 0) continue;
            pos++; // the gap between fields
            foreach (var tok in sb.ToString().Split(' '))
            {
                pos++;
                if (pos > 16383) break;
                if (!positions.TryGetValue(tok, out var l)) positions[tok] = l = [];
                if (l.Count < 256) l.Add((pos, weight));
            }
        }
        var result = new StringBuilder();
        foreach (var (tok, list) in positions)
        {
            if (result.Length > 0) result.Append(' ');
            result.Append('\'').Append(tok).Append("':");
            for (var i = 0; i < list.Count; i++)
            {
                if (i > 0) result.Append(',');
                result.Append(list[i].Pos).Append(list[i].Weight);
            }
        }
        return result.ToString();
    }

    /// <summary>The same vector as <see cref="Vector"/>, as an Npgsql value written in binary (parsed here, not in the server).</summary>
    /// <remarks>Parse is marked obsolete because general tsvector text can need server-side rules; the literal built here
    /// has only quoted letter/digit/CJK tokens with positions and weights, which it reads exactly.</remarks>
#pragma warning disable CS0618
    public static NpgsqlTsVector VectorValue(params (string? Text, char Weight)[] fields) => NpgsqlTsVector.Parse(Vector(fields));
#pragma warning restore CS0618

    public static string Tokens(string? text)
    {
        var sb = new StringBuilder();
        Append(sb, text);
        return sb.ToString();
    }

    public static List<string> TokenList(string? text) => Tokens(text).Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();

    private static void Emit(StringBuilder sb, ReadOnlySpan<char> token)
    {
        if (sb.Length > 0) sb.Append(' ');
        sb.Append(token);
    }
}
