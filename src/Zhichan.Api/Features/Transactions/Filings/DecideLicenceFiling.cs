using System.Text.Json;

namespace Zhichan.Api.Features.Transactions.Filings;

/// <summary>
/// The bureau decides an accepted filing: 准予备案 assigns the 备案号 (kept through later changes); 不予备案 needs a reason. A
/// refused change restores the approved version, which stays in force.
/// </summary>
public static class DecideLicenceFiling
{
    public static async Task<Ok<FilingResult>> HandleAsync(long id, FilingDecision req, ZhichanDb db, CurrentUser me, TimeProvider clock,
        Indicators.IndicatorComputer indicators, CancellationToken ct)
    {
        var f = await FilingQueries.LoadAsync(db, me, id, ct);
        if (req.Approve is null) throw new RequestValidationException("approve", "请选择准予备案或不予备案");
        var reason = req.Reason?.Trim();
        if (req.Approve == false && string.IsNullOrEmpty(reason)) throw new RequestValidationException("reason", "不予备案须说明理由");
        var today = ChinaTime.Today(clock);
        var isChange = f.ApprovedSnapshot is not null;
        if (req.Approve == true)
        {
            await FilingTransitions.ApplyAsync(db, f, "approve", reason, me, ct);
            f.DecidedOn = today;
            f.ApprovedOn ??= today;
            f.FilingNumber ??= await NextNumberAsync(db, f, today, ct);
            f.ApprovedSnapshot = null;
        }
        else if (isChange)
        {
            await FilingTransitions.ApplyAsync(db, f, "refuse_change", reason, me, ct);
            await RestoreAsync(db, f, ct);
            f.DecidedOn = today;
        }
        else
        {
            await FilingTransitions.ApplyAsync(db, f, "refuse", reason, me, ct);
            (f.DecidedOn, f.RefusalReason) = (today, reason);
        }
        await db.SaveChangesAsync(ct);
        await indicators.RefreshModuleIndicatorsAsync(ct, FilingIndicator.IndicatorCode);
        return TypedResults.Ok(new FilingResult(await FilingQueries.DetailAsync(db, f, me, clock, ct), null));
    }

    /// <summary>备案号 (ADR 0031): X (许可) or Z (转让), the year of 备案, the region code, a 5-digit number within the year.</summary>
    private static async Task<string> NextNumberAsync(ZhichanDb db, LicenceFiling f, DateOnly today, CancellationToken ct)
    {
        var prefix = $"{(f.Kind == FilingKinds.Licence ? "X" : "Z")}{today.Year}{f.RegionCode ?? "000000"}";
        var taken = await db.Set<LicenceFiling>().Where(x => x.FilingNumber != null && x.FilingNumber.StartsWith(prefix)).Select(x => x.FilingNumber!).ToListAsync(ct);
        var next = taken.Select(n => int.TryParse(n[prefix.Length..], out var k) ? k : 0).DefaultIfEmpty(0).Max() + 1;
        return $"{prefix}{next:D5}";
    }

    /// <summary>Puts back the approved version saved when the change was opened (fields, parties and rights).</summary>
    private static async Task RestoreAsync(ZhichanDb db, LicenceFiling f, CancellationToken ct)
    {
        var snap = JsonSerializer.Deserialize<ChangeLicenceFiling.Snapshot>(f.ApprovedSnapshot!)!;
        (f.LicenceType, f.Territory, f.TermFrom, f.TermTo, f.FeeBasis, f.Amount, f.RoyaltyRate) =
            (snap.LicenceType, snap.Territory, snap.TermFrom, snap.TermTo, snap.FeeBasis, snap.Amount, snap.RoyaltyRate);
        (f.ContractDate, f.EffectiveDate, f.RegionCode, f.Note, f.Version, f.DecidedOn) = (snap.ContractDate, snap.EffectiveDate, snap.RegionCode, snap.Note, snap.Version, snap.DecidedOn);
        await CreateLicenceFiling.ReplaceChildrenAsync(db, f,
            snap.Parties.Select(p => new LicenceFilingParty { Role = p.Role, Seq = p.Seq, EntityId = p.EntityId, OrgUnitId = p.OrgUnitId, Name = p.Name, CreditCode = p.CreditCode }).ToList(),
            snap.Rights.Select(r => new LicenceFilingRight { Seq = r.Seq, Kind = r.Kind, Number = r.Number, RecordId = r.RecordId, Title = r.Title, RightType = r.RightType, ApplicationDate = r.ApplicationDate }).ToList(),
            ct);
        f.ApprovedSnapshot = null;
    }
}
