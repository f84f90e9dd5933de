using Zhichan.Api.Platform.Workflow;
using Zhichan.Api.Features.Registries.Agencies;
using Zhichan.Api.Features.Registries.Entities;
using Zhichan.Api.Features.Transactions.Rights;

namespace Zhichan.Api.Features.Transactions.Custody;

/// <summary>A right as entered in a form (kind patent/trademark, the number in any form users paste).</summary>
public sealed record RightInput(string Kind, string Number);

/// <summary>A right checked against the records, with the warning when the record's holders do not include the enterprise.</summary>
public sealed record CheckedRight(string Kind, string KindName, string Input, string Number, long? RecordId, string? Title, string? RightTypeName, string? StatusName,
    DateOnly? ApplicationDate, DateOnly? GrantDate, IReadOnlyList<string> Holders, string? Error, string? Warning);

public sealed record ContractRow(long Id, long EntityId, string EntityName, long AgencyId, string AgencyName, bool AgencyIsExample, string Status, string StatusName,
    string ProposedBy, string ProposedByName, DateOnly StartDate, DateOnly EndDate, string[] Services, string ServiceNames, decimal? Fee, int RightCount,
    DateTimeOffset CreatedAt);

public sealed record ContractRightView(long Id, string Kind, string KindName, string Number, long? RecordId, string? Title, string? HolderWarning,
    DateTimeOffset AddedAt, DateTimeOffset? RemovedAt);

public sealed record ContractEventView(long Id, DateTimeOffset At, string ActorName, string Action, string ActionName, string? FromStatus, string? FromName,
    string? ToStatus, string? ToName, string? Note);

public sealed record ContractActionView(string Action, string Name, bool NoteRequired);

/// <param name="Side">The side the caller acts for (enterprise/agency) or null when reading only.</param>
/// <param name="Actions">The transitions the caller may fire now.</param>
public sealed record ContractDetail(ContractRow Contract, string? Note, string? Side, bool CanEditRights, IReadOnlyList<ContractActionView> Actions,
    IReadOnlyList<ContractRightView> Rights, IReadOnlyList<ContractEventView> Events);

public static class CustodyViews
{
    public static async Task<List<ContractRow>> RowsAsync(ZhichanDb db, IReadOnlyList<CustodyContract> contracts, CancellationToken ct)
    {
        var ids = contracts.Select(c => c.Id).ToArray();
        var entityIds = contracts.Select(c => c.EntityId).Distinct().ToArray();
        var agencyIds = contracts.Select(c => c.AgencyId).Distinct().ToArray();
        var entities = await db.Set<InnovationEntity>().AsNoTracking().Where(e => entityIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, e => e.Name, ct);
        var agencies = await db.Set<Agency>().AsNoTracking().Where(a => agencyIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => (a.Name, a.IsExample), ct);
        var counts = await db.Set<CustodyRight>().AsNoTracking().Where(r => ids.Contains(r.ContractId) && r.RemovedAt == null).GroupBy(r => r.ContractId)
            .Select(g => new { g.Key, N = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.N, ct);
        return contracts.Select(c => new ContractRow(c.Id, c.EntityId, entities.GetValueOrDefault(c.EntityId, "?"), c.AgencyId,
            agencies.TryGetValue(c.AgencyId, out var a) ? a.Name : "?", agencies.TryGetValue(c.AgencyId, out var a2) && a2.IsExample,
            c.Status, CustodyStates.Names[c.Status], c.ProposedBy, CustodySides.Names[c.ProposedBy], c.StartDate, c.EndDate, c.Services,
            string.Join("、", c.Services.Select(s => CustodyServices.Names.GetValueOrDefault(s, s))), c.Fee, counts.GetValueOrDefault(c.Id), c.CreatedAt)).ToList();
    }

    public static async Task<ContractDetail> DetailAsync(ZhichanDb db, CustodyContract c, CustodyParty party, CancellationToken ct)
    {
        var row = (await RowsAsync(db, [c], ct))[0];
        var rights = await db.Set<CustodyRight>().AsNoTracking().Where(r => r.ContractId == c.Id).OrderBy(r => r.RemovedAt != null).ThenBy(r => r.Id).ToListAsync(ct);
        var events = await db.Set<CustodyEvent>().AsNoTracking().Where(e => e.ContractId == c.Id).OrderBy(e => e.At).ThenBy(e => e.Id).ToListAsync(ct);
        var side = CustodyAccess.SideOf(c, party);
        var actions = CustodyStates.Machine.Allowed(c.Status, CustodyStates.ActorsOf(c, side)).Select(t => new ContractActionView(t.Action, t.Label, t.NoteRequired)).ToList();
        return new ContractDetail(row, c.Note, side, side is not null && c.Status is CustodyStates.Draft or CustodyStates.Active, actions,
            rights.Select(r => new ContractRightView(r.Id, r.Kind, RightKinds.Names[r.Kind], r.Number, r.RecordId, r.Title, r.HolderWarning, r.AddedAt, r.RemovedAt)).ToList(),
            events.Select(e => (e.Id, v: WorkflowEventView.Of(e, CustodyStates.Machine)))
                .Select(x => new ContractEventView(x.Id, x.v.At, x.v.ActorName, x.v.Action, x.v.ActionLabel, x.v.FromState, x.v.FromLabel, x.v.ToState, x.v.ToLabel, x.v.Note)).ToList());
    }
}
