using Zhichan.Api.Platform.Workflow;
using Zhichan.Api.Features.Records;
using Zhichan.Api.Features.Registries.Entities;
using Zhichan.Api.Features.Transactions.Rights;
using static Zhichan.Api.Features.Transactions.Pledges.PledgeQueries;

namespace Zhichan.Api.Features.Transactions.Pledges;

/// <summary>
/// An enterprise applies for a pledge of its own rights to a bank (state 申请); the bureau may record one for any entity. The rights are
/// checked against the records, the pledgee must be a bank unit, the valuation one made for the pledgor.
/// </summary>
public static class CreatePledge
{
    public static async Task<Created<PledgeDetail>> HandleAsync(PledgeRequest req, ZhichanDb db, NpgsqlDataSource ds, CurrentUser me, RecordsReference reference,
        CancellationToken ct)
    {
        if (me.Role is not (Roles.Enterprise or Roles.Admin or Roles.Bureau))
            throw new DomainException("质押申请由出质企业提交（知识产权局可代为登记）", 403, "禁止访问");
        var v = new Validation();
        long? entityId = req.EntityId;
        if (me.Role == Roles.Enterprise)
        {
            var own = await EntityQueries.OwnAsync(db, me, ct)
                      ?? throw new DomainException("本单位尚未关联创新主体，请先请知识产权局在主体库中关联后再申请质押", 409);
            entityId = own.Id;
        }
        var entity = entityId is null ? null : await db.Set<InnovationEntity>().AsNoTracking().FirstOrDefaultAsync(e => e.Id == entityId && e.MergedInto == null, ct);
        if (entity is null) v.Add("entityId", entityId is null ? "请选择出质人" : $"创新主体 {entityId} 不存在");
        await ValidateAsync(req, db, v, ct);
        var refs = await ResolveRightsAsync(req.Rights, ds, v, ct);
        if (req.ValuationId is { } vid && entity is not null
            && !await db.Set<PledgeValuation>().AnyAsync(x => x.Id == vid && x.EntityId == entity.Id, ct))
            v.Add("valuationId", $"评估报告 {vid} 不存在或不是为出质人所做");
        v.ThrowIfInvalid();

        var p = new Pledge
        {
            EntityId = entity!.Id, BankUnitId = req.BankUnitId!.Value, Amount = req.Amount!.Value, TermFrom = req.TermFrom!.Value, TermTo = req.TermTo!.Value,
            ValuationId = req.ValuationId, RegionCode = entity.RegionCode, Note = PledgeAccess.Clean(req.Note), CreatedBy = me.Id,
        };
        db.Set<Pledge>().Add(p);
        await db.SaveChangesAsync(ct);
        AddRights(db, p.Id, refs);
        db.Set<PledgeEvent>().Add(new PledgeEvent { PledgeId = p.Id }.Of<PledgeEvent>("apply", null, p.State, me, p.Note));
        await db.SaveChangesAsync(ct);
        await using var conn = await ds.OpenConnectionAsync(ct);
        var row = await conn.QuerySingleAsync<RowData>(new CommandDefinition($"{RowSelect} WHERE p.id = @id", new { id = p.Id }, cancellationToken: ct));
        return TypedResults.Created($"/api/transactions/pledges/{p.Id}", await GetPledge.DetailAsync(conn, me, row, reference, ct));
    }

    internal static void AddRights(ZhichanDb db, long pledgeId, IEnumerable<RightRef> refs)
    {
        foreach (var r in refs)
            db.Set<PledgeRight>().Add(new PledgeRight { PledgeId = pledgeId, Kind = r.Kind, Number = r.Number, RecordId = r.RecordId, Title = r.Title });
    }

    internal static async Task ValidateAsync(PledgeRequest req, ZhichanDb db, Validation v, CancellationToken ct)
    {
        if (req.BankUnitId is not { } bank) v.Add("bankUnitId", "请选择质权人（金融机构）");
        else if (!await IsBankAsync(db, bank, ct)) v.Add("bankUnitId", $"单位 {bank} 不是金融机构，质权人应为金融机构");
        PledgeAccess.Amount(v, "amount", req.Amount, "担保金额");
        if (req.TermFrom is null) v.Add("termFrom", "请填写借款期限起始日");
        if (req.TermTo is null) v.Add("termTo", "请填写借款期限到期日");
        if (req.TermFrom is { } f && req.TermTo is { } t && t < f) v.Add("termTo", "到期日早于起始日");
        v.MaxLength("note", req.Note, 1000, "备注").PlainText("note", req.Note, "备注");
    }
}
