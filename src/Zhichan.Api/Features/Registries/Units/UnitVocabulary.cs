namespace Zhichan.Api.Features.Registries.Units;

/// <summary>One entry of a controlled list: the stored code and its Chinese name (what screens, imports and exports show).</summary>
public sealed record VocabularyItem(string Code, string Name);

/// <summary>
/// The controlled lists of the pilot-unit, GI, plant-variety and 非遗 registers (ADR 0028). Codes are stored; the Chinese
/// names are the only text users see, and an import accepts either.
/// </summary>
public static class UnitVocabulary
{
    public static readonly IReadOnlyList<VocabularyItem> PilotKinds =
    [
        new("pilot_city", "知识产权强市建设试点示范城市"), new("strong_county", "知识产权强县（区）"), new("pilot_county", "知识产权试点示范县（区）"),
        new("demo_park", "知识产权试点示范园区"), new("pilot_school", "知识产权试点示范学校"), new("feature_town", "知识产权特色小镇"),
        new("protection_center", "知识产权保护中心"), new("rapid_center", "知识产权快速维权中心"), new("protection_zone", "知识产权保护示范区"),
        new("aid_center", "知识产权维权援助中心"), new("workstation", "知识产权工作站"), new("hvp_center", "高价值专利培育（示范）中心"),
        new("brand_station", "商标品牌指导站"), new("other", "其他"),
    ];

    public static readonly IReadOnlyList<VocabularyItem> Levels = [new("national", "国家级"), new("provincial", "省级"), new("municipal", "市级")];

    public static readonly IReadOnlyList<VocabularyItem> PilotStatuses =
        [new("cultivating", "培育中"), new("recognised", "已认定"), new("reviewing", "复核中"), new("revoked", "已撤销"), new("expired", "已期满")];

    public static readonly IReadOnlyList<VocabularyItem> EvaluationResults =
        [new("excellent", "优秀"), new("good", "良好"), new("pass", "合格"), new("basic", "基本合格"), new("fail", "不合格")];

    public static readonly IReadOnlyList<VocabularyItem> GiKinds =
    [
        new(GiKindCodes.CertificationMark, "地理标志证明商标"), new(GiKindCodes.CollectiveMark, "地理标志集体商标"),
        new("gi_product", "地理标志产品"), new("agri_gi", "农产品地理标志"),
    ];

    public static readonly IReadOnlyList<VocabularyItem> GiStatuses =
        [new("applied", "申请中"), new("registered", "已注册（批准）"), new("revoked", "已撤销"), new("cancelled", "已注销"), new("expired", "已失效")];

    public static readonly IReadOnlyList<VocabularyItem> VarietyStatuses =
        [new("applied", "申请中"), new("granted", "已授权"), new("terminated", "已终止"), new("invalid", "已宣告无效")];

    public static readonly IReadOnlyList<VocabularyItem> HeritageLevels =
        [new("national", "国家级"), new("provincial", "省级"), new("municipal", "市级"), new("county", "县级")];

    /// <summary>The ten categories of the national 非遗 list.</summary>
    public static readonly IReadOnlyList<VocabularyItem> HeritageCategories =
    [
        new("folk_literature", "民间文学"), new("music", "传统音乐"), new("dance", "传统舞蹈"), new("drama", "传统戏剧"), new("quyi", "曲艺"),
        new("sports", "传统体育、游艺与杂技"), new("art", "传统美术"), new("craft", "传统技艺"), new("medicine", "传统医药"), new("custom", "民俗"),
    ];

    public static string? NameOf(IReadOnlyList<VocabularyItem> list, string? code) =>
        code is null ? null : list.FirstOrDefault(i => i.Code == code)?.Name ?? code;

    /// <summary>The code of a cell that names an entry by its code, its Chinese name or the name without brackets (强县 for 知识产权强县（区）).</summary>
    public static string? CodeOf(IReadOnlyList<VocabularyItem> list, string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var t = text.Trim();
        return list.FirstOrDefault(i => i.Code == t || i.Name == t)?.Code
               ?? list.FirstOrDefault(i => Plain(i.Name) == Plain(t))?.Code
               ?? (Plain(t).Length >= 2 ? list.Where(i => IsSubsequence(Plain(t), Plain(i.Name))).Select(i => i.Code).SingleOrDefaultIfMany() : null);
    }

    /// <summary>The short forms users write: 试点学校 for 试点示范学校, 快维中心 for 快速维权中心 (the characters in order).</summary>
    private static bool IsSubsequence(string shortForm, string name)
    {
        var i = 0;
        foreach (var c in name)
            if (i < shortForm.Length && shortForm[i] == c) i++;
        return i == shortForm.Length;
    }

    private static string Plain(string s) => new(s.Replace("知识产权", "").Where(c => c is not ('（' or '）' or '(' or ')' or ' ')).ToArray());

    private static string? SingleOrDefaultIfMany(this IEnumerable<string> codes)
    {
        var l = codes.Take(2).ToList();
        return l.Count == 1 ? l[0] : null;
    }

    public static IReadOnlyList<string> Codes(this IReadOnlyList<VocabularyItem> list) => list.Select(i => i.Code).ToList();
    public static IReadOnlyList<string> Names(this IReadOnlyList<VocabularyItem> list) => list.Select(i => i.Name).ToList();
}

/// <summary>The GI kinds that are trademarks (counted by 地理标志商标量).</summary>
public static class GiKindCodes
{
    public const string CertificationMark = "cert_mark", CollectiveMark = "collective_mark";
    public static readonly string[] Trademarks = [CertificationMark, CollectiveMark];
}
