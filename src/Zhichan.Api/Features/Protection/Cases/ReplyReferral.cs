using static Zhichan.Api.Features.Protection.Cases.CaseQueries;

namespace Zhichan.Api.Features.Protection.Cases;

public sealed record ReferralReplyRequest(string? Result, string? Reply);

/// <summary>The receiving unit answers a referral.</summary>
public static class ReplyReferral
{
    public static async Task<Ok<ReferralDto>> HandleAsync(long id, ReferralReplyRequest req, ZhichanDb db, CurrentUser me, ProtectionClock clock, CancellationToken ct)
    {
        var r = await db.Set<Referral>().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new DomainException($"移送记录 {id} 不存在", 404);
        if (!me.IsStaff && r.ToUnitId != me.OrgUnitId) throw new DomainException("只有接收移送的单位可以回复", 403, "禁止访问");
        var v = new Validation();
        v.Required("result", req.Result, "回复结果").OneOf("result", req.Result, ["accepted", "declined", "returned"], "回复结果").Required("reply", req.Reply, "回复内容");
        v.ThrowIfInvalid();
        if (r.RepliedOn is not null) throw new DomainException("该移送已回复");
        r.RepliedOn = Deadlines.Today(clock); r.Reply = req.Reply!.Trim(); r.ReplyResult = req.Result;
        var c = await db.Set<Complaint>().FirstAsync(x => x.Id == r.ComplaintId, ct);
        var label = req.Result switch { "accepted" => "已立案侦查/受理", "declined" => "不予立案", _ => "退回" };
        CaseQueries.Log(db, me, c, "referral_reply", null, null, $"{me.OrgUnitName ?? me.Name}回复：{label}。{r.Reply}", false);
        // declined or returned: the case comes back to the bureau's desk in the state it left (立案 if it was filed, else 受理)
        if (req.Result is "declined" or "returned" && c.Status == CaseStatus.Referred)
        {
            var back = c.FiledOn is null ? CaseStatus.Accepted : CaseStatus.Filed;
            CaseQueries.Log(db, me, c, "referral_returned", c.Status, back, $"{label}，案件退回继续办理", false);
            db.Set<ComplaintEvent>().Add(new ComplaintEvent { ComplaintId = c.Id, ActorName = "办案机关", Action = "public_referral_returned", ToStatus = back, Note = "移送未被接收，继续办理", IsPublic = true });
            c.Status = back;
            c.AcceptedOn ??= Deadlines.Today(clock);
            c.UpdatedAt = DateTimeOffset.UtcNow;
        }
        await db.SaveChangesAsync(ct);
        var units = await CaseQueries.UnitNamesAsync(db, ct);
        return TypedResults.Ok(CaseQueries.ToDto(r, c.ReceiptNumber, units, Deadlines.Today(clock)));
    }
}
