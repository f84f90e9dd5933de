using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Zhichan.Api.Platform.Workflow;

namespace Zhichan.Api.Features.Analysis.Appraisals;

/// <summary>A request for 分析评议 of a major economic or technology project (migration 0061, ADR 0052) and its working fields.</summary>
public sealed class Appraisal
{
    public long Id { get; set; }
    public string ProjectName { get; set; } = "";
    public string OwnerName { get; set; } = "";
    public long? OwnerEntityId { get; set; }
    public long? OwnerOrgUnitId { get; set; }
    public string? OwnerCreditCode { get; set; }
    public string? RegionCode { get; set; }
    public string ActivityKind { get; set; } = "";
    public string Reason { get; set; } = "";
    public string Technologies { get; set; } = "";
    public string[] IpcCodes { get; set; } = [];
    public string[] ApplicationNumbers { get; set; } = [];
    public string? SearchQ { get; set; }
    public string? TalentName { get; set; }
    public string[] TalentEmployers { get; set; } = [];
    public decimal? Amount { get; set; }
    public string? ContactName { get; set; }
    public string? ContactPhone { get; set; }
    public string? ContactEmail { get; set; }
    public long? AgencyId { get; set; }
    public string Status { get; set; } = AppraisalStates.Submitted;
    public DateOnly StageStartedOn { get; set; }
    public DateOnly? StageDueOn { get; set; }
    public long? HandlerId { get; set; }
    public string? HandlerName { get; set; }
    public string? ScopeText { get; set; }
    public string? MethodText { get; set; }
    public string? OpinionText { get; set; }
    public string? ConclusionText { get; set; }
    public string? Recommendations { get; set; }
    public long? CreatedBy { get; set; }
    public string CreatedByName { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
    public DateTimeOffset UpdatedAt { get; set; } = DateTimeOffset.UtcNow;
}

/// <summary>One checklist item of an appraisal (ADR 0053).</summary>
public sealed class AppraisalCheck
{
    public long Id { get; set; }
    public long AppraisalId { get; set; }
    public string Code { get; set; } = "";
    public string Stage { get; set; } = "";
    public bool Required { get; set; }
    public string State { get; set; } = AppraisalRisk.Unchecked;
    public string? Note { get; set; }
    /// <summary>JSON array of <see cref="EvidenceItem"/>: what "从平台数据检索" found.</summary>
    public string Evidence { get; set; } = "[]";
    public string[] Links { get; set; } = [];
    public DateTimeOffset? CollectedAt { get; set; }
    public string? UpdatedByName { get; set; }
    public DateTimeOffset UpdatedAt { get; set; } = DateTimeOffset.UtcNow;
}

public sealed class AppraisalEvent : WorkflowEvent
{
    public long AppraisalId { get; set; }
}

public sealed class AppraisalFile
{
    public long FileId { get; set; }
    public long AppraisalId { get; set; }
    public string? Description { get; set; }
    public long? UploadedBy { get; set; }
    public DateTimeOffset UploadedAt { get; set; } = DateTimeOffset.UtcNow;
}

/// <summary>One piece of evidence found on the platform: a record, a legal-status event, a credit listing, a protection case.</summary>
/// <param name="Kind">record, event, credit or case.</param>
public sealed record EvidenceItem(string Kind, string Ref, string Title, string? Detail, string? Date, string? Link, long? RecordId = null, string? Code = null);

internal sealed class AppraisalConfigurations : IEntityTypeConfiguration<Appraisal>, IEntityTypeConfiguration<AppraisalCheck>, IEntityTypeConfiguration<AppraisalEvent>,
    IEntityTypeConfiguration<AppraisalFile>
{
    public void Configure(EntityTypeBuilder<Appraisal> b) => b.ToTable("appraisals");

    public void Configure(EntityTypeBuilder<AppraisalCheck> b)
    {
        b.ToTable("appraisal_checks");
        b.Property(c => c.Evidence).HasColumnType("jsonb");
    }

    public void Configure(EntityTypeBuilder<AppraisalEvent> b) => b.MapWorkflowEvent("appraisal_events");

    public void Configure(EntityTypeBuilder<AppraisalFile> b)
    {
        b.ToTable("appraisal_files");
        b.HasKey(f => f.FileId);
        b.Property(f => f.FileId).ValueGeneratedNever();
    }
}

/// <summary>The kinds of activity an appraisal is for.</summary>
public static class AppraisalKinds
{
    public const string Talent = "talent";

    public static readonly IReadOnlyDictionary<string, string> Names = new Dictionary<string, string>
    {
        ["investment"] = "投资", ["acquisition"] = "并购", [Talent] = "人才引进", ["tech_import"] = "技术引进", ["tech_export"] = "技术输出", ["other"] = "其他",
    };
}

/// <summary>The states of a checklist item: not yet checked, the four risk levels, not applicable.</summary>
public static class AppraisalRisk
{
    public const string Unchecked = "unchecked", None = "none", Low = "low", Medium = "medium", High = "high", NotApplicable = "na";

    public static readonly IReadOnlyDictionary<string, string> Names = new Dictionary<string, string>
    {
        [Unchecked] = "未查", [None] = "无风险", [Low] = "低风险", [Medium] = "中风险", [High] = "高风险", [NotApplicable] = "不适用",
    };
}

/// <summary>
/// The workflow of an appraisal (ADR 0052), one transition table: the bureau accepts a request (受理), works it through
/// 检索分析 → 风险评估 → 评议意见 → 结论/建议 and archives it; it may return a request for more material (退回补充, reason
/// required) or refuse it (不予受理, reason required); the requester resubmits a returned request. Leaving a working stage
/// needs that stage's required checklist items checked (<see cref="AppraisalRules.StageGate"/>).
/// </summary>
public static class AppraisalStates
{
    public const string Submitted = "submitted", Search = "search", Risk = "risk", Opinion = "opinion", Conclusion = "conclusion", Archived = "archived",
        Returned = "returned", Rejected = "rejected";

    public static readonly IReadOnlyDictionary<string, string> Names = new Dictionary<string, string>
    {
        [Submitted] = "待受理", [Search] = "检索分析", [Risk] = "风险评估", [Opinion] = "评议意见", [Conclusion] = "结论/建议", [Archived] = "已归档",
        [Returned] = "退回补充", [Rejected] = "不予受理",
    };

    /// <summary>The stages in order (the page's stepper).</summary>
    public static readonly string[] Stages = [Submitted, Search, Risk, Opinion, Conclusion, Archived];

    /// <summary>The stages with a time limit, in working days (ADR 0052).</summary>
    public static readonly IReadOnlyDictionary<string, int> TimeLimits = new Dictionary<string, int>
    {
        [Submitted] = 5, [Search] = 10, [Risk] = 10, [Opinion] = 5, [Conclusion] = 5,
    };

    public const string Bureau = "bureau", Requester = "requester";

    public static readonly StateMachine Machine = new("评议申请", Names,
        new Dictionary<string, string> { [Bureau] = "知识产权局", [Requester] = "申请单位" },
    [
        new("accept", [Submitted], Search, Bureau, "受理"),
        new("return", [Submitted, Search], Returned, Bureau, "退回补充", NoteRequired: true, "退回补充须写明需补充的材料"),
        new("reject", [Submitted, Returned], Rejected, Bureau, "不予受理", NoteRequired: true, "不予受理须写明理由"),
        new("resubmit", [Returned], Submitted, Requester, "补充后重新提交"),
        new("complete_search", [Search], Risk, Bureau, "完成检索分析"),
        new("complete_risk", [Risk], Opinion, Bureau, "完成风险评估"),
        new("complete_opinion", [Opinion], Conclusion, Bureau, "完成评议意见"),
        new("archive", [Conclusion], Archived, Bureau, "出具结论并归档"),
    ], new Dictionary<string, string>
    {
        ["create"] = "提交评议申请", ["check"] = "填写核查项", ["collect"] = "从平台数据检索", ["edit"] = "修改申请", ["file_added"] = "上传附件", ["file_removed"] = "删除附件",
    });

    /// <summary>The actors the caller holds on an appraisal: staff are the bureau (and may resubmit for a requester); the owner's enterprise is the requester.</summary>
    public static IReadOnlyCollection<string> ActorsOf(Appraisal a, CurrentUser me) =>
        me.IsStaff ? [Bureau, Requester]
        : me.Role == Roles.Enterprise && me.OrgUnitId is { } org && a.OwnerOrgUnitId == org ? [Requester]
        : [];
}
