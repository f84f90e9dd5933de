using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Zhichan.Api.Platform.Auth;
using Zhichan.Api.Platform.Database;
using Zhichan.Api.Platform.Errors;
using Zhichan.Api.Platform.Notifications;

namespace Zhichan.Api.Features.Protection;

public sealed record ConfirmationApplicationRequest(long? CourtUnitId, string? CourtName, DateOnly? AppliedOn);
public sealed record ConfirmationRulingRequest(string? Result, DateOnly? RuledOn, string? DocumentNumber, string? Note);

/// <summary>
/// 调解协议司法确认 (ADR 0207): after a mediation agreement the parties apply to a court within 30 days of the agreement
/// (人民调解法 第三十三条); the handler records the application (court, date), and the court — its own account when the court
/// is on the platform (demo `court`), else the handler on its behalf — records the ruling (confirmed or refused, date, document number).
/// </summary>
public static class JudicialConfirmation
{
    public const int ApplicationDays = 30;

    internal static MediationDto ToDto(Mediation m, Complaint c, CurrentUser me) => new(m.Id, m.HeldOn, m.Mediator, m.Participants, m.Result, m.Agreement,
        m.JudicialConfirmation, m.CourtUnitId, m.CourtName, m.ConfirmationAppliedOn, m.Ruling, m.RulingOn, m.RulingDocumentNumber, m.RulingNote,
        CanApply(m, c, me), CanRule(m, me));

    private static bool CanApply(Mediation m, Complaint c, CurrentUser me) =>
        Cases.CanHandle(me) && m.Result == "agreement" && m.ConfirmationAppliedOn is null && c.Status is CaseStatus.Mediating or CaseStatus.Closed;

    private static bool CanRule(Mediation m, CurrentUser me) =>
        m.ConfirmationAppliedOn is not null && m.Ruling is null
        && (me.IsStaff || (m.CourtUnitId is { } court ? court == me.OrgUnitId : Cases.CanHandle(me)));

    private static async Task<Mediation> FindAsync(ZhichanDb db, Complaint c, long mediationId, CancellationToken ct) =>
        await db.Set<Mediation>().FirstOrDefaultAsync(m => m.Id == mediationId && m.ComplaintId == c.Id, ct)
        ?? throw new DomainException($"调解记录 {mediationId} 不存在", 404);

    public static async Task<Ok<CaseDetail>> ApplyAsync(long id, long mediationId, ConfirmationApplicationRequest req, ZhichanDb db, CurrentUser me,
        ProtectionClock clock, CancellationToken ct)
    {
        var c = await Cases.FindHandleableAsync(db, me, id, ct);
        var m = await FindAsync(db, c, mediationId, ct);
        var today = Deadlines.Today(clock);
        var appliedOn = req.AppliedOn ?? today;
        var v = new Validation();
        string? courtName = req.CourtName?.Trim();
        if (req.CourtUnitId is { } cu)
        {
            var unit = await db.OrgUnits.AsNoTracking().FirstOrDefaultAsync(u => u.Id == cu, ct);
            if (unit is null || !unit.Name.Contains("法院")) v.Add("courtUnitId", $"单位 {cu} 不是法院");
            else courtName = unit.Name;
        }
        else if (string.IsNullOrWhiteSpace(courtName)) v.Add("courtName", "请选择或填写受理司法确认的人民法院");
        else if (!courtName.Contains("法院")) v.Add("courtName", $"“{courtName}”不是人民法院的名称");
        v.MaxLength("courtName", courtName, 100, "法院名称");
        if (appliedOn > today) v.Add("appliedOn", "申请日期不能晚于今天");
        if (appliedOn < m.HeldOn) v.Add("appliedOn", $"申请日期不能早于调解日期 {m.HeldOn:yyyy-MM-dd}");
        else if (appliedOn.DayNumber - m.HeldOn.DayNumber > ApplicationDays)
            v.Add("appliedOn", $"应自调解协议生效之日起 {ApplicationDays} 日内申请司法确认（调解日期 {m.HeldOn:yyyy-MM-dd}）");
        v.ThrowIfInvalid();
        if (m.Result != "agreement") throw new DomainException("只有达成调解协议的调解可以申请司法确认");
        if (m.ConfirmationAppliedOn is not null) throw new DomainException($"该调解协议已于 {m.ConfirmationAppliedOn:yyyy-MM-dd} 向{m.CourtName}申请司法确认");
        if (c.Status is not (CaseStatus.Mediating or CaseStatus.Closed))
            throw new DomainException($"案件当前状态为“{CaseStatus.Labels[c.Status]}”，不能申请司法确认");

        m.JudicialConfirmation = true; m.CourtUnitId = req.CourtUnitId; m.CourtName = courtName; m.ConfirmationAppliedOn = appliedOn;
        Cases.Log(db, me, c, "confirmation_applied", null, null, $"{appliedOn:yyyy-MM-dd} 向{courtName}申请调解协议司法确认", false);
        db.Set<ComplaintEvent>().Add(new ComplaintEvent { ComplaintId = c.Id, ActorName = "办案机关", Action = "public_confirmation_applied", Note = "调解协议已申请司法确认", IsPublic = true });
        if (req.CourtUnitId is { } court)
            await Notifier.ToUnitAsync(db, court, new NotificationMessage(ProtectionAlerts.ConfirmationAppliedType, $"司法确认申请：{c.ReceiptNumber}",
                $"{ComplaintTypes.Labels[c.Type]}调解协议（{m.HeldOn:yyyy-MM-dd}）申请司法确认，请审查后登记裁定结果。", ProtectionAlerts.CaseLink(c.Id),
                "complaint_mediations", m.Id.ToString(), $"protection:confirmation_applied:{m.Id}"), ct);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(await Cases.DetailAsync(db, me, c, clock, ct));
    }

    public static async Task<Ok<CaseDetail>> RuleAsync(long id, long mediationId, ConfirmationRulingRequest req, ZhichanDb db, CurrentUser me,
        ProtectionClock clock, CancellationToken ct)
    {
        var c = await Cases.FindVisibleAsync(db, me, id, ct);
        var m = await FindAsync(db, c, mediationId, ct);
        if (!(me.IsStaff || (m.CourtUnitId is { } court ? court == me.OrgUnitId : Cases.CanHandle(me))))
            throw new DomainException("只有受理司法确认申请的法院可以登记裁定结果", 403, "禁止访问");
        var today = Deadlines.Today(clock);
        var ruledOn = req.RuledOn ?? today;
        var v = new Validation();
        v.Required("result", req.Result, "裁定结果").OneOf("result", req.Result, ["confirmed", "refused"], "裁定结果")
            .Required("documentNumber", req.DocumentNumber, "裁定书文号").MaxLength("documentNumber", req.DocumentNumber, 100, "裁定书文号")
            .MaxLength("note", req.Note, 2000, "说明");
        if (req.Result == "refused" && string.IsNullOrWhiteSpace(req.Note)) v.Add("note", "驳回申请的须写明理由");
        if (ruledOn > today) v.Add("ruledOn", "裁定日期不能晚于今天");
        if (m.ConfirmationAppliedOn is { } applied && ruledOn < applied) v.Add("ruledOn", $"裁定日期不能早于申请日期 {applied:yyyy-MM-dd}");
        v.ThrowIfInvalid();
        if (m.ConfirmationAppliedOn is null) throw new DomainException("该调解协议尚未申请司法确认");
        if (m.Ruling is not null) throw new DomainException($"已登记裁定结果（{m.RulingDocumentNumber}）");

        m.Ruling = req.Result; m.RulingOn = ruledOn; m.RulingDocumentNumber = req.DocumentNumber!.Trim(); m.RulingNote = req.Note?.Trim(); m.RulingRecordedBy = me.Id;
        var label = req.Result == "confirmed" ? "裁定确认调解协议有效" : "裁定驳回司法确认申请";
        Cases.Log(db, me, c, "confirmation_ruling", null, null, $"{m.CourtName}于 {ruledOn:yyyy-MM-dd} {label}，裁定书 {m.RulingDocumentNumber}" +
            (string.IsNullOrWhiteSpace(m.RulingNote) ? "" : "：" + m.RulingNote), false);
        db.Set<ComplaintEvent>().Add(new ComplaintEvent
        {
            ComplaintId = c.Id, ActorName = "办案机关", Action = "public_confirmation_ruling", IsPublic = true,
            Note = req.Result == "confirmed" ? "人民法院已裁定确认调解协议有效" : "人民法院裁定驳回司法确认申请",
        });
        if (await ProtectionAlerts.ResponsibleUnitAsync(db, c, ct) is { } unit && unit != me.OrgUnitId)
            await Notifier.ToUnitAsync(db, unit, new NotificationMessage(ProtectionAlerts.ConfirmationRulingType, $"司法确认结果：{c.ReceiptNumber}",
                $"{m.CourtName}{label}，裁定书 {m.RulingDocumentNumber}。", ProtectionAlerts.CaseLink(c.Id), "complaint_mediations", m.Id.ToString(),
                $"protection:confirmation_ruling:{m.Id}"), ct);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(await Cases.DetailAsync(db, me, c, clock, ct));
    }
}
