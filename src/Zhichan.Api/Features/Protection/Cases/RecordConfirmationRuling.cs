using Zhichan.Api.Platform.Notifications;
using static Zhichan.Api.Features.Protection.Cases.JudicialConfirmation;

namespace Zhichan.Api.Features.Protection.Cases;

public sealed record ConfirmationRulingRequest(string? Result, DateOnly? RuledOn, string? DocumentNumber, string? Note);

/// <summary>Records the court's ruling on a confirmation.</summary>
public static class RecordConfirmationRuling
{
    public static async Task<Ok<CaseDetail>> HandleAsync(long id, long mediationId, ConfirmationRulingRequest req, ZhichanDb db, CurrentUser me,
        ProtectionClock clock, CancellationToken ct)
    {
        var c = await CaseQueries.FindVisibleAsync(db, me, id, ct);
        var m = await FindAsync(db, c, mediationId, ct);
        if (!(me.IsStaff || (m.CourtUnitId is { } court ? court == me.OrgUnitId : CaseQueries.CanHandle(me))))
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
        CaseQueries.Log(db, me, c, "confirmation_ruling", null, null, $"{m.CourtName}于 {ruledOn:yyyy-MM-dd} {label}，裁定书 {m.RulingDocumentNumber}" +
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
        return TypedResults.Ok(await CaseQueries.DetailAsync(db, me, c, clock, ct));
    }
}
