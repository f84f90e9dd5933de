namespace Zhichan.Api.Features.Programmes;

/// <summary>The bureau announces a call: it appears on the portal (ListProgrammes, the public call page) and applicants may draft.</summary>
public static class OpenProgrammeCall
{
    public static async Task<Ok<CallView>> HandleAsync(long id, ZhichanDb db, CurrentUser me, TimeProvider clock, CancellationToken ct)
    {
        var (c, t) = await CallRules.LoadAsync(db, id, me, ct);
        if (c.Status != "draft") throw new DomainException($"批次{ProgrammeNames.CallStatuses[c.Status]}，只有未发布的批次可以发布");
        if (!t.IsActive) throw new DomainException("申报项目已停用，不能发布批次");
        c.Status = "open";
        c.PublishedAt = DateTimeOffset.UtcNow;
        c.UpdatedAt = DateTimeOffset.UtcNow;
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(await CallRules.ViewAsync(db, c, t, clock, ct));
    }
}
