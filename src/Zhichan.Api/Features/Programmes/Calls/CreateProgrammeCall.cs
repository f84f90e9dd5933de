namespace Zhichan.Api.Features.Programmes;

/// <summary>The bureau creates a call (批次) of a programme, not yet announced.</summary>
public static class CreateProgrammeCall
{
    public static async Task<Created<CallView>> HandleAsync(CallRequest req, ZhichanDb db, CurrentUser me, TimeProvider clock, CancellationToken ct)
    {
        var c = new ProgrammeCall { CreatedBy = me.Id };
        await CallRules.ApplyAsync(db, c, req, ct);
        db.Add(c);
        await db.SaveChangesAsync(ct);
        var t = await db.Set<ProgrammeType>().AsNoTracking().FirstAsync(x => x.Id == c.TypeId, ct);
        return TypedResults.Created($"/api/programmes/calls/{c.Id}", await CallRules.ViewAsync(db, c, t, clock, ct));
    }
}
