namespace Zhichan.Api.Features.Registries.Experts;

/// <summary>
/// The controlled list of specialties (专业领域): the eight IPC sections (the technical fields a technical investigator or a
/// programme reviewer is drawn for) and the service fields of IP work. Codes are stored; the labels are what users see and
/// what an imported sheet may write instead of the code.
/// </summary>
public static class ExpertSpecialties
{
    public sealed record Specialty(string Code, string Label, string Group);

    public static readonly IReadOnlyList<Specialty> All =
    [
        new("A", "A 部 人类生活必需", "技术领域（IPC 部）"),
        new("B", "B 部 作业；运输", "技术领域（IPC 部）"),
        new("C", "C 部 化学；冶金", "技术领域（IPC 部）"),
        new("D", "D 部 纺织；造纸", "技术领域（IPC 部）"),
        new("E", "E 部 固定建筑物", "技术领域（IPC 部）"),
        new("F", "F 部 机械工程；照明；加热；武器；爆破", "技术领域（IPC 部）"),
        new("G", "G 部 物理", "技术领域（IPC 部）"),
        new("H", "H 部 电学", "技术领域（IPC 部）"),
        new("patent_agency", "专利代理", "服务领域"),
        new("trademark", "商标", "服务领域"),
        new("copyright", "版权", "服务领域"),
        new("legal", "法律", "服务领域"),
        new("valuation", "评估", "服务领域"),
        new("management", "管理", "服务领域"),
        new("operation", "运营转化", "服务领域"),
        new("information", "信息检索与分析", "服务领域"),
        new("finance", "金融与质押融资", "服务领域"),
        new("gi", "地理标志", "服务领域"),
    ];

    private static readonly Dictionary<string, Specialty> ByCode = All.ToDictionary(s => s.Code);

    public static bool IsKnown(string code) => ByCode.ContainsKey(code);

    public static string Label(string code) => ByCode.TryGetValue(code, out var s) ? s.Label : code;

    /// <summary>The code of what a user wrote: a code (A, legal), an IPC section with 部 (A部), a label (法律) or a section's title (化学；冶金).</summary>
    public static string? Parse(string text)
    {
        var t = text.Trim();
        if (t.Length == 0) return null;
        if (ByCode.ContainsKey(t)) return t;
        if (t.Length <= 2 && char.ToUpperInvariant(t[0]) is >= 'A' and <= 'H' && (t.Length == 1 || t[1] == '部')) return char.ToUpperInvariant(t[0]).ToString();
        return All.FirstOrDefault(s => s.Label == t || s.Code.Length == 1 && s.Label[4..] == t.Replace(';', '；'))?.Code;
    }
}

/// <summary>The kinds of relation an expert declares (利害关系申报) and how the avoidance reasons name them.</summary>
public static class RelationKinds
{
    public const string Employer = "employer", Relative = "relative", RelativeEmployer = "relative_employer", Stake = "stake", Service = "service", Other = "other";

    public static readonly IReadOnlyDictionary<string, string> Labels = new Dictionary<string, string>
    {
        [Employer] = "本人任职或兼职单位",
        [Relative] = "近亲属",
        [RelativeEmployer] = "近亲属任职单位",
        [Stake] = "持股、投资或其他经济利益",
        [Service] = "近三年提供代理、咨询、顾问等服务的单位",
        [Other] = "其他利害关系",
    };
}

/// <summary>The kinds of document an expert's file holds.</summary>
public static class ExpertDocumentKinds
{
    public static readonly IReadOnlyDictionary<string, string> Labels = new Dictionary<string, string>
    {
        ["appointment"] = "聘书", ["qualification"] = "资格证书", ["other"] = "其他",
    };
}
