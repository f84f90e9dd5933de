using static Zhichan.Api.Features.Protection.Cases.CaseExperts;

namespace Zhichan.Api.Features.Protection.Cases;

/// <summary>The experts of the pool who may serve as technical investigators of a case, with the conflict check.</summary>
public static class ListCaseExperts
{
    public static async Task<Ok<ExpertDto[]>> HandleAsync(long id, ZhichanDb db, CurrentUser me, CancellationToken ct)
    {
        var c = await CaseQueries.FindHandleableAsync(db, me, id, ct);
        return TypedResults.Ok((await ExpertsAsync(db, ct)).Select(e => new ExpertDto(e.Id, e.Name, e.Org, Conflict(c, e.Name, e.Org))).ToArray());
    }
}
