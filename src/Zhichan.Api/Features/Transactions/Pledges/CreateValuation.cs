using Zhichan.Api.Features.Registries.Agencies;
using Zhichan.Api.Features.Registries.Entities;

namespace Zhichan.Api.Features.Transactions.Pledges;

/// <summary>
/// An agency records a valuation it made (its own agency is the valuer); the bureau may record one for any agency of the register.
/// The rights valued are checked against the records; the report file is attached afterwards (UploadValuationReport).
/// </summary>
public static class CreateValuation
{
    public static async Task<Created<ValuationRow>> HandleAsync(ValuationRequest req, ZhichanDb db, NpgsqlDataSource ds, CurrentUser me, TimeProvider clock,
        CancellationToken ct)
    {
        if (me.Role is not (Roles.Agency or Roles.Admin or Roles.Bureau))
            throw new DomainException("评估报告由评估机构登记（知识产权局可代为登记）", 403, "禁止访问");
        var v = new Validation();
        long? agencyId = req.AgencyId;
        if (me.Role == Roles.Agency)
            agencyId = (await db.Set<Agency>().AsNoTracking().FirstOrDefaultAsync(a => a.OrgUnitId == me.OrgUnitId, ct))?.Id
                       ?? throw new DomainException("本单位不在服务机构名录中，请先请知识产权局登记本机构", 409);
        else if (agencyId is null) v.Add("agencyId", "请选择评估机构");
        else if (!await db.Set<Agency>().AnyAsync(a => a.Id == agencyId, ct)) v.Add("agencyId", $"服务机构 {agencyId} 不存在");
        if (req.EntityId is not { } entityId) v.Add("entityId", "请选择委托方（创新主体）");
        else if (!await db.Set<InnovationEntity>().AnyAsync(e => e.Id == entityId && e.MergedInto == null, ct)) v.Add("entityId", $"创新主体 {entityId} 不存在");
        v.Required("method", req.Method, "评估方法").OneOf("method", req.Method, ValuationMethods.Labels.Keys, "评估方法");
        PledgeAccess.Amount(v, "value", req.Value, "评估价值");
        if (req.ValuedOn is not { } on) v.Add("valuedOn", "请填写评估基准日");
        else if (on > ChinaTime.Today(clock)) v.Add("valuedOn", "评估基准日不能晚于今天");
        v.MaxLength("note", req.Note, 1000, "备注").PlainText("note", req.Note, "备注");
        var refs = await PledgeQueries.ResolveRightsAsync(req.Rights, ds, v, ct);
        v.ThrowIfInvalid();
        var row = new PledgeValuation
        {
            AgencyId = agencyId!.Value, EntityId = req.EntityId!.Value, Method = req.Method!, Value = req.Value!.Value, ValuedOn = req.ValuedOn!.Value,
            Rights = PledgeQueries.RightsJson(refs), Note = PledgeAccess.Clean(req.Note), CreatedBy = me.Id,
        };
        db.Set<PledgeValuation>().Add(row);
        await db.SaveChangesAsync(ct);
        await using var conn = await ds.OpenConnectionAsync(ct);
        var data = await conn.QuerySingleAsync<ValuationQueries.Data>(new CommandDefinition($"{ValuationQueries.Select} WHERE v.id = @id", new { id = row.Id },
            cancellationToken: ct));
        return TypedResults.Created($"/api/transactions/valuations/{row.Id}", data.ToRow());
    }
}
