namespace Zhichan.Api.Features.Records.Normalisation;

/// <summary>
/// Parses the date forms found in IP sources into <see cref="DateOnly"/>:
/// 20150922, 2015-09-22, 2015.09.22, 2015/9/22, 2015年9月22日, 2015-09-22T00:00:00, 2015/9/22 0:00:00, full-width digits,
/// and Excel serial numbers (42269, 42269.0) when the caller says the column holds them.
/// <para>Blank values — empty, "0", "00000000" (CNIPA XML and the database export use them for "no date") — are not
/// errors: TryParse returns false with error == null.</para>
/// </summary>
public static class DateParser
{
    public const int MinYear = 1900;
    public const int MaxYear = 2100;

    /// <summary>Excel 1900 date system: serial 1 = 1900-01-01, serial 60 is Lotus' non-existent 1900-02-29.</summary>
    private static readonly DateOnly ExcelEpoch = new(1899, 12, 30);

    /// <summary>True with a date; false with a Chinese error for an invalid value, false with error == null for a blank one.</summary>
    public static bool TryParse(string? raw, out DateOnly date, out string? error, bool excelSerial = false)
    {
        date = default;
        error = null;
        if (raw is null) return false;
        var trimmed = raw.AsSpan().Trim();
        if (trimmed.Length > 40) return Fail(raw, out error);
        Span<char> buf = stackalloc char[trimmed.Length];
        for (var n = 0; n < trimmed.Length; n++) buf[n] = TextWidth.ToHalfWidth(trimmed[n]);
        ReadOnlySpan<char> s = ((ReadOnlySpan<char>)buf).Trim();
        if (s.IsEmpty || IsAllZero(s)) return false;

        // Drop a time part ("2015-09-22T00:00:00", "2015/9/22 0:00:00"), then any inner spaces ("2015年 9月 22日").
        var colon = s.IndexOf(':');
        if (colon > 0)
        {
            var cut = s[..colon].LastIndexOfAny('T', ' ');
            if (cut <= 0 || s[(cut + 1)..].TrimEnd().ContainsAnyExcept("0123456789:.Z+-")) return Fail(raw, out error);
            s = s[..cut].TrimEnd();
        }
        if (s.Contains(' '))
        {
            var k = 0;
            foreach (var c in s) if (c != ' ') buf[k++] = c;
            s = buf[..k];
        }

        int y, m, d;
        if (IsDigits(s))
        {
            if (s.Length == 8)
            {
                y = Num(s[..4]); m = Num(s.Slice(4, 2)); d = Num(s[6..]);
                return Build(y, m, d, raw, out date, out error);
            }
            if (excelSerial && s.Length <= 6) return FromExcel(Num(s), raw, out date, out error);
            return Fail(raw, out error);
        }
        var dot = s.IndexOf('.');
        if (excelSerial && dot is > 0 and <= 6 && IsDigits(s[..dot]) && IsDigits(s[(dot + 1)..]))
            return FromExcel(Num(s[..dot]), raw, out date, out error);

        // y-m-d with one separator kind, or 年 月 日.
        Span<int> parts = stackalloc int[3];
        var count = 0;
        var i = 0;
        char sep = '\0';
        while (i < s.Length && count < 3)
        {
            var start = i;
            while (i < s.Length && char.IsAsciiDigit(s[i])) i++;
            var len = i - start;
            if (len == 0 || len > (count == 0 ? 4 : 2)) return Fail(raw, out error);
            parts[count++] = Num(s[start..i]);
            if (i == s.Length) break;
            var c = s[i];
            var expected = count switch { 1 => "-./年", 2 => "-./月", _ => "日" };
            if (!expected.Contains(c)) return Fail(raw, out error);
            if (count < 3)
            {
                var kind = c is '年' or '月' ? '年' : c;
                if (sep != '\0' && kind != sep) return Fail(raw, out error);
                sep = kind;
            }
            i++;
        }
        if (count != 3 || i < s.Length || parts[0] < 1000) return Fail(raw, out error);
        y = parts[0]; m = parts[1]; d = parts[2];
        return Build(y, m, d, raw, out date, out error);
    }

    /// <summary>Convenience: the date or null (blank or invalid).</summary>
    public static DateOnly? ParseOrNull(string? raw, bool excelSerial = false) =>
        TryParse(raw, out var d, out _, excelSerial) ? d : null;

    private static bool FromExcel(int serial, string raw, out DateOnly date, out string? error)
    {
        date = default;
        if (serial == 60) { error = $"Excel 日期序号 60 对应不存在的 1900年2月29日：{raw.Trim()}"; return false; }
        if (serial < 1) return Fail(raw, out error);
        date = serial < 60 ? ExcelEpoch.AddDays(serial + 1) : ExcelEpoch.AddDays(serial);
        if (date.Year > MaxYear) { error = $"日期年份超出范围（{MinYear}–{MaxYear}）：{raw.Trim()}"; date = default; return false; }
        error = null;
        return true;
    }

    private static bool Build(int y, int m, int d, string raw, out DateOnly date, out string? error)
    {
        date = default;
        if (y is < MinYear or > MaxYear) { error = $"日期年份超出范围（{MinYear}–{MaxYear}）：{raw.Trim()}"; return false; }
        if (m is < 1 or > 12) { error = $"日期无效：月份 {m} 不存在（{raw.Trim()}）"; return false; }
        var days = DateTime.DaysInMonth(y, m);
        if (d < 1 || d > days) { error = $"日期无效：{y}年{m}月没有{d}日（{raw.Trim()}）"; return false; }
        date = new DateOnly(y, m, d);
        error = null;
        return true;
    }

    private static bool Fail(string raw, out string? error)
    {
        error = $"日期格式无法识别：{raw.Trim()}（应如 20150922、2015-09-22 或 2015年9月22日）";
        return false;
    }

    private static bool IsAllZero(ReadOnlySpan<char> s)
    {
        foreach (var c in s) if (c != '0') return false;
        return true;
    }

    private static bool IsDigits(ReadOnlySpan<char> s)
    {
        if (s.IsEmpty) return false;
        foreach (var c in s) if (!char.IsAsciiDigit(c)) return false;
        return true;
    }

    private static int Num(ReadOnlySpan<char> s)
    {
        var v = 0;
        foreach (var c in s) v = v * 10 + (c - '0');
        return v;
    }
}
