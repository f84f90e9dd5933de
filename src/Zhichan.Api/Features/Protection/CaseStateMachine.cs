namespace Zhichan.Api.Features.Protection;

public static class ComplaintTypes
{
    public const string PatentDispute = "patent_dispute", CounterfeitPatent = "counterfeit_patent", Trademark = "trademark",
        Copyright = "copyright", TradeSecret = "trade_secret", Ecommerce = "ecommerce", Overseas = "overseas", Assistance = "assistance";

    public static readonly IReadOnlyDictionary<string, string> Labels = new Dictionary<string, string>
    {
        [PatentDispute] = "专利侵权纠纷", [CounterfeitPatent] = "假冒专利", [Trademark] = "商标侵权", [Copyright] = "著作权侵权",
        [TradeSecret] = "商业秘密", [Ecommerce] = "电商平台/网络侵权", [Overseas] = "海外纠纷", [Assistance] = "维权援助申请",
    };
}

public static class CaseStatus
{
    public const string Registered = "registered", Accepted = "accepted", Filed = "filed", Investigating = "investigating",
        Mediating = "mediating", Decided = "decided", Closed = "closed", Rejected = "rejected", Referred = "referred",
        Suspended = "suspended", Withdrawn = "withdrawn", Merged = "merged";

    public static readonly IReadOnlyDictionary<string, string> Labels = new Dictionary<string, string>
    {
        [Registered] = "登记", [Accepted] = "受理", [Filed] = "立案", [Investigating] = "调查", [Mediating] = "调解",
        [Decided] = "处理决定", [Closed] = "结案", [Rejected] = "不予受理", [Referred] = "移送", [Suspended] = "中止",
        [Withdrawn] = "撤回", [Merged] = "已并案",
    };

    /// <summary>States in which the case is still being handled (counts towards 办理中).</summary>
    public static readonly string[] Open = [Registered, Accepted, Filed, Investigating, Mediating, Decided, Suspended];
    public static readonly string[] Final = [Closed, Rejected, Referred, Withdrawn, Merged];
}

/// <summary>One workflow action: its name, label, the states it may start from and the state it leads to.</summary>
public sealed record CaseAction(string Name, string Label, string[] From, string? To);

/// <summary>
/// The case state machine (ADR 0203): 登记 → 受理 → 立案 → 调查 → 调解 → 处理决定 → 结案, with 不予受理, 并案, 移送, 中止/恢复, 撤回.
/// Every transition not listed is refused with 409. <c>resume</c> returns to the state held before the suspension.
/// </summary>
public static class CaseStateMachine
{
    private static readonly string[] Working = [CaseStatus.Accepted, CaseStatus.Filed, CaseStatus.Investigating, CaseStatus.Mediating];

    public static readonly CaseAction[] Actions =
    [
        new("accept", "受理", [CaseStatus.Registered], CaseStatus.Accepted),
        new("reject", "不予受理", [CaseStatus.Registered], CaseStatus.Rejected),
        new("merge", "并案", [CaseStatus.Registered], CaseStatus.Merged),
        new("refer", "移送", [CaseStatus.Registered, .. Working], CaseStatus.Referred),
        new("file", "立案", [CaseStatus.Accepted], CaseStatus.Filed),
        new("investigate", "调查", [CaseStatus.Filed], CaseStatus.Investigating),
        new("mediate", "调解", [CaseStatus.Filed, CaseStatus.Investigating], CaseStatus.Mediating),
        new("decide", "作出处理决定", [CaseStatus.Filed, CaseStatus.Investigating, CaseStatus.Mediating], CaseStatus.Decided),
        new("close", "结案", [CaseStatus.Mediating, CaseStatus.Decided], CaseStatus.Closed),
        new("suspend", "中止", Working, CaseStatus.Suspended),
        new("resume", "恢复办理", [CaseStatus.Suspended], null),
        new("withdraw", "撤回", [CaseStatus.Registered, .. Working, CaseStatus.Suspended], CaseStatus.Withdrawn),
    ];

    public static readonly IReadOnlyDictionary<string, CaseAction> ByName = Actions.ToDictionary(a => a.Name);

    public static bool Allowed(string action, string from) => ByName.TryGetValue(action, out var a) && a.From.Contains(from);

    public static IEnumerable<string> AllowedFrom(string from) => Actions.Where(a => a.From.Contains(from)).Select(a => a.Name);
}
