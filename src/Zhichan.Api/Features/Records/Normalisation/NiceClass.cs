namespace Zhichan.Api.Features.Records.Normalisation;

/// <summary>Nice classification of trademarks (商品和服务国际分类): class number 1–45.</summary>
public static class NiceClass
{
    /// <summary>"第9类", "第 09 类", "09", "9", "9类", "Class 9", "NCL 9" → 9. Null with a Chinese error otherwise.</summary>
    public static int? TryNormalise(string? raw, out string? error)
    {
        error = null;
        if (string.IsNullOrWhiteSpace(raw)) { error = "尼斯分类号为空"; return null; }
        ReadOnlySpan<char> s = TextWidth.Compact(raw);
        if (s.StartsWith("第")) s = s[1..];
        else if (s.StartsWith("CLASS")) s = s[5..];
        else if (s.StartsWith("NCL")) s = s[3..];
        if (s.EndsWith("类")) s = s[..^1];
        if (s.IsEmpty || s.Length > 2 || !char.IsAsciiDigit(s[0]) || (s.Length == 2 && !char.IsAsciiDigit(s[1])))
        {
            error = $"尼斯分类号格式无效：{raw.Trim()}（应如 第9类 或 09）";
            return null;
        }
        var v = int.Parse(s);
        if (v is < 1 or > 45) { error = $"尼斯分类号超出范围：{v}（应为 1–45）"; return null; }
        return v;
    }
}
