using System.Text;
using Zhichan.Api.Features.Records.Sources;

namespace Zhichan.Api.Features.Records.Imports;

/// <summary>
/// The last line of defence of stored text (ADR 0021): an update that would replace a stored record's Chinese text with
/// text that looks garbled is rejected as a whole row, not applied. Garbled is what a wrong decoding leaves: replacement
/// characters, control characters, private-use code points (GBK's user-defined area), question marks the stored text did not have, or text
/// whose characters, encoded back in GB18030, Latin-1 or Windows-1252, are (mostly) UTF-8 Chinese — UTF-8 read in the wrong
/// encoding. Strict decoding (<see cref="TextDecoding"/>) keeps such text out of imports already; this guard also covers
/// rows that reach the writer from a file that was itself garbled before it was uploaded.
/// </summary>
public static class MojibakeGuard
{
    /// <summary>The start of the reason of every row this guard rejects (a resumed import counts them by it).</summary>
    public const string ReasonPrefix = "疑似乱码";

    private static readonly Encoding Windows1252 = TextDecoding.CodePage("windows-1252");
    private static readonly Encoding Latin1 = TextDecoding.CodePage("ISO-8859-1");

    /// <summary>The first text field whose stored Chinese text <paramref name="updated"/> would replace with garbled text, as a rejection of row <paramref name="row"/>; null when there is none.</summary>
    public static Rejection? Check(NormalisedRecord stored, NormalisedRecord updated, long row)
    {
        foreach (var (field, label, before, after) in Texts(stored, updated))
            if (Replaces(before, after))
                return new Rejection(row, field, after!.Length > 200 ? after[..200] : after,
                    $"{ReasonPrefix}：该行的“{label}”会把已存储的中文“{Clip(before!)}”替换为疑似乱码的文字，整行未写入，已存储的记录保持不变。请检查文件编码（UTF-8 或 GBK）后重新导入");
        return null;
    }

    private static IEnumerable<(string Field, string Label, string? Before, string? After)> Texts(NormalisedRecord a, NormalisedRecord b)
    {
        yield return ("title", "名称", a.Title, b.Title);
        yield return ("applicants", "申请人", string.Join("；", a.Applicants), string.Join("；", b.Applicants));
        yield return ("address", "地址", a.Address, b.Address);
        yield return ("inventors", "发明人", string.Join("；", a.Inventors), string.Join("；", b.Inventors));
        yield return ("agency", "代理机构", a.Agency, b.Agency);
        yield return ("abstract", "摘要", a.Abstract, b.Abstract);
        yield return ("claims", "权利要求", a.Claims, b.Claims);
    }

    /// <summary>True when <paramref name="after"/> replaces Chinese <paramref name="before"/> with text that looks garbled.</summary>
    public static bool Replaces(string? before, string? after) =>
        !string.IsNullOrEmpty(before) && !string.IsNullOrEmpty(after) && before != after && HasHan(before) && LooksGarbled(after, before);

    /// <summary>Whether <paramref name="text"/> looks like the product of a wrong decoding (compared with <paramref name="reference"/>, the text it would replace, when given).</summary>
    public static bool LooksGarbled(string text, string? reference = null)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var ch = text[i];
            if (char.IsHighSurrogate(ch) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) { i++; continue; }
            if (ch == '\uFFFD' || char.IsSurrogate(ch) || (char.IsControl(ch) && ch is not ('\t' or '\n' or '\r')) || ch is >= '\uE000' and <= '\uF8FF') return true;
        }
        // '?' is what a code-page decoder puts for bytes it cannot map: new question marks in Chinese text are its trace
        if (reference is not null && !reference.Contains('?') && text.Contains('?') && HasHan(text)) return true;
        if (text.Contains("??", StringComparison.Ordinal) && !(reference ?? "").Contains("??", StringComparison.Ordinal)) return true;
        return DecodesAsChinese(text, TextDecoding.StrictGb18030) || DecodesAsChinese(text, Latin1) || DecodesAsChinese(text, Windows1252);
    }

    /// <summary>
    /// UTF-8 read as <paramref name="wrong"/>: encoded back, the text's bytes are UTF-8 Chinese — allowing for the few
    /// characters the wrong decoding could not map (a byte left over at the end of a field …). Real Chinese text in GBK,
    /// read as UTF-8, gives replacement characters almost everywhere instead.
    /// </summary>
    private static bool DecodesAsChinese(string text, Encoding wrong)
    {
        byte[] bytes;
        try { bytes = wrong.GetBytes(text); }
        catch (EncoderFallbackException) { return false; }
        if (System.Text.Ascii.IsValid(bytes)) return false;
        int han = 0, bad = 0;
        foreach (var ch in Encoding.UTF8.GetString(bytes))
            if (ch == '\uFFFD') bad++;
            else if (IsHan(ch)) han++;
        return han >= 2 && han >= 2 * bad;
    }

    private static bool IsHan(char ch) => ch is >= '\u4E00' and <= '\u9FFF' or >= '\u3400' and <= '\u4DBF';

    private static bool HasHan(string s)
    {
        foreach (var ch in s) if (IsHan(ch)) return true;
        return false;
    }

    private static string Clip(string s) => s.Length > 30 ? s[..30] + "…" : s;
}
