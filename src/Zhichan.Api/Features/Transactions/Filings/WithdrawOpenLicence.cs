namespace Zhichan.Api.Features.Transactions.Filings;

/// <summary>The holder withdraws a declaration (licences already taken stay valid: their filings are unaffected).</summary>
public static class WithdrawOpenLicence
{
    public static async Task<Ok<OpenLicenceView>> HandleAsync(long id, ZhichanDb db, CurrentUser me, TimeProvider clock, CancellationToken ct)
    {
        var o = await OpenLicenceViews.LoadOwnAsync(db, me, id, ct);
        if (o.State == OpenLicenceStates.Withdrawn) throw new DomainException("该声明已撤回");
        (o.State, o.WithdrawnOn, o.UpdatedAt) = (OpenLicenceStates.Withdrawn, ChinaTime.Today(clock), DateTimeOffset.UtcNow);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(OpenLicenceViews.View(o, me));
    }
}
