using System.Text.Json;
using Zhichan.Api.Features.Records;
using Zhichan.Api.Features.Transactions.Rights;

namespace Zhichan.Api.Features.Transactions.Pledges;

/// <summary>The reads several pledge use cases share: the list row, the gazette link rule, the rights of a pledge.</summary>
public static class PledgeQueries
{
    public const string RowSelect = """
        SELECT p.id, p.entity_id, e.name AS entity_name, p.bank_unit_id, b.name AS bank_name, p.amount, p.term_from, p.term_to, p.registration_number,
               p.registered_on, p.state, p.region_code, p.is_example, p.created_at,
               (SELECT count(*) FROM pledge_rights r WHERE r.pledge_id = p.id)::int AS right_count,
               (SELECT r.number FROM pledge_rights r WHERE r.pledge_id = p.id ORDER BY r.id LIMIT 1) AS first_right
        FROM pledges p JOIN entities e ON e.id = p.entity_id JOIN org_units b ON b.id = p.bank_unit_id
        """;

    /// <summary>
    /// ADR 0033: a gazette pledge event (alias <c>g</c>, of records_transaction_events) belongs to a pledge (alias <c>p</c>) that names the
    /// same patent application number and whose period — from 60 days before its registration (its application when not registered)
    /// to 180 days after its release, disposal or the end of its term — contains the gazette date.
    /// </summary>
    public const string GazetteMatch = """
        EXISTS (SELECT 1 FROM pledge_rights r WHERE r.pledge_id = p.id AND r.kind = 'patent' AND r.number = g.application_number)
        AND g.event_date BETWEEN coalesce(p.registered_on, (p.created_at AT TIME ZONE 'Asia/Shanghai')::date) - 60
                             AND coalesce(p.released_on, p.disposed_on, p.term_to) + 180
        """;

    public static readonly IReadOnlyDictionary<string, string> GazetteCodes = new Dictionary<string, string>
    {
        ["pledged"] = "质押登记生效", ["pledge_changed"] = "质押变更", ["pledge_released"] = "质押注销",
    };

    public sealed class RowData
    {
        public long Id { get; set; }
        public long EntityId { get; set; }
        public string EntityName { get; set; } = "";
        public long BankUnitId { get; set; }
        public string BankName { get; set; } = "";
        public decimal Amount { get; set; }
        public DateOnly TermFrom { get; set; }
        public DateOnly TermTo { get; set; }
        public string? RegistrationNumber { get; set; }
        public DateOnly? RegisteredOn { get; set; }
        public string State { get; set; } = "";
        public string? RegionCode { get; set; }
        public bool IsExample { get; set; }
        public DateTime CreatedAt { get; set; }
        public int RightCount { get; set; }
        public string? FirstRight { get; set; }
    }

    public static PledgeRow ToRow(RowData r, RecordsReference reference) => new(r.Id, r.EntityId, r.EntityName, r.BankUnitId, r.BankName, r.Amount, r.TermFrom,
        r.TermTo, r.RegistrationNumber, r.RegisteredOn, r.State, PledgeStates.Labels[r.State], r.RegionCode,
        r.RegionCode is null ? null : Registries.Experts.RegistryRegions.Label(reference, r.RegionCode), r.RightCount, r.FirstRight, r.IsExample,
        new DateTimeOffset(DateTime.SpecifyKind(r.CreatedAt, DateTimeKind.Utc)));

    /// <summary>The visible pledge, or 404 (an invisible one is not told apart from a missing one).</summary>
    public static async Task<RowData> VisibleRowAsync(NpgsqlConnection conn, CurrentUser me, long id, CancellationToken ct)
    {
        PledgeAccess.EnsurePledgeReader(me);
        return await conn.QuerySingleOrDefaultAsync<RowData>(new CommandDefinition(
                   $"{RowSelect} WHERE p.id = @id AND {PledgeAccess.PledgeFilter(me)}", Merge(me, new { id }), cancellationToken: ct))
               ?? throw new DomainException($"质押 {id} 不存在", 404);
    }

    public static DynamicParameters Merge(CurrentUser me, object? more = null)
    {
        var p = new DynamicParameters(RowScope.Args(me));
        if (more is not null) p.AddDynamicParams(more);
        return p;
    }

    /// <summary>Checks the rights users typed against the records; field errors in Chinese. Returns the canonical references.</summary>
    public static async Task<IReadOnlyList<RightRef>> ResolveRightsAsync(IReadOnlyList<RightInput>? rights, NpgsqlDataSource db, Validation v, CancellationToken ct)
    {
        var input = (rights ?? []).Select(r => (r.Kind ?? RightKinds.Patent, r.Number ?? "")).ToList();
        var refs = await RightReferences.ResolveAsync(input, db, ct);
        RightReferences.Check(v, refs);
        return refs;
    }

    public static string RightsJson(IEnumerable<RightRef> refs) =>
        JsonSerializer.Serialize(refs.Select(r => new StoredRight(r.Kind, r.Number, r.RecordId, r.Title)));

    public static IReadOnlyList<PledgeRightDto> ParseRights(string json) =>
        (JsonSerializer.Deserialize<List<StoredRight>>(json, JsonOptions) ?? [])
        .Select(r => new PledgeRightDto(r.Kind, RightKinds.Names.GetValueOrDefault(r.Kind, r.Kind), r.Number, r.RecordId, r.Title)).ToList();

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    private sealed record StoredRight(string Kind, string Number, long? RecordId, string? Title);

    /// <summary>Whether an org unit is a bank (金融机构) unit: the only kind a pledge may name as pledgee.</summary>
    public static Task<bool> IsBankAsync(ZhichanDb db, long unitId, CancellationToken ct) =>
        db.OrgUnits.AnyAsync(u => u.Id == unitId && u.Kind == OrgUnitKinds.Bank && u.IsActive, ct);
}
