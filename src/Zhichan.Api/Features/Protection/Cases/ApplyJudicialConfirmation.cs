using Zhichan.Api.Platform.Notifications;
using static Zhichan.Api.Features.Protection.Cases.JudicialConfirmation;

namespace Zhichan.Api.Features.Protection.Cases;

public sealed record ConfirmationApplicationRequest(long? CourtUnitId, string? CourtName, DateOnly? AppliedOn);

/// <summary>Registers the application for judicial confirmation of a mediation agreement (within 30 days).</summary>
public static class ApplyJudicialConfirmation
{
    public static async Task<Ok<CaseDetail>> HandleAsync(long id, long mediationId, ConfirmationApplicationRequest req, ZhichanDb db, CurrentUser me,
        ProtectionClock clock, CancellationToken ct)
    {
        var c = await CaseQueries.FindHandleableAsync(db, me, id, ct);
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
        CaseQueries.Log(db, me, c, "confirmation_applied", null, null, $"{appliedOn:yyyy-MM-dd} 向{courtName}申请调解协议司法确认", false);
        db.Set<ComplaintEvent>().Add(new ComplaintEvent { ComplaintId = c.Id, ActorName = "办案机关", Action = "public_confirmation_applied", Note = "调解协议已申请司法确认", IsPublic = true });
        if (req.CourtUnitId is { } court)
            await Notifier.ToUnitAsync(db, court, new NotificationMessage(ProtectionAlerts.ConfirmationAppliedType, $"司法确认申请：{c.ReceiptNumber}",
                $"{ComplaintTypes.Labels[c.Type]}调解协议（{m.HeldOn:yyyy-MM-dd}）申请司法确认，请审查后登记裁定结果。", ProtectionAlerts.CaseLink(c.Id),
                "complaint_mediations", m.Id.ToString(), $"protection:confirmation_applied:{m.Id}"), ct);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(await CaseQueries.DetailAsync(db, me, c, clock, ct));
    }
}
