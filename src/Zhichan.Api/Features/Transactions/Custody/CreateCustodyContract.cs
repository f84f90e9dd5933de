using Zhichan.Api.Features.Registries.Agencies;
using Zhichan.Api.Features.Registries.Entities;

namespace Zhichan.Api.Features.Transactions.Custody;

/// <param name="EntityId">The enterprise (an agency proposing names it; an enterprise may pick one of its own, default its first).</param>
/// <param name="AgencyId">The agency (an enterprise proposing names it; an agency proposes for itself).</param>
public sealed record CreateCustodyContractRequest(long? EntityId, long? AgencyId, DateOnly? StartDate, DateOnly? EndDate, string[]? Services, decimal? Fee,
    string? Note, IReadOnlyList<RightInput>? Rights);

public sealed record CreatedContract(long Id, IReadOnlyList<CheckedRight> Rights);

/// <summary>
/// Proposes a custody contract (草稿): an enterprise to an agency of the register, or an agency to an enterprise that has an
/// account on the platform (it must confirm). The rights are checked against the records; holder mismatches are warnings.
/// </summary>
public static class CreateCustodyContract
{
    public static async Task<Created<CreatedContract>> HandleAsync(CreateCustodyContractRequest req, ZhichanDb db, NpgsqlDataSource data, CurrentUser me, CancellationToken ct)
    {
        var party = await CustodyAccess.PartyAsync(db, me, ct);
        var v = new Validation();
        long entityId = 0, agencyId = 0;
        if (party.Side == CustodySides.Enterprise)
        {
            if (party.EntityIds.Length == 0) throw new DomainException("本单位尚未关联创新主体，请联系知识产权局在主体库中关联后再办理托管", 409);
            entityId = req.EntityId ?? party.EntityIds[0];
            if (!party.EntityIds.Contains(entityId)) v.Add("entityId", "只能以本单位的主体提出托管");
            if (req.AgencyId is not { } a) v.Add("agencyId", "请选择服务机构");
            else if (!await db.Set<Agency>().AnyAsync(x => x.Id == a && x.Status == "active", ct)) v.Add("agencyId", "服务机构不存在或已注销");
            else agencyId = a;
        }
        else
        {
            agencyId = party.AgencyId ?? throw new DomainException("本单位尚未登记为服务机构，请联系知识产权局登记后再办理托管", 409);
            if (req.EntityId is not { } e) v.Add("entityId", "请选择委托企业");
            else if (!await db.Set<InnovationEntity>().AnyAsync(x => x.Id == e && x.MergedInto == null && x.OrgUnitId != null, ct))
                v.Add("entityId", "该企业不存在或尚未开通平台账号（须由企业在平台上确认合同）");
            else entityId = e;
        }
        if (req.StartDate is null) v.Add("startDate", "请填写托管起始日期");
        if (req.EndDate is null) v.Add("endDate", "请填写托管终止日期");
        if (req.StartDate is { } s && req.EndDate is { } en && en < s) v.Add("endDate", "终止日期不能早于起始日期");
        var services = (req.Services ?? []).Distinct().ToArray();
        if (services.Length == 0) v.Add("services", "请至少选择一项托管服务");
        foreach (var bad in services.Where(x => !CustodyServices.Names.ContainsKey(x)))
            v.Add("services", $"托管服务“{bad}”无效，应为：{string.Join("、", CustodyServices.Names.Values)}");
        if (req.Fee is < 0 or > 100_000_000) v.Add("fee", "托管费用应在 0 至 1 亿元之间");
        v.MaxLength("note", req.Note, 2000, "备注").PlainText("note", req.Note, "备注");
        var entity = entityId == 0 ? null : await db.Set<InnovationEntity>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == entityId, ct);
        var rights = await CustodyRightChecks.CheckAsync(req.Rights ?? [], entity, data, ct);
        CustodyRightChecks.Validate(v, rights);
        v.ThrowIfInvalid();

        var c = new CustodyContract
        {
            EntityId = entityId, AgencyId = agencyId, RegionCode = entity!.RegionCode, ProposedBy = party.Side!, StartDate = req.StartDate!.Value,
            EndDate = req.EndDate!.Value, Services = services, Fee = req.Fee, Note = string.IsNullOrWhiteSpace(req.Note) ? null : req.Note.Trim(), CreatedBy = me.Id,
        };
        db.Add(c);
        await db.SaveChangesAsync(ct);
        foreach (var r in rights)
            db.Add(new CustodyRight { ContractId = c.Id, Kind = r.Kind, Number = r.Number, RecordId = r.RecordId, Title = r.Title, HolderWarning = r.Warning });
        db.Add(CustodyAccess.Event(c, me, "create", null, CustodyStates.Draft, $"{CustodySides.Names[c.ProposedBy]}提出，托管权利 {rights.Count} 项"));
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/transactions/custody/contracts/{c.Id}", new CreatedContract(c.Id, rights));
    }
}
