namespace Zhichan.Api.Features.Programmes.Review;

public sealed record DrawListItem(long Id, string Status, string StatusLabel, int PanelSize, int Reserves, string Seed, string? Reason, long? SupersededBy,
    DateTimeOffset? PublishedAt, DateTimeOffset DrawnAt);

public sealed record CallDraws(long CallId, string CallTitle, int AcceptedApplications, PanelRule DefaultRule, DrawListItem[] Draws);

/// <summary>The draws of a call, the valid one first and the superseded ones kept, with the type's default panel rule for the form.</summary>
public static class ListExpertDraws
{
    public static async Task<Ok<CallDraws>> HandleAsync(long id, ZhichanDb db, CancellationToken ct)
    {
        var call = await ReviewViews.CallAsync(db, id, ct);
        var def = await ReviewViews.DefinitionAsync(db, call.TypeId, ct);
        var accepted = await db.Set<ProgrammeApplication>().CountAsync(a => a.CallId == id && a.Status == ApplicationStates.Accepted, ct);
        var draws = await db.Set<ProgrammeDraw>().AsNoTracking().Where(d => d.CallId == id).OrderBy(d => d.Status == DrawLog.Drawn ? 0 : 1).ThenByDescending(d => d.Id).ToListAsync(ct);
        return TypedResults.Ok(new CallDraws(call.Id, call.Title, accepted, def.Panel, draws.Select(d => new DrawListItem(d.Id, d.Status, DrawLog.Machine.StateName(d.Status),
            d.PanelSize, d.Reserves, d.Seed, d.Reason, d.SupersededBy, d.PublishedAt, d.DrawnAt)).ToArray()));
    }
}
