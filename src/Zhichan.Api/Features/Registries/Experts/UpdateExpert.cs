using Zhichan.Api.Features.Records;

namespace Zhichan.Api.Features.Registries.Experts;

/// <summary>
/// Changes an expert (bureau). The contacts come back masked from the file the form was filled from: a masked or absent contact is
/// left as stored (ExpertRules.Contact). A demo row stays marked 示例.
/// </summary>
public static class UpdateExpert
{
    public static async Task<Ok<ExpertDetail>> HandleAsync(long id, ExpertRequest req, ZhichanDb db, RecordsReference reference, CancellationToken ct)
    {
        var e = await ExpertQueries.FindAsync(db, id, ct);
        await CreateExpert.ValidateAsync(req, id, db, reference, ct);
        CreateExpert.Write(e, req);
        await ExpertRules.EnsureIdNumberFreeAsync(db, e.IdNumber, id, ct);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(await ExpertQueries.DetailAsync(db, e, reference, masked: true, ct));
    }
}
