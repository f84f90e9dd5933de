namespace Zhichan.Api.Features.Transactions.Custody;

public sealed record AddCustodyWatchRequest(IReadOnlyList<RightInput>? Rights);

/// <summary>Adds rights to the unit's watch list (checked against the records; a right already watched is a field error).</summary>
public static class AddCustodyWatch
{
    public static async Task<Ok<IReadOnlyList<CheckedRight>>> HandleAsync(AddCustodyWatchRequest req, ZhichanDb db, NpgsqlDataSource data, CurrentUser me, CancellationToken ct)
    {
        var org = me.OrgUnitId ?? throw new DomainException("账号未归属单位，不能建立关注清单", 409);
        var rights = await CustodyRightChecks.CheckAsync(req.Rights ?? [], null, data, ct);
        var v = new Validation();
        CustodyRightChecks.Validate(v, rights);
        var numbers = rights.Select(r => r.Number).ToArray();
        var existing = await db.Set<CustodyWatch>().Where(w => w.OrgUnitId == org && numbers.Contains(w.Number)).Select(w => new { w.Kind, w.Number }).ToListAsync(ct);
        for (var i = 0; i < rights.Count; i++)
            if (existing.Any(e => e.Kind == rights[i].Kind && e.Number == rights[i].Number)) v.Add($"rights[{i}].number", $"“{rights[i].Number}”已在关注清单中");
        v.ThrowIfInvalid();
        foreach (var r in rights)
            db.Add(new CustodyWatch { OrgUnitId = org, Kind = r.Kind, Number = r.Number, RecordId = r.RecordId, Title = r.Title, CreatedBy = me.Id });
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok<IReadOnlyList<CheckedRight>>(rights);
    }
}
