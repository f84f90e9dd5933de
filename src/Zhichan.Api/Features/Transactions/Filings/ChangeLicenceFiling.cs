using System.Text.Json;

namespace Zhichan.Api.Features.Transactions.Filings;

/// <summary>
/// The filer opens a change (变更) of an approved filing: a new version, edited and submitted for review again. The approved
/// version is kept aside and stays in force until the change is decided.
/// </summary>
public static class ChangeLicenceFiling
{
    public sealed record SnapshotParty(string Role, int Seq, long? EntityId, long? OrgUnitId, string Name, string? CreditCode);
    public sealed record SnapshotRight(int Seq, string Kind, string Number, long? RecordId, string? Title, string? RightType, DateOnly? ApplicationDate);
    public sealed record Snapshot(int Version, string? LicenceType, string? Territory, DateOnly? TermFrom, DateOnly? TermTo, string? FeeBasis, decimal? Amount,
        decimal? RoyaltyRate, DateOnly? ContractDate, DateOnly? EffectiveDate, string? RegionCode, string? Note, DateOnly? DecidedOn,
        IReadOnlyList<SnapshotParty> Parties, IReadOnlyList<SnapshotRight> Rights);

    public static async Task<Ok<FilingResult>> HandleAsync(long id, FilingTransitionRequest? req, ZhichanDb db, CurrentUser me, TimeProvider clock, CancellationToken ct)
    {
        var f = await FilingQueries.LoadAsync(db, me, id, ct);
        var parties = await db.Set<LicenceFilingParty>().AsNoTracking().Where(p => p.FilingId == f.Id).OrderBy(p => p.Seq).ToListAsync(ct);
        var rights = await db.Set<LicenceFilingRight>().AsNoTracking().Where(r => r.FilingId == f.Id).OrderBy(r => r.Seq).ToListAsync(ct);
        var snapshot = new Snapshot(f.Version, f.LicenceType, f.Territory, f.TermFrom, f.TermTo, f.FeeBasis, f.Amount, f.RoyaltyRate, f.ContractDate, f.EffectiveDate,
            f.RegionCode, f.Note, f.DecidedOn,
            parties.Select(p => new SnapshotParty(p.Role, p.Seq, p.EntityId, p.OrgUnitId, p.Name, p.CreditCode)).ToList(),
            rights.Select(r => new SnapshotRight(r.Seq, r.Kind, r.Number, r.RecordId, r.Title, r.RightType, r.ApplicationDate)).ToList());
        f.ApprovedSnapshot = JsonSerializer.Serialize(snapshot);
        f.Version++;
        await FilingTransitions.ApplyAsync(db, f, "change", req?.Note?.Trim(), me, ct);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new FilingResult(await FilingQueries.DetailAsync(db, f, me, clock, ct), null));
    }
}
