using Zhichan.Api.Features.Registries.Entities;

namespace Zhichan.Api.Features.Transactions.Filings;

/// <summary>
/// An enterprise takes a licence under a published open licence: a licence filing (普通许可, the declared fee terms and term)
/// is created in 草稿 with the holder as licensor and the taker as licensee, for the taker to check and submit.
/// </summary>
public static class TakeOpenLicence
{
    public static async Task<Created<FilingResult>> HandleAsync(long id, ZhichanDb db, CurrentUser me, TimeProvider clock, CancellationToken ct)
    {
        var o = await db.Set<OpenLicence>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == id && (x.State == OpenLicenceStates.Published || x.HolderOrgUnitId == me.OrgUnitId), ct)
                ?? throw new DomainException("开放许可声明不存在", 404);
        if (o.State != OpenLicenceStates.Published) throw new DomainException("该声明未发布或已撤回，不能取得许可");
        if (o.HolderOrgUnitId == me.OrgUnitId) throw new DomainException("专利权人不能取得本单位声明的开放许可");
        var unit = await db.OrgUnits.AsNoTracking().FirstOrDefaultAsync(u => u.Id == me.OrgUnitId, ct) ?? throw new DomainException("当前账号不属于任何单位", 403);
        var today = ChinaTime.Today(clock);
        if (o.TermTo < today) throw new DomainException("该开放许可的期限已届满");
        var entityOf = async (long? org) => org is null ? null
            : await db.Set<InnovationEntity>().AsNoTracking().Where(e => e.OrgUnitId == org && e.MergedInto == null).Select(e => (long?)e.Id).FirstOrDefaultAsync(ct);
        var f = new LicenceFiling
        {
            Kind = FilingKinds.Licence, LicenceType = "ordinary", FeeBasis = o.FeeBasis, Amount = o.Amount, RoyaltyRate = o.RoyaltyRate,
            TermFrom = o.TermFrom > today ? o.TermFrom : today, TermTo = o.TermTo, ContractDate = today, EffectiveDate = today, RegionCode = unit.RegionCode,
            OwnerOrgUnitId = unit.Id, CreatedBy = me.Id, OpenLicenceId = o.Id, Source = "open_licence", Note = $"依开放许可声明（编号 {o.Id}）取得的普通许可",
        };
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Set<LicenceFiling>().Add(f);
        await db.SaveChangesAsync(ct);
        await CreateLicenceFiling.ReplaceChildrenAsync(db, f,
        [
            new LicenceFilingParty { Role = "licensor", Seq = 0, OrgUnitId = o.HolderOrgUnitId, EntityId = await entityOf(o.HolderOrgUnitId), Name = o.HolderName, CreditCode = o.HolderCreditCode },
            new LicenceFilingParty { Role = "licensee", Seq = 1, OrgUnitId = unit.Id, EntityId = await entityOf(unit.Id), Name = unit.Name, CreditCode = unit.CreditCode },
        ],
        [new LicenceFilingRight { Seq = 0, Kind = "patent", Number = o.ApplicationNumber, RecordId = o.RecordId, Title = o.Title, RightType = o.RightType, ApplicationDate = o.ApplicationDate }], ct);
        await FilingQueries.AddEventAsync(db, f, "take_open_licence", null, f.Note, me, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return TypedResults.Created($"/api/transactions/filings/{f.Id}", new FilingResult(await FilingQueries.DetailAsync(db, f, me, clock, ct), null));
    }
}
