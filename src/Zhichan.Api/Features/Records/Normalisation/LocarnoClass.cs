namespace Zhichan.Api.Features.Records.Normalisation;

/// <summary>Locarno classification of industrial designs (外观设计分类): class-subclass as "12-08".</summary>
public static class LocarnoClass
{
    /// <summary>
    /// "12-08", "1208", "12.08", "12－08", "12 - 08", "LOC(11) Cl. 12-08", "6-1" → "12-08" / "06-01".
    /// Class 01–32 or 99 (miscellaneous), subclass 00–99. Null with a Chinese error otherwise.
    /// </summary>
    public static string? TryNormalise(string? raw, out string? error)
    {
        error = null;
        if (string.IsNullOrWhiteSpace(raw)) { error = "洛迦诺分类号为空"; return null; }
        var s = TextWidth.Compact(raw);
        // Drop an edition prefix such as "LOC(11)CL." or "LOC(11)".
        if (s.StartsWith("LOC", StringComparison.Ordinal))
        {
            var close = s.IndexOf(')');
            s = close >= 0 ? s[(close + 1)..] : s[3..];
            if (s.StartsWith("CL.", StringComparison.Ordinal)) s = s[3..];
        }
        int cls, sub;
        var sep = s.IndexOfAny(['-', '.', '/', '—', '–']);
        if (sep > 0)
        {
            if (!TryInt(s[..sep], 2, out cls) || !TryInt(s[(sep + 1)..], 2, out sub)) return Fail(raw, out error);
        }
        else if (s.Length == 4 && TryInt(s[..2], 2, out cls) && TryInt(s[2..], 2, out sub)) { }
        else return Fail(raw, out error);

        if (cls is < 1 or > 32 && cls != 99) { error = $"洛迦诺分类的大类无效：{cls}（应为 01–32 或 99）"; return null; }
        return $"{cls:00}-{sub:00}";
    }

    private static bool TryInt(string s, int maxLen, out int v)
    {
        v = 0;
        if (s.Length is 0 || s.Length > maxLen) return false;
        foreach (var c in s)
        {
            if (!char.IsAsciiDigit(c)) return false;
            v = v * 10 + (c - '0');
        }
        return true;
    }

    private static string? Fail(string raw, out string? error)
    {
        error = $"洛迦诺分类号格式无效：{raw.Trim()}（应如 12-08）";
        return null;
    }
}
