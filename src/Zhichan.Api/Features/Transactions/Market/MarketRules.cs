namespace Zhichan.Api.Features.Transactions.Market;

public static class MarketSides
{
    public const string Offer = "offer", Need = "need";
    public static readonly IReadOnlyDictionary<string, string> Names = new Dictionary<string, string> { [Offer] = "成果", [Need] = "需求" };
    public static string Other(string side) => side == Offer ? Need : Offer;
}

/// <summary>The review states of a listing (ADR 0035).</summary>
public static class MarketStatus
{
    public const string Draft = "draft", Pending = "pending", Rectify = "rectify", Rejected = "rejected", Published = "published",
        Withdrawn = "withdrawn", Expired = "expired";

    public static readonly IReadOnlyDictionary<string, string> Names = new Dictionary<string, string>
    {
        [Draft] = "待提交", [Pending] = "待审核", [Rectify] = "整改", [Rejected] = "拒绝", [Published] = "已发布", [Withdrawn] = "已撤回", [Expired] = "已过期",
    };

    /// <summary>States in which the owner may edit the listing.</summary>
    public static readonly string[] Editable = [Draft, Rectify, Withdrawn, Published, Expired];
}

/// <summary>Who may move a listing from which state to which: the one transition table of the listing machine.</summary>
public static class MarketTransitions
{
    public const string Submit = "submit", Approve = "approve", RequestRectify = "rectify", Reject = "reject", Withdraw = "withdraw", Edit = "edit", Expire = "expire";

    public sealed record Transition(string Action, string[] From, string To, string Actor, bool NoteRequired, string Label);

    /// <summary>Actor: "owner" (a user of the listing's unit), "staff" (bureau, admin), "system".</summary>
    public static readonly Transition[] Table =
    [
        new(Submit, [MarketStatus.Draft, MarketStatus.Rectify], MarketStatus.Pending, "owner", false, "提交审核"),
        new(Approve, [MarketStatus.Pending], MarketStatus.Published, "staff", false, "审核通过并发布"),
        new(RequestRectify, [MarketStatus.Pending], MarketStatus.Rectify, "staff", true, "退回整改"),
        new(Reject, [MarketStatus.Pending], MarketStatus.Rejected, "staff", true, "不予发布"),
        new(Withdraw, [MarketStatus.Pending, MarketStatus.Published], MarketStatus.Withdrawn, "owner", false, "撤回"),
        new(Withdraw, [MarketStatus.Published], MarketStatus.Withdrawn, "staff", true, "下架"),
        new(Edit, [MarketStatus.Published], MarketStatus.Pending, "owner", false, "修改后重新审核"),
        new(Edit, [MarketStatus.Withdrawn, MarketStatus.Expired], MarketStatus.Draft, "owner", false, "修改"),
        new(Expire, [MarketStatus.Published], MarketStatus.Expired, "system", false, "到期"),
    ];

    /// <summary>The transition the actor may take from the state, or a Chinese reason why not (409).</summary>
    public static Transition Find(string action, string from, string actor)
    {
        var t = Table.FirstOrDefault(x => x.Action == action && x.Actor == actor && x.From.Contains(from));
        if (t is not null) return t;
        var any = Table.FirstOrDefault(x => x.Action == action && x.From.Contains(from));
        var label = Table.FirstOrDefault(x => x.Action == action)?.Label ?? action;
        throw any is not null
            ? new DomainException($"“{label}”须由{(any.Actor == "staff" ? "知识产权局" : "发布单位")}操作", StatusCodes.Status403Forbidden)
            : new DomainException($"状态为“{MarketStatus.Names.GetValueOrDefault(from, from)}”的信息不能{label}");
    }
}

/// <summary>The vocabularies of the form.</summary>
public static class MarketVocab
{
    public static readonly IReadOnlyDictionary<string, string> IpForms = new Dictionary<string, string>
    {
        ["patent"] = "专利", ["trademark"] = "商标", ["software"] = "软件著作权", ["secret"] = "技术秘密", ["design"] = "集成电路布图设计",
        ["variety"] = "植物新品种", ["other"] = "其他",
    };

    public static readonly IReadOnlyDictionary<string, string> TradeModes = new Dictionary<string, string>
    {
        ["transfer"] = "转让", ["licence"] = "许可", ["equity"] = "作价入股", ["cooperation"] = "合作开发",
    };

    /// <summary>技术成熟度 (technology readiness levels) 1–9 after GB/T 22900-2022 (ADR 0035).</summary>
    public static readonly IReadOnlyDictionary<int, string> Maturity = new Dictionary<int, string>
    {
        [1] = "1 级：发现基本原理或看到基本原理的报道", [2] = "2 级：形成技术概念或开发方案", [3] = "3 级：关键功能分析和实验结论成立",
        [4] = "4 级：研究室环境中关键部件或功能模块验证", [5] = "5 级：相关环境中部件或模块验证", [6] = "6 级：相关环境中系统样机演示",
        [7] = "7 级：实际环境中系统样机试验结论成立", [8] = "8 级：实际系统完成并通过验证", [9] = "9 级：实际系统通过运行考验（可规模应用）",
    };

    public static string MaturityShort(int level) => $"TRL {level}";
}

/// <summary>The stages of a 对接 and its one transition table (ADR 0035).</summary>
public static class DealStages
{
    public const string Contacted = "contacted", Met = "met", Signed = "signed", Filed = "filed", Terminated = "terminated";

    public static readonly IReadOnlyDictionary<string, string> Names = new Dictionary<string, string>
    {
        [Contacted] = "已联系", [Met] = "已约谈", [Signed] = "已签约", [Filed] = "已备案", [Terminated] = "终止",
    };

    public static readonly IReadOnlyDictionary<string, string[]> Next = new Dictionary<string, string[]>
    {
        [Contacted] = [Met, Signed, Terminated],
        [Met] = [Signed, Terminated],
        [Signed] = [Filed, Terminated],
        [Filed] = [],
        [Terminated] = [],
    };
}
