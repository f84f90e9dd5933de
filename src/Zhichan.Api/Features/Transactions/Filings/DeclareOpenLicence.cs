using Zhichan.Api.Features.Records;
using Zhichan.Api.Features.Transactions.Rights;

namespace Zhichan.Api.Features.Transactions.Filings;

/// <summary>
/// A right holder (enterprise) declares an open licence for one of its patents (专利法 第五十条): the holder must be an
/// applicant of the record, the patent still alive, the term at least one year and not beyond the patent's expiry. Saved
/// unpublished; PublishOpenLicence makes it public.
/// </summary>
public static class DeclareOpenLicence
{
    private static readonly string[] Dead = [RecordStatus.Lapsed, RecordStatus.Expired, RecordStatus.Invalidated, RecordStatus.Withdrawn, RecordStatus.Rejected, RecordStatus.Abandoned];

    public static async Task<Created<OpenLicenceView>> HandleAsync(OpenLicenceForm req, ZhichanDb db, NpgsqlDataSource data, CurrentUser me, TimeProvider clock, CancellationToken ct)
    {
        var v = new Validation();
        v.Required("number", req.Number, "专利号");
        v.ThrowIfInvalid();
        var right = (await RightReferences.ResolveAsync([(RightKinds.Patent, req.Number!)], data, ct))[0];
        if (right.Error is { } e) throw new RequestValidationException("number", e);
        var unit = await db.OrgUnits.AsNoTracking().FirstOrDefaultAsync(u => u.Id == me.OrgUnitId, ct) ?? throw new DomainException("当前账号不属于任何单位", 403);
        var holder = right.Holders.Contains(unit.Name) || await HolderByEntityAsync(data, right.RecordId!.Value, unit.Id, ct);
        if (!holder) v.Add("number", $"专利“{right.Number}”的专利权人（{string.Join("、", right.Holders)}）不是本单位，只有专利权人可以声明开放许可");
        if (right.Status is { } s && Dead.Contains(s)) v.Add("number", $"专利“{right.Number}”当前状态为“{right.StatusName}”，不能声明开放许可");
        FilingRules.CheckFee(v, req.FeeBasis, req.Amount, req.RoyaltyRate);
        CheckTerm(v, req.TermFrom, req.TermTo, right.RightType, right.ApplicationDate, right.Number);
        v.MaxLength("note", req.Note, 2000, "说明");
        v.ThrowIfInvalid();
        if (await db.Set<OpenLicence>().AnyAsync(o => o.RecordId == right.RecordId && o.State != OpenLicenceStates.Withdrawn, ct))
            throw new DomainException($"专利“{right.Number}”已有未撤回的开放许可声明");
        var o = new OpenLicence
        {
            RecordId = right.RecordId!.Value, ApplicationNumber = right.Number, Title = right.Title, RightType = right.RightType!, ApplicationDate = right.ApplicationDate!.Value,
            HolderOrgUnitId = unit.Id, HolderName = unit.Name, HolderCreditCode = unit.CreditCode, RegionCode = unit.RegionCode, FeeBasis = req.FeeBasis!,
            Amount = req.FeeBasis == "royalty" ? null : req.Amount, RoyaltyRate = req.FeeBasis == "lump_sum" ? null : req.RoyaltyRate,
            TermFrom = req.TermFrom!.Value, TermTo = req.TermTo!.Value, Note = req.Note?.Trim(), CreatedBy = me.Id,
        };
        db.Set<OpenLicence>().Add(o);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/transactions/open-licences/{o.Id}", OpenLicenceViews.View(o, me));
    }

    /// <summary>Term rules of an open licence (ADR 0032): at least one year, ending no later than the patent's expiry.</summary>
    internal static void CheckTerm(Validation v, DateOnly? from, DateOnly? to, string? rightType, DateOnly? applicationDate, string number)
    {
        if (from is null) v.Add("termFrom", "请填写许可期限起始日");
        if (to is null) v.Add("termTo", "请填写许可期限终止日");
        if (from is not { } f || to is not { } t) return;
        if (t < f.AddYears(1).AddDays(-1)) v.Add("termTo", "开放许可的许可期限不少于 1 年");
        FilingRules.CheckTermWithinExpiry(v, t, [(0, number, rightType, applicationDate)]);
    }

    private static async Task<bool> HolderByEntityAsync(NpgsqlDataSource data, long recordId, long unitId, CancellationToken ct)
    {
        await using var conn = await data.OpenConnectionAsync(ct);
        return await conn.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT EXISTS (SELECT 1 FROM records r JOIN entities e ON e.id = ANY(r.applicant_entity_ids) WHERE r.id = @recordId AND e.org_unit_id = @unitId)",
            new { recordId, unitId }, cancellationToken: ct));
    }
}
