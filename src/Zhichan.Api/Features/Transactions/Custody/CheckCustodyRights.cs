using Zhichan.Api.Features.Registries.Entities;

namespace Zhichan.Api.Features.Transactions.Custody;

public sealed record CheckCustodyRightsRequest(long? EntityId, IReadOnlyList<RightInput>? Rights);

/// <summary>The live check of a form: each right found in the records (title, type, status, holders) or why not, and the holder warning.</summary>
public static class CheckCustodyRights
{
    public static async Task<Ok<IReadOnlyList<CheckedRight>>> HandleAsync(CheckCustodyRightsRequest req, ZhichanDb db, NpgsqlDataSource data, CurrentUser me, CancellationToken ct)
    {
        var rights = req.Rights ?? [];
        if (rights.Count > Rights.RightReferences.MaxRights) throw new RequestValidationException("rights", $"一次最多核对 {Rights.RightReferences.MaxRights} 项权利");
        var party = await CustodyAccess.PartyAsync(db, me, ct);
        var entityId = req.EntityId ?? party.EntityIds.FirstOrDefault();
        var entity = entityId == 0 ? null : await db.Set<InnovationEntity>().AsNoTracking().FirstOrDefaultAsync(e => e.Id == entityId, ct);
        return TypedResults.Ok<IReadOnlyList<CheckedRight>>(await CustodyRightChecks.CheckAsync(rights, entity, data, ct));
    }
}
