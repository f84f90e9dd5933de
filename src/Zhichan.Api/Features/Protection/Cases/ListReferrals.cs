using static Zhichan.Api.Features.Protection.Cases.CaseExperts;
using static Zhichan.Api.Features.Protection.Cases.CaseQueries;

namespace Zhichan.Api.Features.Protection.Cases;

/// <summary>Referred cases (行刑衔接): police and courts see those referred to them.</summary>
public static class ListReferrals
{
    public static async Task<Ok<ReferralDto[]>> HandleAsync(bool? pending, ZhichanDb db, CurrentUser me, ProtectionClock clock, CancellationToken ct)
    {
        var q = db.Set<Referral>().AsNoTracking();
        if (!me.IsStaff) { var org = me.OrgUnitId ?? -1; q = q.Where(r => r.ToUnitId == org); }
        if (pending == true) q = q.Where(r => r.RepliedOn == null);
        var rows = await q.OrderByDescending(r => r.Id).ToListAsync(ct);
        var ids = rows.Select(r => r.ComplaintId).Distinct().ToArray();
        var receipts = await db.Set<Complaint>().Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.ReceiptNumber, ct);
        var units = await CaseQueries.UnitNamesAsync(db, ct);
        var today = Deadlines.Today(clock);
        return TypedResults.Ok(rows.Select(r => CaseQueries.ToDto(r, receipts[r.ComplaintId], units, today)).ToArray());
    }
}
