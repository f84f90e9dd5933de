using Zhichan.Api.Platform.Workflow;

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

/// <summary>Who may move a listing from which state to which: the one transition table of the listing machine (ADR 0035, 0039).</summary>
public static class MarketTransitions
{
    public const string Submit = "submit", Approve = "approve", RequestRectify = "rectify", Reject = "reject", Withdraw = "withdraw", Edit = "edit", Expire = "expire";

    /// <summary>owner: a user of the listing's unit; staff: bureau, admin; system: the expiry run.</summary>
    public const string Owner = "owner", Staff = "staff", System = "system";

    public static readonly StateMachine Machine = new("信息", MarketStatus.Names,
        new Dictionary<string, string> { [Owner] = "发布单位", [Staff] = "知识产权局", [System] = "系统" },
    [
        new(Submit, [MarketStatus.Draft, MarketStatus.Rectify], MarketStatus.Pending, Owner, "提交审核"),
        new(Approve, [MarketStatus.Pending], MarketStatus.Published, Staff, "审核通过并发布"),
        new(RequestRectify, [MarketStatus.Pending], MarketStatus.Rectify, Staff, "退回整改", NoteRequired: true, "请说明需要整改的内容"),
        new(Reject, [MarketStatus.Pending], MarketStatus.Rejected, Staff, "不予发布", NoteRequired: true, "请说明理由"),
        new(Withdraw, [MarketStatus.Pending, MarketStatus.Published], MarketStatus.Withdrawn, Owner, "撤回"),
        new(Withdraw, [MarketStatus.Published], MarketStatus.Withdrawn, Staff, "下架", NoteRequired: true, "请说明理由"),
        new(Edit, [MarketStatus.Published], MarketStatus.Pending, Owner, "修改后重新审核"),
        new(Edit, [MarketStatus.Withdrawn, MarketStatus.Expired], MarketStatus.Draft, Owner, "修改"),
        new(Expire, [MarketStatus.Published], MarketStatus.Expired, System, "到期"),
    ], new Dictionary<string, string> { ["create"] = "新建" });

    /// <summary>The actors the user holds on the listing: owner (a user of its unit) and staff.</summary>
    public static IReadOnlyCollection<string> ActorsOf(CurrentUser u, MarketListing l)
    {
        var actors = new List<string>();
        if (MarketQueries.IsOwner(u, l)) actors.Add(Owner);
        if (u.IsStaff) actors.Add(Staff);
        if (u == CurrentUser.System) actors.Add(System);
        return actors;
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

/// <summary>The stages of a 对接 and its one transition table (ADR 0035, 0039): the action is the stage it reaches.</summary>
public static class DealStages
{
    public const string Contacted = "contacted", Met = "met", Signed = "signed", Filed = "filed", Terminated = "terminated";

    public static readonly IReadOnlyDictionary<string, string> Names = new Dictionary<string, string>
    {
        [Contacted] = "已联系", [Met] = "已约谈", [Signed] = "已签约", [Filed] = "已备案", [Terminated] = "终止",
    };

    /// <summary>party: a user of either unit of the 对接.</summary>
    public const string Party = "party";

    public static readonly StateMachine Machine = new("对接", Names, new Dictionary<string, string> { [Party] = "对接双方" },
    [
        new(Met, [Contacted], Met, Party, "记为已约谈"),
        new(Signed, [Contacted, Met], Signed, Party, "记为已签约"),
        new(Filed, [Signed], Filed, Party, "记为已备案"),
        new(Terminated, [Contacted, Met, Signed], Terminated, Party, "终止对接", NoteRequired: true, "请说明终止的理由"),
    ], new Dictionary<string, string> { ["contact"] = "发起对接" });

    public static IReadOnlyCollection<string> ActorsOf(CurrentUser u, MarketDeal d) => MarketDealQueries.IsParty(u, d) ? [Party] : [];
}
