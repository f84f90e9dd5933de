namespace Zhichan.Api.Features.Programmes;

/// <summary>The bureau edits a call that is not yet announced or still open (e.g. extends the 申报 window); the programme cannot change once applications exist.</summary>
public static class UpdateProgrammeCall
{
    public static async Task<Ok<CallView>> HandleAsync(long id, CallRequest req, ZhichanDb db, CurrentUser me, TimeProvider clock, CancellationToken ct)
    {
        var (c, _) = await CallRules.LoadAsync(db, id, me, ct);
        if (c.Status is not ("draft" or "open")) throw new DomainException($"批次{ProgrammeNames.CallStatuses[c.Status]}，不能修改");
        if (req.TypeId != c.TypeId && await db.Set<ProgrammeApplication>().AnyAsync(a => a.CallId == id, ct))
            throw new RequestValidationException("typeId", "批次已有申报，不能更换申报项目");
        await CallRules.ApplyAsync(db, c, req, ct);
        await db.SaveChangesAsync(ct);
        var t = await db.Set<ProgrammeType>().AsNoTracking().FirstAsync(x => x.Id == c.TypeId, ct);
        return TypedResults.Ok(await CallRules.ViewAsync(db, c, t, clock, ct));
    }
}
