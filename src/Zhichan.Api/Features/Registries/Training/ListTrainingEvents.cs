using Zhichan.Api.Features.Records;

namespace Zhichan.Api.Features.Registries.Training;

/// <summary>
/// The training events (every signed-in user; the bureau sees cancelled ones too), newest first, with the number registered,
/// checked in and certified, and the caller's own registration and whether they may register themself.
/// </summary>
public static class ListTrainingEvents
{
    public static async Task<Ok<Page<TrainingEventDto>>> HandleAsync(string? q, string? status, int? year, int? page, int? pageSize, ZhichanDb db,
        CurrentUser me, RecordsReference reference, TimeProvider clock, CancellationToken ct)
    {
        var (_, size, offset) = Paging.Of(page, pageSize, 20, 100);
        var v = new Validation();
        v.MaxLength("q", q, 100, "关键词").OneOf("status", status, TrainingQueries.StatusLabels.Keys, "状态");
        if (year is < 2000 or > 2100) v.Add("year", "年份应在 2000 至 2100 之间");
        v.ThrowIfInvalid();
        var today = ChinaTime.Today(clock);
        var rows = TrainingQueries.Visible(db, me).AsNoTracking();
        if (!string.IsNullOrWhiteSpace(q)) rows = rows.Where(e => e.Title.Contains(q.Trim()) || e.Organiser.Contains(q.Trim()));
        if (year is { } y) rows = rows.Where(e => e.StartsOn.Year == y || e.EndsOn.Year == y);
        rows = status switch
        {
            "cancelled" => rows.Where(e => e.CancelledAt != null),
            "upcoming" => rows.Where(e => e.CancelledAt == null && e.StartsOn > today),
            "ongoing" => rows.Where(e => e.CancelledAt == null && e.StartsOn <= today && e.EndsOn >= today),
            "finished" => rows.Where(e => e.CancelledAt == null && e.EndsOn < today),
            _ => rows,
        };
        var total = await rows.LongCountAsync(ct);
        var events = await rows.OrderByDescending(e => e.StartsOn).ThenByDescending(e => e.Id).Skip(offset).Take(size).ToListAsync(ct);
        return TypedResults.Ok(new Page<TrainingEventDto>(await TrainingQueries.ToDtosAsync(db, me, events, reference, today, ct), total));
    }
}
