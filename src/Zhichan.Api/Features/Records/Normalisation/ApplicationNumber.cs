namespace Zhichan.Api.Features.Records.Normalisation;

/// <summary>How an application number was written in the source.</summary>
public enum ApplicationNumberForm
{
    /// <summary>Since 1 Oct 2003: YYYY + type digit + 7-digit serial (12 digits) + "." + check digit, e.g. 201410000511.3.</summary>
    Standard,
    /// <summary>CNIPA data-product form without check digit: [CN] + 2-digit type code + YYYY + 9-digit serial, e.g. CN102015000305529.</summary>
    Long,
    /// <summary>Before Oct 2003: YY + type digit + 5-digit serial (8 digits) + "." + check digit, e.g. 98123456.1.</summary>
    Old,
}

/// <summary>A CN application number in its one canonical form.</summary>
/// <param name="Canonical">12 digits + "." + check digit (201410000511.3) or, for pre-2003 numbers, 8 digits + "." + check digit (98123456.1); never a CN prefix.</param>
/// <param name="Year">4-digit filing year taken from the number.</param>
/// <param name="TypeDigit">1 invention, 2 utility model, 3 design, 8 PCT invention (national phase), 9 PCT utility model.</param>
/// <param name="RightType">One of <see cref="RightTypes"/> (invention / utility / design).</param>
/// <param name="CheckDigitGiven">False when the source had no check digit (17-character form, bare 12 digits): it was computed.</param>
public sealed record NormalisedApplicationNumber(
    string Canonical, int Year, char TypeDigit, string RightType, bool IsPct, char CheckDigit, bool CheckDigitGiven, ApplicationNumberForm Form)
{
    /// <summary>The canonical number with the office prefix, as printed on CNIPA documents (CN201410000511.3).</summary>
    public string WithPrefix => "CN" + Canonical;

    public override string ToString() => Canonical;
}

/// <summary>
/// Parses every CN application number form into <see cref="NormalisedApplicationNumber"/> and verifies the check digit.
/// <para>Accepted: optional CN / ZL prefix (专利号 ZL… is the application number of the granted patent), full-width
/// characters, spaces, "。" or "．" as the dot, with or without the dot before the check digit.</para>
/// <para>17-character form (CN + 15 digits, e.g. CN102015000305529): 2-digit type code + 4-digit year + 9-digit serial
/// whose first two digits are 00. Established on the data: in the 2017 file, serial ranges per filing month agree with
/// the standard-form serials, code 10 only holds ordinary invention applications and code 11 holds foreign PCT
/// applicants whose standard numbers have type digit 8; CNIPA XML (xml/cnipa-new) gives both forms of one document
/// (102021000991218 = 202110991218.8). Type code → type digit: 10→1, 11→8; 20→2, 21→9, 30→3 are assumed by analogy (no such
/// record in the data). A number of the 8-digit era gets the old canonical form: years 1985–2002, and 2003 with a serial
/// below 100000 (the 12-digit numbers of Oct–Dec 2003 continue the old serials above 100000). The one such record in the
/// data, CN102003000040024, was filed on 2003-08-01 → 03140024.8.</para>
/// <para>Check digit (CNIPA): Σ digitᵢ·weightᵢ mod 11, 10 → X; weights 2,3,4,5,6,7,8,9,2,3,4,5 over the 12 digits of the
/// standard form and 2..9 over the 8 digits of the old form. Verified on all 76,770 standard-form numbers of the 2017 file.</para>
/// </summary>
public static class ApplicationNumber
{
    private static readonly int[] Weights12 = [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5];

    /// <summary>Returns the normalised number, or null with a Chinese <paramref name="error"/>.</summary>
    public static NormalisedApplicationNumber? TryParse(string? raw, out string? error)
    {
        error = null;
        if (string.IsNullOrWhiteSpace(raw)) { error = "申请号为空"; return null; }

        Span<char> buf = stackalloc char[32];
        var n = 0;
        foreach (var ch in raw)
        {
            var c = TextWidth.ToHalfWidth(ch);
            if (char.IsWhiteSpace(c) || c == '-') continue;
            if (c == '。') c = '.';
            if (c is >= 'a' and <= 'z') c = (char)(c - 32);
            if (n == buf.Length) { error = $"申请号格式无法识别：{raw.Trim()}"; return null; }
            buf[n++] = c;
        }
        ReadOnlySpan<char> s = buf[..n];
        if (s.StartsWith("CN") || s.StartsWith("ZL")) s = s[2..];
        if (s.StartsWith("ZL")) s = s[2..];   // "CNZL…" seen in hand-typed lists

        var dot = s.IndexOf('.');
        scoped ReadOnlySpan<char> digits;
        char? given = null;
        if (dot >= 0)
        {
            digits = s[..dot];
            var tail = s[(dot + 1)..];
            if (tail.Length != 1 || !IsCheckChar(tail[0])) { error = $"申请号格式无法识别：{raw.Trim()}"; return null; }
            given = tail[0];
        }
        else if (s.Length is 13 or 9 && IsCheckChar(s[^1]) && AllDigits(s[..^1]))
        {
            digits = s[..^1];
            given = s[^1];
        }
        else digits = s;

        if (!AllDigits(digits)) { error = $"申请号格式无法识别：{raw.Trim()}"; return null; }

        return digits.Length switch
        {
            12 => FromStandard(digits, given, ApplicationNumberForm.Standard, out error),
            15 when given is null => FromLong(digits, out error),
            8 => FromOld(digits, given, out error),
            _ => Fail($"申请号格式无法识别：{raw.Trim()}（应为 12 位数字加校验位，或 CN 加 15 位数字）", out error),
        };
    }

    /// <summary>
    /// An application number from a cell of a file that went through a spreadsheet (the CNIPA legal-status file did:
    /// README of the data). Never guessed: scientific notation (2.0041E+11) lost digits and is refused; a value shorter
    /// than the old 8-digit form lost its leading zeros (106482.7 for 00106482.7) and gets them back only when its check
    /// digit verifies the padded number (<paramref name="restored"/>); a short value without a check digit (2126894) has
    /// nothing that could prove the padding and is refused. Everything else is <see cref="TryParse"/>.
    /// </summary>
    public static NormalisedApplicationNumber? TryParseSpreadsheetCell(string? raw, out bool restored, out string? error)
    {
        restored = false;
        var s = raw?.Trim() ?? "";
        if (s.Length == 0) { error = "申请号为空"; return null; }
        if (s.Contains('E') || s.Contains('e'))
        {
            if (double.TryParse(s, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _))
            {
                error = $"申请号被电子表格改写为科学计数法（{s}），原号码的数字已丢失，无法还原";
                return null;
            }
        }
        var dot = s.IndexOf('.');
        var digits = dot >= 0 ? s[..dot] : s;
        if (digits.Length is > 0 and < 8 && AllDigits(digits))
        {
            if (dot < 0)
            {
                error = $"申请号缺少前导零和校验位（{s}），没有校验位可以证明补零后的号码，不予猜测";
                return null;
            }
            var tail = s[(dot + 1)..];
            if (tail.Length != 1 || !IsCheckChar(char.ToUpperInvariant(tail[0]))) { error = $"申请号格式无法识别：{s}"; return null; }
            var padded = digits.PadLeft(8, '0');
            if (ComputeCheckDigit(padded) != char.ToUpperInvariant(tail[0]))
            {
                error = $"申请号缺少前导零（{s}），补零为 {padded} 后校验位不符（应为 {ComputeCheckDigit(padded)}），不予还原";
                return null;
            }
            restored = true;
            return TryParse($"{padded}.{tail}", out error);
        }
        return TryParse(s, out error);
    }

    /// <summary>Check digit of a 12-digit (standard) or 8-digit (old) application number.</summary>
    public static char ComputeCheckDigit(ReadOnlySpan<char> digits)
    {
        var sum = 0;
        if (digits.Length == 12)
            for (var i = 0; i < 12; i++) sum += (digits[i] - '0') * Weights12[i];
        else if (digits.Length == 8)
            for (var i = 0; i < 8; i++) sum += (digits[i] - '0') * (i + 2);
        else throw new ArgumentException("An application number has 12 or 8 digits before the check digit.", nameof(digits));
        var r = sum % 11;
        return r == 10 ? 'X' : (char)('0' + r);
    }

    private static NormalisedApplicationNumber? FromStandard(ReadOnlySpan<char> d, char? given, ApplicationNumberForm form, out string? error)
    {
        var year = Num(d[..4]);
        if (year < 2003 || year > 2099) return Fail($"申请号年份无效：{year}", out error);
        var type = d[4];
        if (!TryRightType(type, out var right, out var pct)) return Fail($"申请号类型位无效：{type}（应为 1、2、3、8 或 9）", out error);
        var check = ComputeCheckDigit(d);
        if (given is { } g && g != check) return Fail($"申请号校验位不符：应为 {check}，实为 {g}", out error);
        error = null;
        return new NormalisedApplicationNumber($"{d}.{check}", year, type, right, pct, check, given is not null, form);
    }

    private static NormalisedApplicationNumber? FromLong(ReadOnlySpan<char> d, out string? error)
    {
        char type = (d[0], d[1]) switch
        {
            ('1', '0') => '1',
            ('1', '1') => '8',
            ('2', '0') => '2',
            ('2', '1') => '9',
            ('3', '0') => '3',
            _ => '\0',
        };
        if (type == '\0') return Fail($"17 位申请号的类型代码无效：{d[..2]}（应为 10、11、20、21 或 30）", out error);
        if (d[6] != '0' || d[7] != '0') return Fail($"17 位申请号的流水号超出 7 位：{d[6..]}", out error);
        var year = Num(d.Slice(2, 4));
        if (year is >= 1985 and < 2003 || year == 2003 && d[8] == '0' && d[9] == '0')
        {
            // An application of the 8-digit era: YY + type + 5-digit serial.
            if (d[8] != '0' || d[9] != '0') return Fail($"17 位申请号的流水号超出旧式申请号的 5 位：{d[8..]}", out error);
            Span<char> old = stackalloc char[8];
            d.Slice(4, 2).CopyTo(old);
            old[2] = type;
            d[10..].CopyTo(old[3..]);
            var n = FromOld(old, null, out error);
            return n is null ? null : n with { Form = ApplicationNumberForm.Long };
        }
        Span<char> std = stackalloc char[12];
        d.Slice(2, 4).CopyTo(std);
        std[4] = type;
        d[8..].CopyTo(std[5..]);
        return FromStandard(std, null, ApplicationNumberForm.Long, out error);
    }

    private static NormalisedApplicationNumber? FromOld(ReadOnlySpan<char> d, char? given, out string? error)
    {
        var yy = Num(d[..2]);
        // The 8-digit form ran from 1985 to 30 Sep 2003.
        if (yy is > 3 and < 85) return Fail($"旧式申请号年份无效：{d[..2]}（应为 85–99 或 00–03）", out error);
        var year = yy >= 85 ? 1900 + yy : 2000 + yy;
        var type = d[2];
        if (!TryRightType(type, out var right, out var pct)) return Fail($"申请号类型位无效：{type}（应为 1、2、3、8 或 9）", out error);
        var check = ComputeCheckDigit(d);
        if (given is { } g && g != check) return Fail($"申请号校验位不符：应为 {check}，实为 {g}", out error);
        error = null;
        return new NormalisedApplicationNumber($"{d}.{check}", year, type, right, pct, check, given is not null, ApplicationNumberForm.Old);
    }

    private static bool TryRightType(char type, out string rightType, out bool pct)
    {
        (rightType, pct) = type switch
        {
            '1' => (RightTypes.Invention, false),
            '8' => (RightTypes.Invention, true),
            '2' => (RightTypes.UtilityModel, false),
            '9' => (RightTypes.UtilityModel, true),
            '3' => (RightTypes.Design, false),
            _ => ("", false),
        };
        return rightType.Length > 0;
    }

    private static bool IsCheckChar(char c) => c is >= '0' and <= '9' or 'X';

    private static bool AllDigits(ReadOnlySpan<char> s)
    {
        if (s.IsEmpty) return false;
        foreach (var c in s) if (c is < '0' or > '9') return false;
        return true;
    }

    private static int Num(ReadOnlySpan<char> s)
    {
        var v = 0;
        foreach (var c in s) v = v * 10 + (c - '0');
        return v;
    }

    private static NormalisedApplicationNumber? Fail(string message, out string? error)
    {
        error = message;
        return null;
    }
}
