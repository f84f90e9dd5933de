namespace Zhichan.Api.Features.Transactions.Filings;

/// <summary>
/// The filer submits (a draft, a refused filing corrected, or a change): a submission later than 3 months after the contract's
/// effective date is accepted with a warning and keeps its late flag.
/// </summary>
public static class SubmitLicenceFiling
{
    public static async Task<Ok<FilingResult>> HandleAsync(long id, ZhichanDb db, CurrentUser me, TimeProvider clock, CancellationToken ct)
    {
        var f = await FilingQueries.LoadAsync(db, me, id, ct);
        var today = ChinaTime.Today(clock);
        var late = f.EffectiveDate is { } e && today > FilingRules.SubmitBy(e);
        f.SubmittedOn = today;
        f.SubmittedLate = f.SubmittedLate || late;
        (f.AcceptedOn, f.DecisionDue, f.RefusalReason) = (null, null, null);
        await FilingTransitions.ApplyAsync(db, f, "submit", late ? "逾期提交（超过合同生效之日起 3 个月）" : null, me, ct);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new FilingResult(await FilingQueries.DetailAsync(db, f, me, clock, ct), late ? FilingQueries.LateWarning(f) : null));
    }
}
