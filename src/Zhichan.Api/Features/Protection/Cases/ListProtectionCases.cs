using static Zhichan.Api.Features.Protection.Cases.CaseQueries;

namespace Zhichan.Api.Features.Protection.Cases;

/// <summary>The case queues (待受理/办理中/临期/超期/已办结) filtered by the caller's role.</summary>
public static class ListProtectionCases
{
    public static async Task<Ok<Page<CaseRow>>> HandleAsync(string? queue, string? type, string? status, bool? fastTrack, string? region, string? q,
        int? page, int? pageSize, ZhichanDb db, CurrentUser me, ProtectionClock clock, CancellationToken ct)
    {
        var v = new Validation();
        queue = string.IsNullOrWhiteSpace(queue) ? "all" : queue;
        v.OneOf("queue", queue, Queues, "队列");
        if (type is not null) v.OneOf("type", type, ComplaintTypes.Labels.Keys, "投诉类型");
        if (status is not null) v.OneOf("status", status, CaseStatus.Labels.Keys, "状态");
        v.ThrowIfInvalid();
        var (p, size, offset) = Paging.Of(page, pageSize, 20, 200);
        var query = Visible(db, me).AsNoTracking();
        if (type is not null) query = query.Where(c => c.Type == type);
        if (status is not null) query = query.Where(c => c.Status == status);
        if (fastTrack is { } ft) query = query.Where(c => c.FastTrack == ft);
        if (!string.IsNullOrWhiteSpace(region)) query = query.Where(c => c.RegionCode != null && c.RegionCode.StartsWith(CurrentUser.SignificantPrefix(region.PadRight(6, '0'))));
        if (!string.IsNullOrWhiteSpace(q))
        {
            var t = q.Trim();
            query = query.Where(c => c.ReceiptNumber.Contains(t) || c.RespondentName.Contains(t) || c.ComplainantName.Contains(t) || (c.RightCanonical != null && c.RightCanonical.Contains(t)));
        }
        query = InQueue(query, queue);
        var rows = await query.OrderByDescending(c => c.FastTrack).ThenBy(c => c.AcceptDue).ThenByDescending(c => c.Id).ToListAsync(ct);
        var cal = await WorkCalendarLoader.LoadAsync(db, ct);
        var today = Deadlines.Today(clock);
        var units = await UnitNamesAsync(db, ct);
        var list = rows.Select(c => (c, cd: CurrentCountdown(c, cal, today)))
            .Where(x => queue switch { "due_soon" => x.cd is { DueSoon: true }, "overdue" => x.cd is { Overdue: true }, _ => true })
            .ToList();
        var items = list.Skip(offset).Take(size).Select(x => new CaseRow(x.c.Id, x.c.ReceiptNumber, x.c.Type, ComplaintTypes.Labels[x.c.Type], x.c.Channel,
            x.c.Status, CaseStatus.Labels[x.c.Status], x.c.FastTrack, x.c.ComplainantName, x.c.RespondentName, x.c.RightCanonical, x.c.RegionCode,
            x.c.HandlingUnitId, x.c.HandlingUnitId is { } u ? units.GetValueOrDefault(u) : null, x.c.ReceivedOn, x.cd, x.c.PossibleDuplicateOf is not null)).ToList();
        return TypedResults.Ok(new Page<CaseRow>(items, list.Count));
    }

    /// <summary>
    /// The cases of a queue (before the countdown filters of 临期 and 超期): 待受理 the registered ones; 办理中 the accepted ones not
    /// yet closed (a registered case is not being handled yet); 已办结 the closed ones.
    /// </summary>
    internal static IQueryable<Complaint> InQueue(IQueryable<Complaint> query, string queue) => queue switch
    {
        "pending" => query.Where(c => c.Status == CaseStatus.Registered),
        "active" => query.Where(c => CaseStatus.Open.Contains(c.Status) && c.Status != CaseStatus.Registered),
        "due_soon" or "overdue" => query.Where(c => CaseStatus.Open.Contains(c.Status)),
        "closed" => query.Where(c => CaseStatus.Final.Contains(c.Status)),
        _ => query,
    };
}
