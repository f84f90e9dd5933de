namespace Zhichan.Api.Features.Transactions.Filings;

/// <summary>The bureau accepts (受理) a submitted filing: the decision falls due 7 working days later on the working-day calendar.</summary>
public static class AcceptLicenceFiling
{
    public static async Task<Ok<FilingResult>> HandleAsync(long id, FilingTransitionRequest? req, ZhichanDb db, CurrentUser me, TimeProvider clock, CancellationToken ct)
    {
        var f = await FilingQueries.LoadAsync(db, me, id, ct);
        var today = ChinaTime.Today(clock);
        var cal = await WorkCalendarLoader.LoadAsync(db, ct);
        (f.AcceptedOn, f.DecisionDue) = (today, cal.AddWorkingDays(today, FilingRules.DecideWithinWorkingDays));
        await FilingTransitions.ApplyAsync(db, f, "accept", req?.Note?.Trim(), me, ct);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new FilingResult(await FilingQueries.DetailAsync(db, f, me, clock, ct), null));
    }
}
