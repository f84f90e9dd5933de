using System.Text;

namespace Zhichan.Api.Platform.Files;

/// <summary>
/// The one CSV writer of the platform (ADR 0014): RFC 4180 quoting, and cells that a spreadsheet would run as a formula
/// neutralised as OWASP recommends — a value starting with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, a tab or a carriage return
/// gets a leading apostrophe (so <c>=HYPERLINK(…)</c>, <c>+cmd|…</c>, <c>@SUM(…)</c> are shown as text, never evaluated).
/// Numbers written as numbers (e.g. -3.5) are not text cells and stay as they are.
/// </summary>
public static class CsvText
{
    /// <summary>UTF-8 with a byte-order mark, so Excel opens Chinese text correctly.</summary>
    public static readonly Encoding Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: true);

    /// <summary>One text cell, neutralised and quoted as needed.</summary>
    public static string Cell(string? value)
    {
        if (string.IsNullOrEmpty(value)) return "";
        var v = value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' && !IsNumber(value) ? "'" + value : value;
        return v.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + v.Replace("\"", "\"\"") + "\"" : v;
    }

    private static bool IsNumber(string s) =>
        decimal.TryParse(s, System.Globalization.NumberStyles.AllowLeadingSign | System.Globalization.NumberStyles.AllowDecimalPoint,
            System.Globalization.CultureInfo.InvariantCulture, out _);

    /// <summary>One number cell (invariant culture).</summary>
    public static string Number(IFormattable? value) => value?.ToString(null, System.Globalization.CultureInfo.InvariantCulture) ?? "";

    /// <summary>A whole line of text cells, ending with CRLF.</summary>
    public static string Line(IEnumerable<string?> cells) => string.Join(',', cells.Select(Cell)) + "\r\n";
}
