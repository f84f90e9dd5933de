using Zhichan.Api.Features.Records.Normalisation;

namespace Zhichan.Api.Features.Registries.Entities;

/// <summary>
/// Entity kinds: the party kinds the importer stores (<see cref="PartyKinds"/>), shown as the register names them
/// (企业/高校/科研院所/机关/个人, and 境外/其他 for the parties the importer could not place in those five).
/// </summary>
public static class EntityKinds
{
    public static readonly IReadOnlyDictionary<string, string> Names = new Dictionary<string, string>
    {
        [PartyKinds.Enterprise] = "企业", [PartyKinds.University] = "高校", [PartyKinds.Institute] = "科研院所", [PartyKinds.Government] = "机关",
        [PartyKinds.Individual] = "个人", [PartyKinds.Foreign] = "境外", [PartyKinds.Other] = "其他",
    };

    public static string Name(string kind) => Names.GetValueOrDefault(kind, kind);

    /// <summary>The kind written in Chinese (an import's cell) or as its code; null when neither.</summary>
    public static string? Parse(string text)
    {
        var t = text.Trim();
        if (Names.ContainsKey(t)) return t;
        foreach (var (code, name) in Names) if (name == t) return code;
        return t switch { "机关团体" or "事业单位" or "社会团体" => PartyKinds.Government, "科研机构" or "研究院所" => PartyKinds.Institute, "高等院校" or "大学" => PartyKinds.University, _ => null };
    }
}

public static class EntityScales
{
    public static readonly IReadOnlyDictionary<string, string> Names = new Dictionary<string, string>
    {
        ["large"] = "大型", ["medium"] = "中型", ["small"] = "小型", ["micro"] = "微型",
    };

    public static string? Parse(string text)
    {
        var t = text.Trim().TrimEnd('企', '业');
        if (Names.ContainsKey(t)) return t;
        foreach (var (code, name) in Names) if (name == t) return code;
        return null;
    }
}

/// <summary>The labels an entity can hold (with dates and a source).</summary>
public static class LabelKinds
{
    public const string HighTech = "high_tech", Srdi = "srdi", IpDemo = "ip_demo", IpAdvantage = "ip_advantage", IpStandard = "ip_standard";

    public static readonly IReadOnlyDictionary<string, string> Names = new Dictionary<string, string>
    {
        [HighTech] = "高新技术企业", [Srdi] = "专精特新企业", [IpDemo] = "知识产权示范企业", [IpAdvantage] = "知识产权优势企业",
        [IpStandard] = "知识产权管理体系认证（贯标）",
    };

    /// <summary>Kinds with a level (国家/省/市).</summary>
    public static readonly string[] Levelled = [Srdi, IpDemo, IpAdvantage];

    public static string? Parse(string text)
    {
        var t = text.Trim();
        if (Names.ContainsKey(t)) return t;
        foreach (var (code, name) in Names) if (name == t) return code;
        if (t.Contains("贯标") || t.Contains("管理体系")) return IpStandard;
        if (t.Contains("示范")) return IpDemo;
        if (t.Contains("优势")) return IpAdvantage;
        if (t.Contains("专精特新")) return Srdi;
        if (t.Contains("高新")) return HighTech;
        return null;
    }

    /// <summary>The label as a line reads it: 省级知识产权示范企业, 高新技术企业, 贯标认证.</summary>
    public static string Display(string kind, string? level) =>
        (level is null ? "" : LabelLevels.Names.GetValueOrDefault(level, "")) + (kind == IpStandard ? "贯标认证" : Names.GetValueOrDefault(kind, kind));
}

public static class LabelLevels
{
    public static readonly IReadOnlyDictionary<string, string> Names = new Dictionary<string, string>
    {
        ["national"] = "国家级", ["province"] = "省级", ["city"] = "市级",
    };

    public static string? Parse(string text)
    {
        var t = text.Trim();
        if (Names.ContainsKey(t)) return t;
        return t switch { "国家级" or "国家" or "国家知识产权局" => "national", "省级" or "省" => "province", "市级" or "市" => "city", _ => null };
    }
}

public static class LabelOrigins
{
    public const string Bureau = "bureau", Import = "import", Programmes = "programmes";

    public static readonly IReadOnlyDictionary<string, string> Names = new Dictionary<string, string>
    {
        [Bureau] = "知识产权局录入", [Import] = "Excel 导入", [Programmes] = "申报评审",
    };
}

public static class EntityNameKinds
{
    public const string Former = "former", Alias = "alias";
    public static readonly IReadOnlyDictionary<string, string> Names = new Dictionary<string, string> { [Former] = "曾用名", [Alias] = "别名" };
}

/// <summary>How a record's party was linked to its entity, and the confidence each rule gives.</summary>
public static class LinkRules
{
    public const string Exact = "exact", Normalised = "normalised", FormerName = "former_name", Alias = "alias", Manual = "manual", Correction = "correction";

    public static readonly IReadOnlyDictionary<string, string> Names = new Dictionary<string, string>
    {
        [Exact] = "名称完全一致", [Normalised] = "规范化名称一致", [FormerName] = "曾用名", [Alias] = "别名",
        [Manual] = "人工关联", [Correction] = "更正申请",
    };

    public static readonly IReadOnlyDictionary<string, double> Confidence = new Dictionary<string, double>
    {
        [Exact] = 1.0, [Normalised] = 0.95, [FormerName] = 0.9, [Alias] = 0.85, [Manual] = 1.0, [Correction] = 1.0,
    };
}

public static class CorrectionKinds
{
    public const string Claim = "claim", Disclaim = "disclaim";
    public static readonly IReadOnlyDictionary<string, string> Names = new Dictionary<string, string>
    {
        [Claim] = "认领记录（这些是本单位的）", [Disclaim] = "排除记录（这些不是本单位的）",
    };
}

public static class CorrectionStatus
{
    public const string Pending = "pending", Accepted = "accepted", Rejected = "rejected";
    public static readonly IReadOnlyDictionary<string, string> Names = new Dictionary<string, string>
    {
        [Pending] = "待审核", [Accepted] = "已接受", [Rejected] = "已驳回",
    };
}
