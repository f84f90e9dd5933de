namespace Zhichan.Api.Features.Transactions.Filings;

/// <summary>The holder publishes its declaration: from now on anyone sees it and any enterprise may take a licence on its terms.</summary>
public static class PublishOpenLicence
{
    public static async Task<Ok<OpenLicenceView>> HandleAsync(long id, ZhichanDb db, CurrentUser me, TimeProvider clock, CancellationToken ct)
    {
        var o = await OpenLicenceViews.LoadOwnAsync(db, me, id, ct);
        if (o.State != OpenLicenceStates.Draft) throw new DomainException($"声明当前为“{OpenLicenceStates.Names[o.State]}”，只有未发布的声明可以发布");
        var today = ChinaTime.Today(clock);
        if (o.TermTo < today) throw new DomainException("许可期限已届满，不能发布");
        (o.State, o.PublishedOn, o.UpdatedAt) = (OpenLicenceStates.Published, today, DateTimeOffset.UtcNow);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(OpenLicenceViews.View(o, me));
    }
}
