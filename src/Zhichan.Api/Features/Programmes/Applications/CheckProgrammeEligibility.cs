namespace Zhichan.Api.Features.Programmes;

/// <summary>The eligibility rules evaluated now against the platform's data, shown to the applicant before submitting (and to the bureau).</summary>
public static class CheckProgrammeEligibility
{
    public static async Task<Ok<IReadOnlyList<EligibilityResult>>> HandleAsync(long id, ZhichanDb db, NpgsqlDataSource data, CurrentUser me, TimeProvider clock,
        CancellationToken ct)
    {
        var a = await ApplicationQueries.LoadAsync(db, me, id, ct);
        var (call, _, d) = await ApplicationQueries.ContextAsync(db, a, ct);
        return TypedResults.Ok(await EligibilityEngine.EvaluateAsync(db, data, a, call, d, ChinaTime.Today(clock), ct));
    }
}
