namespace Zhichan.Api.Features.Transactions.Filings;

/// <summary>注销 of an approved filing (the contract ended early or was rescinded), by its filer or the bureau, with the reason.</summary>
public static class CancelLicenceFiling
{
    public static async Task<Ok<FilingResult>> HandleAsync(long id, FilingTransitionRequest? req, ZhichanDb db, CurrentUser me, TimeProvider clock,
        Indicators.IndicatorComputer indicators, CancellationToken ct)
    {
        var f = await FilingQueries.LoadAsync(db, me, id, ct);
        var reason = req?.Note?.Trim();
        if (string.IsNullOrEmpty(reason)) throw new RequestValidationException("note", "注销须说明理由");
        await FilingTransitions.ApplyAsync(db, f, "cancel", reason, me, ct);
        (f.CancelledOn, f.CancelReason) = (ChinaTime.Today(clock), reason);
        await db.SaveChangesAsync(ct);
        await indicators.RefreshModuleIndicatorsAsync(ct, FilingIndicator.IndicatorCode);
        return TypedResults.Ok(new FilingResult(await FilingQueries.DetailAsync(db, f, me, clock, ct), null));
    }
}
