namespace Zhichan.Api.Features.Programmes;

/// <summary>One call: public while announced (open), every call for the bureau.</summary>
public static class GetProgrammeCall
{
    public static async Task<Ok<CallView>> HandleAsync(long id, ZhichanDb db, CurrentUser me, TimeProvider clock, CancellationToken ct)
    {
        var (c, t) = await CallRules.LoadAsync(db, id, me, ct);
        var view = await CallRules.ViewAsync(db, c, t, clock, ct);
        return TypedResults.Ok(me.IsStaff ? view : view with { Applications = null });
    }
}
