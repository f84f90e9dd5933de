using Zhichan.Api.Features.Transactions.Rights;

namespace Zhichan.Api.Features.Transactions.Custody;

/// <summary>Takes a right off a draft or live contract (kept with its removal time); an event on the timeline with the reason.</summary>
public static class RemoveCustodyRight
{
    public static async Task<Ok<ContractDetail>> HandleAsync(long id, long rightId, string? note, ZhichanDb db, CurrentUser me, CancellationToken ct)
    {
        var party = await CustodyAccess.PartyAsync(db, me, ct);
        var c = await CustodyAccess.FindAsync(db, me, party, id, ct);
        AddCustodyRights.EnsureEditable(c, party);
        var r = await db.Set<CustodyRight>().FirstOrDefaultAsync(x => x.Id == rightId && x.ContractId == c.Id && x.RemovedAt == null, ct)
                ?? throw new DomainException("该权利不在本合同的托管中", 404);
        new Validation().MaxLength("note", note, 500, "理由").PlainText("note", note, "理由").ThrowIfInvalid();
        r.RemovedAt = DateTimeOffset.UtcNow;
        c.UpdatedAt = DateTimeOffset.UtcNow;
        db.Add(CustodyAccess.Event(c, me, "right_removed", null, null, $"{RightKinds.Names[r.Kind]} {r.Number}{(string.IsNullOrWhiteSpace(note) ? "" : "：" + note.Trim())}"));
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(await CustodyViews.DetailAsync(db, c, party, ct));
    }
}
