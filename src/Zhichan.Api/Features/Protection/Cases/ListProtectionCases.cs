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
        var size = pageSize ?? 20;
        if (size is < 1 or > 200) v.Add("pageSize", "每页条数应为 1～200");
        if (page is < 1) v.Add("page", "页码从 1 开始");
        v.ThrowIfInvalid();
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
        query = queue switch
        {
            "pending" => query.Where(c => c.Status == CaseStatus.Registered),
            "active" or "due_soon" or "overdue" => query.Where(c => CaseStatus.Open.Contains(c.Status)),
            "closed" => query.Where(c => CaseStatus.Final.Contains(c.Status)),
            _ => query,
        };
        var rows = await query.OrderByDescending(c => c.FastTrack).ThenBy(c => c.AcceptDue).ThenByDescending(c => c.Id).ToListAsync(ct);
        var cal = await WorkCalendarLoader.LoadAsync(db, ct);
        var today = Deadlines.Today(clock);
        var units = await UnitNamesAsync(db, ct);
        var list = rows.Select(c => (c, cd: CurrentCountdown(c, cal, today)))
            .Where(x => queue switch { "due_soon" => x.cd is { DueSoon: true }, "overdue" => x.cd is { Overdue: true }, _ => true })
            .ToList();
        var p = page ?? 1;
        var items = list.Skip((p - 1) * size).Take(size).Select(x => new CaseRow(x.c.Id, x.c.ReceiptNumber, x.c.Type, ComplaintTypes.Labels[x.c.Type], x.c.Channel,
            x.c.Status, CaseStatus.Labels[x.c.Status], x.c.FastTrack, x.c.ComplainantName, x.c.RespondentName, x.c.RightCanonical, x.c.RegionCode,
            x.c.HandlingUnitId, x.c.HandlingUnitId is { } u ? units.GetValueOrDefault(u) : null, x.c.ReceivedOn, x.cd, x.c.PossibleDuplicateOf is not null)).ToList();
        return TypedResults.Ok(new Page<CaseRow>(items, list.Count));
    }
}
