using static Zhichan.Api.Features.Protection.Cases.CaseQueries;

namespace Zhichan.Api.Features.Protection.Cases;

public sealed record CaseExtensionRequest(string? Reason, string? ApprovedBy);

/// <summary>An approved extension of the handling deadline (once).</summary>
public static class ExtendProtectionCase
{
    public static async Task<Ok<CaseDetail>> HandleAsync(long id, CaseExtensionRequest req, ZhichanDb db, CurrentUser me, ProtectionClock clock, CancellationToken ct)
    {
        var c = await FindHandleableAsync(db, me, id, ct);
        var v = new Validation();
        v.Required("reason", req.Reason, "延期理由").Required("approvedBy", req.ApprovedBy, "批准人");
        v.ThrowIfInvalid();
        if (c.DecisionDue is not { } due || c.Status is not (CaseStatus.Filed or CaseStatus.Investigating or CaseStatus.Mediating))
            throw new DomainException("只有立案后、作出处理决定前的案件可以延长办理期限");
        if (c.Extended) throw new DomainException("办理期限只能延长一次，本案已延长过");
        var cal = await WorkCalendarLoader.LoadAsync(db, ct);
        c.DecisionDue = Deadlines.Extend(cal, c.Type, due);
        c.Extended = true; c.ExtensionReason = req.Reason!.Trim(); c.ExtensionApprovedBy = req.ApprovedBy!.Trim(); c.UpdatedAt = DateTimeOffset.UtcNow;
        Log(db, me, c, "extend", null, null, $"经{c.ExtensionApprovedBy}批准延长至 {c.DecisionDue:yyyy-MM-dd}：{c.ExtensionReason}", false);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(await DetailAsync(db, me, c, clock, ct));
    }
}
