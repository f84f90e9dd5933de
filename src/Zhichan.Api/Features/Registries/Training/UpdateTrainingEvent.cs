using Zhichan.Api.Features.Records;

namespace Zhichan.Api.Features.Registries.Training;

/// <summary>
/// Changes an event's plan (bureau), closes or reopens its registration, cancels it (cancelled = true; its attendances then no
/// longer count). The capacity cannot fall below the people already registered.
/// </summary>
public static class UpdateTrainingEvent
{
    public static async Task<Ok<TrainingEventDto>> HandleAsync(long id, TrainingEventRequest req, ZhichanDb db, CurrentUser me, RecordsReference reference,
        TimeProvider clock, Indicators.IndicatorComputer indicators, CancellationToken ct)
    {
        var e = await db.Set<TrainingEvent>().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new DomainException($"培训活动 {id} 不存在", 404);
        CreateTrainingEvent.Validate(req, reference);
        var registered = await db.Set<TrainingRegistration>().CountAsync(r => r.EventId == id, ct);
        if (req.Capacity is { } cap && cap < registered) throw new DomainException($"已有 {registered} 人报名，名额不能少于报名人数");
        CreateTrainingEvent.Apply(e, req);
        if (req.Cancelled is { } cancelled) e.CancelledAt = cancelled ? e.CancelledAt ?? DateTimeOffset.UtcNow : null;
        await db.SaveChangesAsync(ct);
        await indicators.RefreshModuleIndicatorsAsync(ct, TrainingAttendanceIndicator.CatalogueCode);
        return TypedResults.Ok((await TrainingQueries.ToDtosAsync(db, me, [e], reference, ChinaTime.Today(clock), ct))[0]);
    }
}
