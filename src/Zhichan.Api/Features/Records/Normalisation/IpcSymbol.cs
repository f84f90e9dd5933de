namespace Zhichan.Api.Features.Records.Normalisation;

/// <summary>One IPC symbol in WIPO ST.8 display form: subclass, one space, main group "/" subgroup (B07C 5/342).</summary>
/// <param name="Version">IPC version when the source gave one ("(2006.01)" or EP-style "20060101AFI…" → "2006.01").</param>
public sealed record IpcSymbol(string Subclass, int MainGroupNumber, string Subgroup, string? Version = null)
{
    /// <summary>Section letter A–H (B).</summary>
    public char Section => Subclass[0];

    /// <summary>Class: section + 2 digits (B07).</summary>
    public string Class { get; } = Subclass[..3];

    /// <summary>Main group as a symbol (B07C 5/00).</summary>
    public string MainGroup => $"{Subclass} {MainGroupNumber}/00";

    public bool IsMainGroup => Subgroup == "00";

    /// <summary>Canonical text: B07C 5/342 (made once: every record asks for it several times).</summary>
    public string Symbol { get; } = $"{Subclass} {MainGroupNumber}/{Subgroup}";

    /// <summary>Without the space: B07C5/342 (the form of the concordance tables).</summary>
    public string Compact => Symbol.Remove(Subclass.Length, 1);

    public override string ToString() => Symbol;

    /// <summary>Parses exactly one symbol (annotations such as "(2006.01)I" allowed); null with a Chinese error otherwise.</summary>
    public static IpcSymbol? TryParse(string? raw, out string? error)
    {
        var list = ParseList(raw);
        if (list.Errors.Count > 0) { error = list.Errors[0]; return null; }
        if (list.Symbols.Count != 1)
        {
            error = list.Symbols.Count == 0 ? "IPC 分类号为空" : $"应为一个 IPC 分类号，实为 {list.Symbols.Count} 个：{raw!.Trim()}";
            return null;
        }
        error = null;
        return list.Symbols[0];
    }

    /// <summary>
    /// Parses a list of symbols as sources write it: separated by ";" "," "、" "|" or line breaks, or simply by spaces when a
    /// new symbol starts (G06F17/30 H04L29/06), with a trailing separator (B07C5/342;), padded CNIPA XML form
    /// (A61N    5/00    (2006.01)), version + value annotations (H04L 29/06(2006.01)I) and EP form
    /// (C07D 403/04        20060101AFI20050526BHEP), the EPO's form of the editions before 2006 — edition, section, space,
    /// class and subclass, a trailing letter (7C 07C  29/44   A) — full-width characters, lower case.
    /// Symbols keep source order (first = main) without duplicates; every piece that is not a symbol gives one error.
    /// </summary>
    public static IpcList ParseList(string? raw)
    {
        var symbols = new List<IpcSymbol>();
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(raw)) return new IpcList(symbols, errors);

        var s = new char[raw.Length];
        for (var k = 0; k < raw.Length; k++)
        {
            var c = TextWidth.ToHalfWidth(raw[k]);
            s[k] = c is >= 'a' and <= 'z' ? (char)(c - 32) : c;
        }
        var i = 0;
        while (true)
        {
            while (i < s.Length && (char.IsWhiteSpace(s[i]) || IsSeparator(s[i]))) i++;
            if (i >= s.Length) break;
            var start = i;
            if (TryReadSymbol(s, ref i, out var symbol) || TryReadOldEpSymbol(s, ref i, out symbol))
            {
                if (!symbols.Exists(x => x.Symbol == symbol.Symbol)) symbols.Add(symbol);
                continue;
            }
            // Not a symbol: report the piece up to the next separator (or the next place a symbol starts).
            i = start + 1;
            while (i < s.Length && !IsSeparator(s[i]) && !(char.IsWhiteSpace(s[i - 1]) && LooksLikeSymbolStart(s, i))) i++;
            var piece = new string(s, start, i - start).Trim();
            errors.Add($"IPC 分类号格式无效：{piece}（应如 B07C 5/342）");
        }
        return new IpcList(symbols, errors);
    }

    private static bool IsSeparator(char c) => c is ';' or ',' or '、' or '|' or '\n' or '\r' or '；' or '，';

    private static bool LooksLikeSymbolStart(char[] s, int i) =>
        i + 3 < s.Length && s[i] is >= 'A' and <= 'H' && char.IsAsciiDigit(s[i + 1]) && char.IsAsciiDigit(s[i + 2]) && char.IsAsciiLetterUpper(s[i + 3]);

    private static bool TryReadSymbol(char[] s, ref int pos, out IpcSymbol symbol)
    {
        symbol = null!;
        var i = pos;
        if (!LooksLikeSymbolStart(s, i)) return false;
        var subclass = new string(s, i, 4);
        i += 4;
        SkipSpaces(s, ref i);
        var g0 = i;
        while (i < s.Length && char.IsAsciiDigit(s[i])) i++;
        if (i - g0 is < 1 or > 4) return false;
        var main = int.Parse(s.AsSpan(g0, i - g0));
        if (main == 0) return false;
        SkipSpaces(s, ref i);
        if (i >= s.Length || s[i] != '/') return false;
        i++;
        SkipSpaces(s, ref i);
        var s0 = i;
        while (i < s.Length && char.IsAsciiDigit(s[i])) i++;
        if (i - s0 is < 2 or > 6) return false;
        var sub = new string(s, s0, i - s0);
        if (i < s.Length && (char.IsAsciiLetterOrDigit(s[i]) || s[i] == '/')) return false;   // G06F17/30X, 5/342/1

        // Optional annotations: "(2006.01)" + value letter, or EP "20060101AFI20050526BHEP".
        string? version = null;
        var j = i;
        SkipSpaces(s, ref j);
        if (j < s.Length && s[j] == '(')
        {
            var close = Array.IndexOf(s, ')', j);
            if (close < 0 || !TryVersion(s.AsSpan(j + 1, close - j - 1), out version)) return false;
            j = close + 1;
            if (j < s.Length && s[j] is 'I' or 'N' or 'A' or 'L' && (j + 1 == s.Length || !char.IsAsciiLetterOrDigit(s[j + 1]))) j++;
            i = j;
        }
        else if (j + 8 <= s.Length && IsEpVersion(s.AsSpan(j, 8)))
        {
            version = $"{new string(s, j, 4)}.{new string(s, j + 4, 2)}";
            while (j < s.Length && char.IsAsciiLetterOrDigit(s[j])) j++;
            i = j;
        }
        symbol = new IpcSymbol(subclass, main, sub, version);
        pos = i;
        return true;
    }

    /// <summary>
    /// The EPO's fixed-width text of an IPC symbol of the editions before 2006 (B511/B512 of old EP documents, DOCDB's
    /// classification-ipc): the edition digit, the section, a space, class and subclass, the group, and a trailing letter
    /// (7C 07C  29/44   A; also without the edition: C 07C 29/44). The edition becomes the <see cref="Version"/>, the
    /// letter is dropped.
    /// </summary>
    private static bool TryReadOldEpSymbol(char[] s, ref int pos, out IpcSymbol symbol)
    {
        symbol = null!;
        var i = pos;
        string? edition = null;
        if (i < s.Length && s[i] is >= '1' and <= '8') edition = s[i++].ToString();
        if (i + 4 >= s.Length || s[i] is < 'A' or > 'H') return false;
        var section = s[i++];
        var spaced = s[i] == ' ';
        if (spaced) i++;
        if (edition is null && !spaced) return false; // the ordinary form, read by TryReadSymbol
        if (i + 3 > s.Length || !char.IsAsciiDigit(s[i]) || !char.IsAsciiDigit(s[i + 1]) || !char.IsAsciiLetterUpper(s[i + 2])) return false;
        var rebuilt = new char[s.Length - i + 1];
        rebuilt[0] = section;
        Array.Copy(s, i, rebuilt, 1, s.Length - i);
        var p = 0;
        if (!TryReadSymbol(rebuilt, ref p, out var read) || read.Version is not null) return false;
        i += p - 1;
        // the trailing letter: one letter standing alone
        var j = i;
        SkipSpaces(s, ref j);
        if (j < s.Length && char.IsAsciiLetterUpper(s[j]) && (j + 1 == s.Length || !char.IsAsciiLetterOrDigit(s[j + 1]))) i = j + 1;
        symbol = read with { Version = edition };
        pos = i;
        return true;
    }

    private static bool TryVersion(ReadOnlySpan<char> v, out string? version)
    {
        v = v.Trim();
        version = null;
        if (v.Length != 7 || v[4] != '.' || !IsDigits(v[..4]) || !IsDigits(v[5..])) return false;
        version = v.ToString();
        return true;
    }

    private static bool IsEpVersion(ReadOnlySpan<char> v) => IsDigits(v) && v[0] is '1' or '2';

    private static bool IsDigits(ReadOnlySpan<char> v)
    {
        foreach (var c in v) if (!char.IsAsciiDigit(c)) return false;
        return !v.IsEmpty;
    }

    private static void SkipSpaces(char[] s, ref int i)
    {
        while (i < s.Length && s[i] is ' ' or '\t') i++;
    }
}

/// <summary>Result of <see cref="IpcSymbol.ParseList"/>: the symbols in source order and one Chinese error per invalid piece.</summary>
public sealed record IpcList(IReadOnlyList<IpcSymbol> Symbols, IReadOnlyList<string> Errors);
