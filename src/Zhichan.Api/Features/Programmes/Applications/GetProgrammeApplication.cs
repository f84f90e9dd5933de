namespace Zhichan.Api.Features.Programmes;

/// <summary>An application with its call, the definition, form (personal values masked for the district), files, eligibility at
/// submission, timeline and the caller's actions.</summary>
public static class GetProgrammeApplication
{
    public static async Task<Ok<ApplicationDetail>> HandleAsync(long id, ZhichanDb db, CurrentUser me, TimeProvider clock, CancellationToken ct)
    {
        var a = await ApplicationQueries.LoadAsync(db, me, id, ct);
        return TypedResults.Ok(await ApplicationQueries.DetailAsync(db, a, me, clock, ct));
    }
}
