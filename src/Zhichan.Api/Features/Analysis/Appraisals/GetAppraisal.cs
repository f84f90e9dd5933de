namespace Zhichan.Api.Features.Analysis.Appraisals;

/// <summary>An appraisal with its checklist, evidence, timeline, the actions the caller may take and the contact (masked where not needed).</summary>
public static class GetAppraisal
{
    public static async Task<Ok<AppraisalDetail>> HandleAsync(long id, ZhichanDb db, NpgsqlDataSource data, CurrentUser me, TimeProvider clock, CancellationToken ct)
    {
        var a = await AppraisalQueries.FindAsync(db, me, id, ct);
        return TypedResults.Ok(await AppraisalQueries.DetailAsync(db, data, a, me, ChinaTime.Today(clock), ct));
    }
}
