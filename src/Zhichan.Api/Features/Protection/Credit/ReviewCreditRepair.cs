using Zhichan.Api.Platform.Notifications;
using static Zhichan.Api.Features.Protection.Credit.CreditListings;

namespace Zhichan.Api.Features.Protection.Credit;

public sealed record CreditReviewRequest(bool? Approve, string? Note);

/// <summary>The bureau reviews a repair request.</summary>
public static class ReviewCreditRepair
{
    public static async Task<Ok<CreditListingDto>> HandleAsync(long id, CreditReviewRequest req, ZhichanDb db, ProtectionClock clock, CancellationToken ct)
    {
        var l = await FindListingAsync(db, id, ct);
        if (req.Approve is null) throw new RequestValidationException("approve", "请选择同意或不同意修复");
        if (string.IsNullOrWhiteSpace(req.Note)) throw new RequestValidationException("note", "请填写审核意见");
        if (l.Status != "repair_requested") throw new DomainException("没有待审核的信用修复申请");
        l.ReviewNote = req.Note.Trim(); l.ReviewedAt = DateTimeOffset.UtcNow;
        if (req.Approve.Value) { l.Status = "repaired"; l.RemovedOn = Deadlines.Today(clock); }
        else l.Status = l.PublishedAt is null ? "listed" : "published";
        // the subject's enterprise account learns the result (its org unit by exact name or credit code)
        var code = l.CreditCode;
        foreach (var unit in await db.OrgUnits.AsNoTracking().Where(u => u.Kind == OrgUnitKinds.Enterprise && (u.Name == l.SubjectName || (code != null && u.CreditCode == code)))
                     .Select(u => u.Id).ToListAsync(ct))
            await Notifier.ToUnitAsync(db, unit, new NotificationMessage(ProtectionAlerts.CreditReviewedType,
                req.Approve.Value ? "信用修复申请已通过" : "信用修复申请未通过",
                $"{l.DecisionNumber}：{(req.Approve.Value ? "已移出严重违法失信名单" : "仍在名单中")}。审核意见：{l.ReviewNote}", "/protection/my-credit",
                "credit_listings", l.Id.ToString()), ct);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(ToDto(l));
    }
}
