namespace Zhichan.Api.Features.Protection.Credit;

public sealed record CreditListingDto(long Id, long? ComplaintId, string SubjectName, string SubjectKind, string? CreditCode, string DecisionNumber, string Reason,
    string Status, string StatusLabel, DateOnly ListedOn, DateOnly ExpiresOn, DateTimeOffset? PublishedAt, string? RepairReason, DateTimeOffset? RepairRequestedAt,
    string? ReviewNote, DateOnly? RemovedOn);

public sealed record PublicCreditDto(long Id, string SubjectName, string? CreditCode, string DecisionNumber, string Reason, DateOnly ListedOn, DateOnly ExpiresOn);

public sealed record CreditExpiryResult(int Expired, DateOnly AsOf);

/// <summary>What the credit-list use cases share: status labels, finding a listing the caller may act on, expiry.</summary>
public static class CreditListings
{
    internal static CreditListingDto ToDto(CreditListing l) => new(l.Id, l.ComplaintId, l.SubjectName, l.SubjectKind, l.CreditCode, l.DecisionNumber, l.Reason,
        l.Status, CreditStatusLabels[l.Status], l.ListedOn, l.ExpiresOn, l.PublishedAt, l.RepairReason, l.RepairRequestedAt, l.ReviewNote, l.RemovedOn);

    public static readonly IReadOnlyDictionary<string, string> CreditStatusLabels = new Dictionary<string, string>
    {
        ["listed"] = "已列入", ["published"] = "已公示", ["repair_requested"] = "信用修复申请中", ["repaired"] = "已修复移出", ["expired"] = "期满移出",
    };

    internal static async Task<CreditListing> FindListingAsync(ZhichanDb db, long id, CancellationToken ct) =>
        await db.Set<CreditListing>().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new DomainException($"名单记录 {id} 不存在", 404);

    /// <summary>The listings of the caller's own organisation (an enterprise account): by the org unit's exact name or its credit code.</summary>
    internal static async Task<IQueryable<CreditListing>> OwnListingsAsync(ZhichanDb db, CurrentUser me, CancellationToken ct)
    {
        var org = me.OrgUnitId ?? -1;
        var unit = await db.OrgUnits.AsNoTracking().Where(u => u.Id == org).Select(u => new { u.Name, u.CreditCode }).FirstOrDefaultAsync(ct);
        if (me.Role != Roles.Enterprise || unit is null) return db.Set<CreditListing>().Where(_ => false);
        var name = unit.Name;
        var code = unit.CreditCode;
        return code is null ? db.Set<CreditListing>().Where(l => l.SubjectName == name)
            : db.Set<CreditListing>().Where(l => l.SubjectName == name || l.CreditCode == code);
    }

    /// <summary>Moves listings whose period has ended off the list (run by the deadline check job, <see cref="DeadlineChecks"/>, and on demand).</summary>
    public static async Task<int> ExpireAsync(ZhichanDb db, DateOnly today, CancellationToken ct)
    {
        var due = await db.Set<CreditListing>().Where(l => (l.Status == "listed" || l.Status == "published" || l.Status == "repair_requested") && l.ExpiresOn <= today).ToListAsync(ct);
        foreach (var l in due) { l.Status = "expired"; l.RemovedOn = today; }
        if (due.Count > 0) await db.SaveChangesAsync(ct);
        return due.Count;
    }
}
