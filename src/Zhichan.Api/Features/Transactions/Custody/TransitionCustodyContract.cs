using Zhichan.Api.Platform.Workflow;
namespace Zhichan.Api.Features.Transactions.Custody;

public sealed record TransitionCustodyRequest(string? Action, string? Note);

/// <summary>Confirms, declines, withdraws or terminates a contract per the transition table; writes the event row.</summary>
public static class TransitionCustodyContract
{
    public static async Task<Ok<ContractDetail>> HandleAsync(long id, TransitionCustodyRequest req, ZhichanDb db, CurrentUser me, CancellationToken ct)
    {
        var party = await CustodyAccess.PartyAsync(db, me, ct);
        var c = await CustodyAccess.FindAsync(db, me, party, id, ct);
        if (string.IsNullOrWhiteSpace(req.Action)) throw new RequestValidationException("action", "请选择操作");
        var t = CustodyStates.Machine.Find(req.Action.Trim(), c.Status, CustodyStates.ActorsOf(c, CustodyAccess.SideOf(c, party)), req.Note);
        var v = new Validation();
        v.MaxLength("note", req.Note, 1000, "理由").PlainText("note", req.Note, "理由");
        v.ThrowIfInvalid();
        var from = c.Status;
        c.Status = t.To ?? from;
        c.UpdatedAt = DateTimeOffset.UtcNow;
        db.Add(new CustodyEvent { ContractId = c.Id }.Of<CustodyEvent>(t, from, me, req.Note));
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(await CustodyViews.DetailAsync(db, c, party, ct));
    }
}
