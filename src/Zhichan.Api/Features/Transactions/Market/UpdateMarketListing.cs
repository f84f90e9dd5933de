namespace Zhichan.Api.Features.Transactions.Market;

/// <summary>The owner edits its listing; a published one goes back to review (and leaves the market until approved again).</summary>
public static class UpdateMarketListing
{
    public static async Task<Ok<MarketListingDetail>> HandleAsync(long id, MarketListingForm req, ZhichanDb db, NpgsqlDataSource ds, CurrentUser user, TimeProvider clock, CancellationToken ct)
    {
        var l = await MarketQueries.FindVisibleAsync(db, user, id, ct, track: true);
        if (!MarketQueries.IsOwner(user, l)) throw new DomainException("只能修改本单位发布的信息", StatusCodes.Status403Forbidden);
        if (!MarketStatus.Editable.Contains(l.Status) && l.Status != MarketStatus.Draft)
            throw new DomainException($"状态为“{MarketStatus.Names[l.Status]}”的信息不能修改");
        var refs = await MarketListingForms.ApplyAsync(db, ds, l, req, ChinaTime.Today(clock), creating: false, ct);
        await MarketListingForms.ReplaceRightsAsync(db, l.Id, refs, ct);
        if (l.Status is MarketStatus.Draft or MarketStatus.Rectify) await db.SaveChangesAsync(ct);
        else await MarketListingForms.TransitionAsync(db, ds, user, l, MarketTransitions.Edit, null, ct);
        return TypedResults.Ok(await GetMarketListing.DetailAsync(db, user, l, ct));
    }
}
