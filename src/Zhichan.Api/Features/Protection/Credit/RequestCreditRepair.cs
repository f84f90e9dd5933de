using Zhichan.Api.Platform.Notifications;
using static Zhichan.Api.Features.Protection.Credit.CreditListings;

namespace Zhichan.Api.Features.Protection.Credit;

public sealed record CreditRepairRequest(string? Reason);

/// <summary>The listed subject (or the bureau for it) requests credit repair.</summary>
public static class RequestCreditRepair
{
    /// <summary>A repair application: by staff on the subject's paper application, or by the enterprise account of the listed subject.</summary>
    public static async Task<Ok<CreditListingDto>> HandleAsync(long id, CreditRepairRequest req, ZhichanDb db, CurrentUser me, CancellationToken ct)
    {
        var l = await FindListingAsync(db, id, ct);
        if (!me.IsStaff && !await (await OwnListingsAsync(db, me, ct)).AnyAsync(x => x.Id == id, ct))
            throw new DomainException("只有失信主体本人或知识产权局可以申请信用修复", 403, "禁止访问");
        if (string.IsNullOrWhiteSpace(req.Reason)) throw new RequestValidationException("reason", "请说明已履行处罚决定、消除不良影响的情况");
        if (req.Reason.Length > 2000) throw new RequestValidationException("reason", "申请理由不能超过 2000 个字符");
        if (l.Status is not ("listed" or "published")) throw new DomainException($"当前状态为“{CreditStatusLabels[l.Status]}”，不能申请信用修复");
        l.Status = "repair_requested"; l.RepairReason = req.Reason.Trim(); l.RepairRequestedAt = DateTimeOffset.UtcNow;
        if (!me.IsStaff && await ProtectionAlerts.BureauAsync(db, ct) is { } bureau)
            await Notifier.ToUnitAsync(db, bureau, new NotificationMessage(ProtectionAlerts.CreditRepairType, $"信用修复申请：{l.SubjectName}",
                $"{l.SubjectName}（{l.DecisionNumber}）申请信用修复，请审核。", "/protection/credit", "credit_listings", l.Id.ToString()), ct);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(ToDto(l));
    }
}
