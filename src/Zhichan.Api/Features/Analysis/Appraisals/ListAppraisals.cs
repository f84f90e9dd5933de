namespace Zhichan.Api.Features.Analysis.Appraisals;

/// <summary>The requests the caller sees, newest first, filtered by state, by overdue (the stage's working-day limit passed) and by a word of the project or owner.</summary>
public static class ListAppraisals
{
    public static async Task<Ok<Page<AppraisalListItem>>> HandleAsync(string? status, bool? overdue, string? q, int? page, int? pageSize, ZhichanDb db, CurrentUser me,
        TimeProvider clock, CancellationToken ct)
    {
        var (_, size, offset) = Paging.Of(page, pageSize, 20, 100);
        if (status is not null && !AppraisalStates.Names.ContainsKey(status)) throw new RequestValidationException("status", $"状态“{status}”无效");
        var today = ChinaTime.Today(clock);
        var rows = AppraisalQueries.Visible(db, me).AsNoTracking();
        if (status is not null) rows = rows.Where(a => a.Status == status);
        if (overdue == true) rows = rows.Where(a => a.StageDueOn != null && a.StageDueOn < today);
        if (!string.IsNullOrWhiteSpace(q))
        {
            var word = q.Trim();
            rows = rows.Where(a => a.ProjectName.Contains(word) || a.OwnerName.Contains(word));
        }
        var total = await rows.LongCountAsync(ct);
        var items = await rows.OrderByDescending(a => a.CreatedAt).ThenByDescending(a => a.Id).Skip(offset).Take(size).ToListAsync(ct);
        var cal = await WorkCalendarLoader.LoadAsync(db, ct);
        return TypedResults.Ok(new Page<AppraisalListItem>(items.Select(a => AppraisalQueries.ListItem(a, today, cal)).ToList(), total));
    }
}
