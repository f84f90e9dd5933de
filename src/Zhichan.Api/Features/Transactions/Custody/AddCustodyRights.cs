using Zhichan.Api.Features.Registries.Entities;
using Zhichan.Api.Features.Transactions.Rights;

namespace Zhichan.Api.Features.Transactions.Custody;

public sealed record AddCustodyRightsRequest(IReadOnlyList<RightInput>? Rights);

/// <summary>Adds rights to a draft or live contract (either side); each is an event on the contract's timeline.</summary>
public static class AddCustodyRights
{
    public static async Task<Ok<ContractDetail>> HandleAsync(long id, AddCustodyRightsRequest req, ZhichanDb db, NpgsqlDataSource data, CurrentUser me, CancellationToken ct)
    {
        var party = await CustodyAccess.PartyAsync(db, me, ct);
        var c = await CustodyAccess.FindAsync(db, me, party, id, ct);
        EnsureEditable(c, party);
        var entity = await db.Set<InnovationEntity>().AsNoTracking().FirstOrDefaultAsync(e => e.Id == c.EntityId, ct);
        var rights = await CustodyRightChecks.CheckAsync(req.Rights ?? [], entity, data, ct);
        var v = new Validation();
        CustodyRightChecks.Validate(v, rights);
        var live = await db.Set<CustodyRight>().Where(r => r.ContractId == c.Id && r.RemovedAt == null).Select(r => new { r.Kind, r.Number }).ToListAsync(ct);
        for (var i = 0; i < rights.Count; i++)
            if (live.Any(l => l.Kind == rights[i].Kind && l.Number == rights[i].Number)) v.Add($"rights[{i}].number", $"“{rights[i].Number}”已在本合同托管中");
        v.ThrowIfInvalid();
        foreach (var r in rights)
        {
            db.Add(new CustodyRight { ContractId = c.Id, Kind = r.Kind, Number = r.Number, RecordId = r.RecordId, Title = r.Title, HolderWarning = r.Warning });
            db.Add(CustodyAccess.Event(c, me, "right_added", null, null, $"{RightKinds.Names[r.Kind]} {r.Number}{(r.Title is null ? "" : " " + r.Title)}"));
        }
        c.UpdatedAt = DateTimeOffset.UtcNow;
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(await CustodyViews.DetailAsync(db, c, party, ct));
    }

    public static void EnsureEditable(CustodyContract c, CustodyParty party)
    {
        if (CustodyAccess.SideOf(c, party) is null) throw new DomainException("只有合同双方可以调整托管权利", 403);
        if (c.Status is not (CustodyStates.Draft or CustodyStates.Active))
            throw new DomainException($"合同已{CustodyStates.Names[c.Status]}，不能再调整托管权利", 409);
    }
}
