using Zhichan.Api.Features.Registries.Entities;
using Zhichan.Api.Features.Transactions.Rights;
using Zhichan.Api.Platform.Security;

namespace Zhichan.Api.Features.Transactions.Filings;

/// <summary>
/// A filer creates a licence or assignment filing in 草稿: an enterprise for a contract where its own unit is a party, an agency
/// on behalf of a client (named as 代理机构), the bureau entering one received on paper.
/// </summary>
public static class CreateLicenceFiling
{
    public static async Task<Created<FilingResult>> HandleAsync(FilingForm req, ZhichanDb db, NpgsqlDataSource data, CurrentUser me, TimeProvider clock, CancellationToken ct)
    {
        var f = new LicenceFiling { OwnerOrgUnitId = me.OrgUnitId, CreatedBy = me.Id };
        if (me.Role == Roles.Agency) (f.AgencyOrgUnitId, f.AgencyName) = (me.OrgUnitId, me.OrgUnitName);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var (parties, rights) = await ApplyFormAsync(db, data, f, req, me, ct);
        db.Set<LicenceFiling>().Add(f);
        await db.SaveChangesAsync(ct);
        await ReplaceChildrenAsync(db, f, parties, rights, ct);
        await FilingQueries.AddEventAsync(db, f, "create", null, null, me, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return TypedResults.Created($"/api/transactions/filings/{f.Id}", new FilingResult(await FilingQueries.DetailAsync(db, f, me, clock, ct), null));
    }

    /// <summary>Validates the form (parties, rights against the records, terms, fees) and writes the filing's own fields.</summary>
    internal static async Task<(List<LicenceFilingParty> Parties, List<LicenceFilingRight> Rights)> ApplyFormAsync(ZhichanDb db, NpgsqlDataSource data,
        LicenceFiling f, FilingForm req, CurrentUser me, CancellationToken ct)
    {
        var v = new Validation();
        v.Required("kind", req.Kind, "备案类型");
        if (req.Kind is not null) v.OneOf("kind", req.Kind, FilingKinds.Names.Keys, "备案类型");
        v.ThrowIfInvalid();
        var kind = req.Kind!;
        var (giver, taker) = FilingRules.RolesOf(kind);

        // parties: an entity of the register, the caller's own unit, or a name with its 统一社会信用代码
        var parties = new List<LicenceFilingParty>();
        var inputs = req.Parties ?? [];
        var ownUnit = me.OrgUnitId is { } unitId ? await db.OrgUnits.AsNoTracking().FirstOrDefaultAsync(u => u.Id == unitId, ct) : null;
        for (var i = 0; i < inputs.Count; i++)
        {
            var p = inputs[i];
            var field = $"parties[{i}]";
            if (p.Role != giver && p.Role != taker) { v.Add($"{field}.role", $"当事人身份应为“{FilingRules.PartyRoles[giver]}”或“{FilingRules.PartyRoles[taker]}”"); continue; }
            var party = new LicenceFilingParty { Role = p.Role, Seq = i };
            if (p.EntityId is { } eid)
            {
                var e = await db.Set<InnovationEntity>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == eid && x.MergedInto == null, ct);
                if (e is null) { v.Add($"{field}.entityId", "所选主体不存在或已合并"); continue; }
                (party.EntityId, party.OrgUnitId, party.Name, party.CreditCode) = (e.Id, e.OrgUnitId, e.Name, e.CreditCode);
            }
            else if (p.OwnUnit == true)
            {
                if (ownUnit is null) { v.Add($"{field}.ownUnit", "当前账号不属于任何单位，请从主体名录选择或填写名称和统一社会信用代码"); continue; }
                (party.OrgUnitId, party.Name, party.CreditCode) = (ownUnit.Id, ownUnit.Name, ownUnit.CreditCode);
                party.EntityId = await db.Set<InnovationEntity>().AsNoTracking().Where(x => x.OrgUnitId == ownUnit.Id && x.MergedInto == null).Select(x => (long?)x.Id).FirstOrDefaultAsync(ct);
            }
            else
            {
                v.Required($"{field}.name", p.Name, "当事人名称").MaxLength($"{field}.name", p.Name, 200, "当事人名称");
                v.Required($"{field}.creditCode", p.CreditCode, "统一社会信用代码");
                if (p.CreditCode is { Length: > 0 } cc && CreditCodes.Problem(CreditCodes.Normalise(cc)) is { } problem) v.Add($"{field}.creditCode", problem);
                (party.Name, party.CreditCode) = (p.Name?.Trim() ?? "", p.CreditCode is null ? null : CreditCodes.Normalise(p.CreditCode));
                // a name entered by hand that is an entity of the register with an account unit is that unit (its filings visible to it)
                if (party.CreditCode is { } code)
                    party.OrgUnitId = await db.Set<InnovationEntity>().AsNoTracking().Where(x => x.CreditCode == code && x.MergedInto == null).Select(x => x.OrgUnitId).FirstOrDefaultAsync(ct);
            }
            parties.Add(party);
        }
        if (!parties.Any(p => p.Role == giver)) v.Add("parties", $"请填写{FilingRules.PartyRoles[giver]}");
        if (!parties.Any(p => p.Role == taker)) v.Add("parties", $"请填写{FilingRules.PartyRoles[taker]}");
        if (me.Role == Roles.Enterprise && !parties.Any(p => p.OrgUnitId == me.OrgUnitId))
            v.Add("parties", "企业只能为本单位作为当事人的合同备案：请将本单位列为当事人（代理机构可代为备案）");

        // rights, checked against the records
        var refs = await RightReferences.ResolveAsync((req.Rights ?? []).Select(r => (r.Kind ?? "", r.Number ?? "")).ToList(), data, ct);
        RightReferences.Check(v, refs);

        // terms
        if (kind == FilingKinds.Licence)
        {
            v.Required("licenceType", req.LicenceType, "许可类型");
            if (req.LicenceType is not null) v.OneOf("licenceType", req.LicenceType, FilingRules.LicenceTypes.Keys, "许可类型");
            if (req.TermFrom is null) v.Add("termFrom", "请填写许可期限起始日");
            if (req.TermTo is null) v.Add("termTo", "请填写许可期限终止日");
            if (req.TermFrom > req.TermTo) v.Add("termTo", "许可期限终止日不能早于起始日");
            FilingRules.CheckTermWithinExpiry(v, req.TermTo, refs.Select((r, i) => (i, r.Number, r.RightType, r.ApplicationDate)));
        }
        else if (req.LicenceType is not null) v.Add("licenceType", "转让合同不填写许可类型");
        v.MaxLength("territory", req.Territory, 200, "地域范围").MaxLength("note", req.Note, 2000, "备注");
        FilingRules.CheckFee(v, req.FeeBasis, req.Amount, req.RoyaltyRate);
        if (req.ContractDate is null) v.Add("contractDate", "请填写合同签订日");
        if (req.EffectiveDate is null) v.Add("effectiveDate", "请填写合同生效日");
        if (req.ContractDate > req.EffectiveDate) v.Add("effectiveDate", "合同生效日不能早于签订日");

        // region of the local party: given, or the own unit's
        var region = string.IsNullOrWhiteSpace(req.RegionCode) ? ownUnit?.RegionCode : req.RegionCode.Trim();
        if (region is null) v.Add("regionCode", "请选择本地当事人所在地区");
        else if (region.Length != 6 || !region.All(char.IsAsciiDigit)) v.Add("regionCode", "地区应为 6 位行政区划代码");
        v.ThrowIfInvalid();

        (f.Kind, f.LicenceType, f.Territory, f.TermFrom, f.TermTo) = (kind, kind == FilingKinds.Licence ? req.LicenceType : null, req.Territory?.Trim(),
            kind == FilingKinds.Licence ? req.TermFrom : null, kind == FilingKinds.Licence ? req.TermTo : null);
        (f.FeeBasis, f.Amount, f.RoyaltyRate) = (req.FeeBasis, req.FeeBasis == "royalty" ? null : req.Amount, req.FeeBasis == "lump_sum" ? null : req.RoyaltyRate);
        (f.ContractDate, f.EffectiveDate, f.RegionCode, f.Note, f.UpdatedAt) = (req.ContractDate, req.EffectiveDate, region, req.Note?.Trim(), DateTimeOffset.UtcNow);
        var rights = refs.Select((r, i) => new LicenceFilingRight
        {
            Seq = i, Kind = r.Kind, Number = r.Number, RecordId = r.RecordId, Title = r.Title, RightType = r.RightType, ApplicationDate = r.ApplicationDate,
        }).ToList();
        return (parties, rights);
    }

    internal static async Task ReplaceChildrenAsync(ZhichanDb db, LicenceFiling f, List<LicenceFilingParty> parties, List<LicenceFilingRight> rights, CancellationToken ct)
    {
        db.Set<LicenceFilingParty>().RemoveRange(await db.Set<LicenceFilingParty>().Where(p => p.FilingId == f.Id).ToListAsync(ct));
        db.Set<LicenceFilingRight>().RemoveRange(await db.Set<LicenceFilingRight>().Where(r => r.FilingId == f.Id).ToListAsync(ct));
        foreach (var p in parties) { p.FilingId = f.Id; db.Set<LicenceFilingParty>().Add(p); }
        foreach (var r in rights) { r.FilingId = f.Id; db.Set<LicenceFilingRight>().Add(r); }
    }
}
