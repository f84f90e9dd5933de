namespace Zhichan.Api.Features.Records.Normalisation;

/// <summary>A CN publication (公布/公告) number split into number and kind code.</summary>
/// <param name="Canonical">Office + digits + kind, no spaces: CN106540887A, CN103081473B8; without kind when the source gave none.</param>
/// <param name="Number">Office + digits: CN106540887 (the same for the A publication and the B grant of one application since 2010).</param>
/// <param name="Kind">Kind code (A, B, C, U, Y, S, D), with the correction digit when present (A9, B8); null when absent.</param>
/// <param name="KindName">Chinese meaning of the kind code (发明公布, 发明授权 …); null when no kind.</param>
/// <param name="RightType">One of <see cref="RightTypes"/> derived from the kind, else from the first digit of a 9-digit number.</param>
public sealed record NormalisedPublicationNumber(
    string Canonical, string Number, string? Kind, string? KindName, string? RightType, bool IsGrant, bool IsCorrection)
{
    public override string ToString() => Canonical;
}

/// <summary>
/// Parses CN publication numbers: <c>CN106540887A</c>, <c>CN 106540887 A</c>, <c>106540887A</c>, <c>CN1238422C9</c>.
/// Numbers have 9 digits (current series) or, for older documents, 7–8 digits (CN1238422C); the kind letter may carry a correction digit
/// (8 = 扉页更正, 9 = 全文更正, as in CN105292163A9 of the 2017 file).
/// </summary>
public static class PublicationNumber
{
    /// <summary>Kind letter → Chinese meaning (CNIPA document kind codes, ST.16 style).</summary>
    public static readonly IReadOnlyDictionary<char, string> KindNames = new Dictionary<char, string>
    {
        ['A'] = "发明公布",
        ['B'] = "发明授权",
        ['C'] = "旧授权",       // 发明专利授权公告 before 2010
        ['U'] = "实用新型",
        ['Y'] = "旧实用新型",   // 实用新型授权公告 before 2010
        ['S'] = "外观设计",
        ['D'] = "旧外观",       // 外观设计授权公告 before 2010
    };

    public static NormalisedPublicationNumber? TryParse(string? raw, out string? error)
    {
        error = null;
        if (string.IsNullOrWhiteSpace(raw)) { error = "公布号为空"; return null; }
        var s = TextWidth.Compact(raw).Replace("-", "", StringComparison.Ordinal).Replace(".", "", StringComparison.Ordinal);
        var office = "CN";
        if (s.Length >= 2 && char.IsAsciiLetterUpper(s[0]) && char.IsAsciiLetterUpper(s[1]))
        {
            office = s[..2];
            if (office != "CN") { error = $"不是中国公布号：{raw.Trim()}"; return null; }
            s = s[2..];
        }
        var i = 0;
        while (i < s.Length && char.IsAsciiDigit(s[i])) i++;
        if (i is < 7 or > 9) { error = $"公布号格式无法识别：{raw.Trim()}（应为 CN 加 7–9 位数字加文献种类代码）"; return null; }
        var digits = s[..i];
        var kindText = s[i..];
        string? kind = null, kindName = null, rightType = null;
        var correction = false;
        if (kindText.Length > 0)
        {
            if (kindText.Length > 2 || !KindNames.TryGetValue(kindText[0], out kindName)
                || (kindText.Length == 2 && kindText[1] is not ('8' or '9')))
            {
                error = $"公布号的文献种类代码无效：{kindText}（应为 A、B、C、U、Y、S、D，可带更正标记 8/9）";
                return null;
            }
            kind = kindText;
            correction = kindText.Length == 2;
            rightType = kindText[0] switch
            {
                'A' or 'B' or 'C' => RightTypes.Invention,
                'U' or 'Y' => RightTypes.UtilityModel,
                _ => RightTypes.Design,
            };
        }
        // Since 2010 every series has 9 digits and its first digit is the type: 1 invention, 2 utility model, 3 design.
        if (digits.Length == 9)
        {
            var byNumber = digits[0] switch
            {
                '1' => RightTypes.Invention,
                '2' => RightTypes.UtilityModel,
                '3' => RightTypes.Design,
                _ => null,
            };
            if (byNumber is null) { error = $"公布号首位无效：{digits[0]}（应为 1 发明、2 实用新型、3 外观设计）"; return null; }
            if (rightType is not null && rightType != byNumber)
            {
                error = $"公布号与文献种类不符：{digits} 是{RightTypes.Names[byNumber]}号段，种类代码 {kind} 是{RightTypes.Names[rightType]}";
                return null;
            }
            rightType = byNumber;
        }
        var number = office + digits;
        var isGrant = kind is not null && kind[0] != 'A';
        return new NormalisedPublicationNumber(number + kind, number, kind, kindName, rightType, isGrant, correction);
    }
}
