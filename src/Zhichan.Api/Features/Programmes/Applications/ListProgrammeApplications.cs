namespace Zhichan.Api.Features.Programmes;

/// <summary>Applications the caller may see (the applicant its own, the district its region, the bureau all), by call and state, with counts per state.</summary>
public static class ListProgrammeApplications
{
    public sealed record ApplicationList(IReadOnlyList<ApplicationSummary> Items, int Total, IReadOnlyDictionary<string, int> ByStatus);

    public static async Task<Ok<ApplicationList>> HandleAsync(long? callId, string? status, int? page, int? pageSize, ZhichanDb db, CurrentUser me, TimeProvider clock,
        CancellationToken ct)
    {
        var (_, size, offset) = Paging.Of(page, pageSize, 50, 200);
        if (status is not null && !ApplicationStates.Names.ContainsKey(status)) throw new RequestValidationException("status", "申报状态无效");
        var q = ApplicationQueries.Visible(db, me).AsNoTracking();
        if (callId is { } c) q = q.Where(a => a.CallId == c);
        var byStatus = await q.GroupBy(a => a.Status).Select(g => new { g.Key, N = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.N, ct);
        if (status is not null) q = q.Where(a => a.Status == status);
        var total = await q.CountAsync(ct);
        var rows = await q.OrderByDescending(a => a.UpdatedAt).ThenByDescending(a => a.Id).Skip(offset).Take(size).ToListAsync(ct);
        var callIds = rows.Select(a => a.CallId).Distinct().ToList();
        var calls = await db.Set<ProgrammeCall>().AsNoTracking().Where(x => callIds.Contains(x.Id)).ToDictionaryAsync(x => x.Id, ct);
        var typeIds = calls.Values.Select(x => x.TypeId).Distinct().ToList();
        var types = await db.Set<ProgrammeType>().AsNoTracking().Where(t => typeIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, ct);
        var regions = await ProgrammeViews.RegionNamesAsync(db, rows.Select(a => a.RegionCode), ct);
        var today = ChinaTime.Today(clock);
        return TypedResults.Ok(new ApplicationList(rows.Select(a => ApplicationQueries.Summary(a, calls[a.CallId], types[calls[a.CallId].TypeId], regions, today)).ToList(),
            total, byStatus));
    }
}
