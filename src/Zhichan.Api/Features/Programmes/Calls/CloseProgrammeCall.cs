namespace Zhichan.Api.Features.Programmes;

/// <summary>The bureau ends a call (all its stages done, or withdrawn from the portal); its applications keep their states.</summary>
public static class CloseProgrammeCall
{
    public static async Task<Ok<CallView>> HandleAsync(long id, ZhichanDb db, CurrentUser me, TimeProvider clock, CancellationToken ct)
    {
        var (c, t) = await CallRules.LoadAsync(db, id, me, ct);
        if (c.Status != "open") throw new DomainException($"批次{ProgrammeNames.CallStatuses[c.Status]}，只有已发布的批次可以结束");
        c.Status = "closed";
        c.UpdatedAt = DateTimeOffset.UtcNow;
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(await CallRules.ViewAsync(db, c, t, clock, ct));
    }
}
