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
        var actor = me.IsStaff ? FilingActors.Bureau : FilingQueries.IsFiler(me) ? FilingActors.Filer : throw new DomainException("当前账号不能注销备案", 403);
        await FilingTransitions.ApplyAsync(db, f, "cancel", actor, reason, me, ct);
        (f.CancelledOn, f.CancelReason) = (ChinaTime.Today(clock), reason);
        await db.SaveChangesAsync(ct);
        await indicators.RefreshModuleIndicatorsAsync(ct, FilingIndicator.IndicatorCode);
        return TypedResults.Ok(new FilingResult(await FilingQueries.DetailAsync(db, f, me, clock, ct), null));
    }
}
