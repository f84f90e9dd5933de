using Zhichan.Api.Features.Registries.Entities;

namespace Zhichan.Api.Features.Transactions.Pledges;

/// <summary>Admits a bank (入池银行, a bank unit) or an enterprise (入池企业, an entity) to the pool of a year, with the dates (bureau).</summary>
public static class AddPoolMember
{
    public static async Task<Created<PoolMemberDto>> HandleAsync(int year, PoolMemberRequest req, ZhichanDb db, CurrentUser me, CancellationToken ct)
    {
        var pool = await db.Set<PledgePool>().FirstOrDefaultAsync(p => p.Year == year, ct) ?? throw new DomainException($"{year} 年度资金池尚未设立", 404);
        var v = new Validation();
        v.Required("kind", req.Kind, "类别").OneOf("kind", req.Kind, ["bank", "enterprise"], "类别");
        string? name = null;
        if (req.Kind == "bank")
        {
            if (req.BankUnitId is not { } b || !await PledgeQueries.IsBankAsync(db, b, ct)) v.Add("bankUnitId", "请选择金融机构");
            else if (await db.Set<PledgePoolMember>().AnyAsync(m => m.PoolId == pool.Id && m.BankUnitId == b, ct)) v.Add("bankUnitId", "该银行已入池");
            else name = (await db.OrgUnits.FirstAsync(u => u.Id == b, ct)).Name;
        }
        else if (req.Kind == "enterprise")
        {
            var e = req.EntityId is { } id ? await db.Set<InnovationEntity>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == id && x.MergedInto == null, ct) : null;
            if (e is null) v.Add("entityId", "请选择创新主体");
            else if (await db.Set<PledgePoolMember>().AnyAsync(m => m.PoolId == pool.Id && m.EntityId == e.Id, ct)) v.Add("entityId", "该企业已入池");
            else name = e.Name;
        }
        if (req.JoinedOn is null) v.Add("joinedOn", "请填写入池日期");
        if (req.LeftOn is { } l && req.JoinedOn is { } j && l < j) v.Add("leftOn", "退出日期早于入池日期");
        v.MaxLength("note", req.Note, 500, "备注");
        v.ThrowIfInvalid();
        var m = new PledgePoolMember
        {
            PoolId = pool.Id, Kind = req.Kind!, BankUnitId = req.Kind == "bank" ? req.BankUnitId : null, EntityId = req.Kind == "enterprise" ? req.EntityId : null,
            JoinedOn = req.JoinedOn!.Value, LeftOn = req.LeftOn, Note = PledgeAccess.Clean(req.Note), CreatedBy = me.Id,
        };
        db.Set<PledgePoolMember>().Add(m);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/transactions/pledge-pools/{year}", new PoolMemberDto(m.Id, m.Kind, m.Kind == "bank" ? "入池银行" : "入池企业",
            m.BankUnitId ?? m.EntityId!.Value, name!, m.JoinedOn, m.LeftOn, m.Note));
    }
}
