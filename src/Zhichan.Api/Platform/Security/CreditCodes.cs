namespace Zhichan.Api.Platform.Security;

/// <summary>
/// 统一社会信用代码 (GB 32100-2015): 18 characters from 0–9 and A–Z without I, O, S, V, Z — 登记管理部门码, 机构类别码,
/// 6-digit 登记管理机关行政区划码, 9-character 组织机构代码, and a check character over the first 17 with the weights
/// 3^i mod 31 (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28): check = 31 − (Σ value × weight mod 31), 31 → 0.
/// Some codes issued early fail the check; registers let an administrator accept one as an exception with a reason.
/// </summary>
public static class CreditCodes
{
    public const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static readonly int[] Weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    /// <summary>Upper case, full-width characters and blanks removed: the form codes are stored in.</summary>
    public static string Normalise(string code) =>
        new string(code.Trim().Select(c => c is >= '！' and <= '～' ? (char)(c - 0xFEE0) : c).Where(c => !char.IsWhiteSpace(c) && c != '-').ToArray())
            .ToUpperInvariant();

    /// <summary>The check character of the first 17 characters, or null when one is not in the alphabet.</summary>
    public static char? CheckCharacter(ReadOnlySpan<char> first17)
    {
        if (first17.Length != 17) return null;
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            var v = Alphabet.IndexOf(first17[i]);
            if (v < 0) return null;
            sum += v * Weights[i];
        }
        var c = 31 - sum % 31;
        return Alphabet[c == 31 ? 0 : c];
    }

    /// <summary>Null when the (normalised) code is valid, else the reason in Chinese.</summary>
    public static string? Problem(string code)
    {
        if (code.Length != 18) return $"统一社会信用代码应为 18 位，当前为 {code.Length} 位";
        var bad = code.FirstOrDefault(c => Alphabet.IndexOf(c) < 0);
        if (bad != default)
            return bad is 'I' or 'O' or 'S' or 'V' or 'Z'
                ? $"统一社会信用代码不使用字母 {bad}（GB 32100 排除 I、O、S、V、Z）"
                : $"统一社会信用代码含有无效字符“{bad}”（只允许数字和大写字母）";
        if (!code[2..8].All(char.IsAsciiDigit)) return "统一社会信用代码第 3–8 位应为登记管理机关行政区划码（6 位数字）";
        var expected = CheckCharacter(code.AsSpan(0, 17));
        return expected == code[17] ? null : $"统一社会信用代码校验位错误：第 18 位应为 {expected}，实为 {code[17]}（请核对是否录入有误；早期代码确实如此的，可由管理员登记为例外并说明原因）";
    }

    public static bool IsValid(string code) => Problem(code) is null;
}
