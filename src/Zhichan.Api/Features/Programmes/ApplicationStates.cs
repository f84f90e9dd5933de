using Zhichan.Api.Platform.Workflow;

namespace Zhichan.Api.Features.Programmes;

/// <summary>The states of an application and its one transition table (ADR 0040), on the shared workflow mechanism (ADR 0039).</summary>
public static class ApplicationStates
{
    public const string Draft = "draft", Submitted = "submitted", Recommended = "recommended", Correction = "correction", Accepted = "accepted",
        Closed = "closed", Withdrawn = "withdrawn", Reviewed = "reviewed", Publicised = "publicised", Approved = "approved", Refused = "refused";

    public static readonly IReadOnlyDictionary<string, string> Names = new Dictionary<string, string>
    {
        [Draft] = "草稿", [Submitted] = "已提交", [Recommended] = "县区已推荐", [Correction] = "待补正", [Accepted] = "形式审查通过（待评审）",
        [Closed] = "不予受理", [Withdrawn] = "已撤回", [Reviewed] = "评审完成", [Publicised] = "公示中", [Approved] = "已认定/立项", [Refused] = "不予认定/立项",
    };

    /// <summary>applicant: a user of the applying unit; district: the county of the applicant; bureau: staff; system: jobs.</summary>
    public const string Applicant = "applicant", District = "district", Bureau = "bureau", System = "system";

    public static readonly IReadOnlyDictionary<string, string> ActorNames = new Dictionary<string, string>
    {
        [Applicant] = "申报单位", [District] = "所在县区", [Bureau] = "知识产权局", [System] = "系统",
    };

    public static readonly StateMachine Machine = new("申报", Names, ActorNames,
    [
        new("submit", [Draft], Submitted, Applicant, "提交申报"),
        new("resubmit", [Correction], Submitted, Applicant, "补正后重新提交"),
        new("withdraw", [Draft, Submitted, Recommended, Correction], Withdrawn, Applicant, "撤回申报"),
        new("recommend", [Submitted], Recommended, District, "推荐"),
        new("not_recommend", [Submitted], Closed, District, "不予推荐", NoteRequired: true),
        new("request_correction", [Submitted, Recommended], Correction, Bureau, "要求补正", NoteRequired: true),
        new("accept", [Submitted, Recommended], Accepted, Bureau, "形式审查通过"),
        new("close", [Submitted, Recommended, Correction], Closed, Bureau, "不予受理", NoteRequired: true),
        new("finish_review", [Accepted], Reviewed, Bureau, "评审完成"),
        new("adjust", [Reviewed], null, Bureau, "会审调整", NoteRequired: true),
        new("publicise", [Reviewed], Publicised, Bureau, "公示"),
        new("approve", [Publicised], Approved, Bureau, "认定/立项"),
        new("refuse", [Reviewed, Publicised], Refused, Bureau, "不予认定/立项", NoteRequired: true),
    ], new Dictionary<string, string> { ["create"] = "新建草稿", ["update"] = "修改", ["correction_overdue"] = "补正逾期", ["pay"] = "拨付资金" });

    /// <summary>States in which the applicant may edit the form and attachments.</summary>
    public static readonly string[] Editable = [Draft, Correction];

    /// <summary>States after the formal check in which the application is in the review.</summary>
    public static readonly string[] InReview = [Accepted, Reviewed];
}
