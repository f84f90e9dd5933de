using Zhichan.Api.Features.Records;

namespace Zhichan.Api.Features.Registries.Training;

/// <summary>One training event as the caller sees it.</summary>
public static class GetTrainingEvent
{
    public static async Task<Ok<TrainingEventDto>> HandleAsync(long id, ZhichanDb db, CurrentUser me, RecordsReference reference, TimeProvider clock, CancellationToken ct)
    {
        var e = await TrainingQueries.FindVisibleAsync(db, me, id, ct);
        return TypedResults.Ok((await TrainingQueries.ToDtosAsync(db, me, [e], reference, ChinaTime.Today(clock), ct))[0]);
    }
}
