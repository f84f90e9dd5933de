namespace Zhichan.Api.Features.Transactions.Custody;

/// <summary>
/// A right on someone's calendar: under a live custody contract or watched. <see cref="Since"/> is the day tracking began
/// (the earliest contract start or watch); items whose grace period ended before it are not the platform's to judge
/// (the record's legal status answers for them, ADR 0038). <see cref="Units"/> are the org units to remind.
/// </summary>
public sealed record TrackedRight(string Kind, string Number, long? RecordId, string? Title, DateOnly Since, IReadOnlyList<long> ContractIds,
    IReadOnlyList<long> Units, string Via, string? EntityName, string? AgencyName);

public static class CustodyTracking
{
    private sealed class ContractRight
    {
        public string Kind { get; init; } = "";
        public string Number { get; init; } = "";
        public long? RecordId { get; init; }
        public string? Title { get; init; }
        public long ContractId { get; init; }
        public DateOnly Since { get; init; }
        public string Entity { get; init; } = "";
        public string Agency { get; init; } = "";
        public long? EntUnit { get; init; }
        public long? AgUnit { get; init; }
    }

    private sealed class WatchRight
    {
        public string Kind { get; init; } = "";
        public string Number { get; init; } = "";
        public long? RecordId { get; init; }
        public string? Title { get; init; }
        public DateTimeOffset CreatedAt { get; init; }
        public long Unit { get; init; }
    }

    /// <summary>The rights on the caller's calendar (<paramref name="me"/> = <see cref="CurrentUser.System"/>: every tracked right, for the daily check).</summary>
    public static async Task<List<TrackedRight>> ForAsync(ZhichanDb db, NpgsqlDataSource data, CurrentUser me, CancellationToken ct)
    {
        var all = me == CurrentUser.System || me.IsStaff;
        // a watch list belongs to a unit: its own for an enterprise or agency, every one for the operator, none for a district
        var contractWhere = all ? "true" : CustodyAccess.Scope.Sql(me);
        var watchWhere = all ? "true" : me.Role is Roles.Enterprise or Roles.Agency ? "w.org_unit_id = @org" : "false";
        var args = RowScope.Args(me);
        await using var conn = await data.OpenConnectionAsync(ct);
        var contracts = (await conn.QueryAsync<ContractRight>(new CommandDefinition($"""
            SELECT r.kind, r.number, r.record_id AS recordid, r.title, c.id AS contractid, c.start_date AS since, e.name AS entity, a.name AS agency,
                   e.org_unit_id AS entunit, a.org_unit_id AS agunit
            FROM custody_rights r JOIN custody_contracts c ON c.id = r.contract_id JOIN entities e ON e.id = c.entity_id JOIN agencies a ON a.id = c.agency_id
            WHERE r.removed_at IS NULL AND c.status = 'active' AND {contractWhere}
            """, args, cancellationToken: ct))).ToList();
        var watches = (await conn.QueryAsync<WatchRight>(new CommandDefinition($"""
            SELECT w.kind, w.number, w.record_id AS recordid, w.title, w.created_at AS createdat, w.org_unit_id AS unit FROM custody_watches w WHERE {watchWhere}
            """, args, cancellationToken: ct))).ToList();

        var keys = contracts.Select(c => (c.Kind, c.Number)).Concat(watches.Select(w => (w.Kind, w.Number))).Distinct();
        return keys.Select(k =>
        {
            var cs = contracts.Where(c => c.Kind == k.Kind && c.Number == k.Number).ToList();
            var ws = watches.Where(w => w.Kind == k.Kind && w.Number == k.Number).ToList();
            var since = cs.Select(c => c.Since).Concat(ws.Select(w => DateOnly.FromDateTime(ChinaTime.Of(w.CreatedAt)))).Min();
            var units = cs.SelectMany(c => new[] { c.EntUnit, c.AgUnit }).Concat(ws.Select(w => (long?)w.Unit)).OfType<long>().Distinct().ToList();
            var via = string.Join("；", cs.Select(c => $"托管合同 #{c.ContractId}").Concat(ws.Count > 0 ? ["关注"] : []));
            return new TrackedRight(k.Kind, k.Number, cs.Select(c => c.RecordId).Concat(ws.Select(w => w.RecordId)).FirstOrDefault(r => r is not null),
                cs.Select(c => c.Title).Concat(ws.Select(w => w.Title)).FirstOrDefault(t => t is not null), since, cs.Select(c => c.ContractId).Distinct().ToList(), units, via,
                cs.FirstOrDefault()?.Entity, cs.FirstOrDefault()?.Agency);
        }).OrderBy(t => t.Kind).ThenBy(t => t.Number).ToList();
    }

    private sealed class RecordRow
    {
        public long Id { get; init; }
        public string Type { get; init; } = "";
        public DateOnly? AppDate { get; init; }
        public DateOnly? GrantDate { get; init; }
        public string? Status { get; init; }
    }

    public static async Task<Dictionary<long, RenewalRecord>> RecordsAsync(NpgsqlDataSource data, IEnumerable<long?> ids, CancellationToken ct)
    {
        var list = ids.OfType<long>().Distinct().ToArray();
        if (list.Length == 0) return [];
        await using var conn = await data.OpenConnectionAsync(ct);
        var rows = await conn.QueryAsync<RecordRow>(new CommandDefinition("""
            SELECT id, right_type AS type, application_date AS appdate, grant_date AS grantdate, status FROM records WHERE id = ANY(@list)
            """, new { list }, cancellationToken: ct));
        return rows.ToDictionary(r => r.Id, r => new RenewalRecord(r.Type, r.AppDate, r.GrantDate, r.Status));
    }

    /// <summary>The items marked paid of the given rights, by right and (item kind, period).</summary>
    public static async Task<Dictionary<(string, string), Dictionary<(string, int), CustodyPayment>>> PaymentsAsync(ZhichanDb db, IEnumerable<(string Kind, string Number)> rights,
        CancellationToken ct)
    {
        var numbers = rights.Select(r => r.Number).Distinct().ToArray();
        var rows = await db.Set<CustodyPayment>().AsNoTracking().Where(p => numbers.Contains(p.Number)).ToListAsync(ct);
        return rows.GroupBy(p => (p.Kind, p.Number)).ToDictionary(g => g.Key, g => g.ToDictionary(p => (p.ItemKind, p.Period)));
    }
}
