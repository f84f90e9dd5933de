using System.Text;

namespace Zhichan.Api.Features.Records.Normalisation;

/// <summary>
/// Character-level helpers shared by the normalisation rules: full-width → half-width folding
/// (U+FF01–U+FF5E and the ideographic space U+3000) and CJK tests. No allocation when nothing changes.
/// </summary>
public static class TextWidth
{
    /// <summary>Full-width ASCII variant → ASCII; ideographic space → space; anything else unchanged.</summary>
    public static char ToHalfWidth(char c) => c switch
    {
        >= '\uFF01' and <= '\uFF5E' => (char)(c - 0xFEE0),
        '\u3000' => ' ',
        _ => c,
    };

    /// <summary>Folds every full-width ASCII variant in <paramref name="s"/> to ASCII (returns the same instance when there is none).</summary>
    public static string ToHalfWidth(string s)
    {
        var i = 0;
        while (i < s.Length && ToHalfWidth(s[i]) == s[i]) i++;
        if (i == s.Length) return s;
        return string.Create(s.Length, s, static (span, src) =>
        {
            for (var k = 0; k < src.Length; k++) span[k] = ToHalfWidth(src[k]);
        });
    }

    /// <summary>CJK unified ideograph (basic block and extension A), the characters Chinese names are written in.</summary>
    public static bool IsCjk(char c) => c is >= '\u4E00' and <= '\u9FFF' or >= '\u3400' and <= '\u4DBF';

    /// <summary>Hiragana or katakana: a reliable sign of a Japanese name or address.</summary>
    public static bool IsKana(char c) => c is >= '\u3040' and <= '\u30FF';

    public static bool ContainsCjk(ReadOnlySpan<char> s)
    {
        foreach (var c in s) if (IsCjk(c)) return true;
        return false;
    }

    /// <summary>ASCII digits only after full-width folding, upper-case ASCII letters, all whitespace removed.</summary>
    internal static string Compact(string s)
    {
        var sb = new StringBuilder(s.Length);
        foreach (var ch in s)
        {
            var c = ToHalfWidth(ch);
            if (char.IsWhiteSpace(c)) continue;
            sb.Append(c is >= 'a' and <= 'z' ? (char)(c - 32) : c);
        }
        return sb.ToString();
    }
}
