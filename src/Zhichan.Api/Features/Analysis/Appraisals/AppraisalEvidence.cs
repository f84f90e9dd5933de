using Zhichan.Api.Features.Records;
using Zhichan.Api.Features.Records.Search;

namespace Zhichan.Api.Features.Analysis.Appraisals;

/// <summary>
/// "从平台数据检索" (ADR 0053): what the platform's own data says for a checklist item. Linked records are the request's
/// application numbers plus the hits of its search expression (through the records search's own filter); the owner's portfolio
/// is its entity's resolved records (entity_links); events are the CNIPA legal-status events of those records; credit is the
/// protection module's 严重失信 list and complaints naming the owner. At most <see cref="Cap"/> items are kept per item.
/// </summary>
public static class AppraisalEvidence
{
    public const int Cap = 200;

    public sealed record Found(List<EvidenceItem> Items, int Total);

    private static readonly string[] ValidityCodes = [LegalEventCodes.Granted, LegalEventCodes.Invalidated, LegalEventCodes.PartiallyInvalidated,
        LegalEventCodes.Terminated, LegalEventCodes.Expired, LegalEventCodes.Withdrawn];

    private static readonly string[] TransactionCodes = [LegalEventCodes.Assigned, LegalEventCodes.OwnerChanged, LegalEventCodes.Licensed, LegalEventCodes.LicenceChanged,
        LegalEventCodes.LicenceCancelled, LegalEventCodes.Pledged, LegalEventCodes.PledgeChanged, LegalEventCodes.PledgeReleased, LegalEventCodes.Preserved,
        LegalEventCodes.PreservationReleased];

    public static async Task<Found> CollectAsync(string collector, Appraisal a, NpgsqlDataSource data, CancellationToken ct)
    {
        await using var conn = await data.OpenConnectionAsync(ct);
        switch (collector)
        {
            case "records":
                return await RecordsAsync(conn, await LinkedIdsAsync(conn, a, data, ct), ct);
            case "portfolio":
                return await RecordsAsync(conn, await PortfolioIdsAsync(conn, a, ct), ct);
            case "fto":
            {
                var own = (await PortfolioIdsAsync(conn, a, ct)).ToHashSet();
                var hits = a.SearchQ is { } q ? await SearchIdsAsync(conn, q, data, ct)
                    : a.IpcCodes.Length > 0 ? await IdsAsync(conn, "SELECT id FROM records WHERE ipc_classes && @ipc ORDER BY grant_date DESC NULLS LAST, id LIMIT 5000",
                        new { ipc = a.IpcCodes.Select(c => c.Replace("  ", " ")).ToArray() }, ct)
                    : [];
                return await RecordsAsync(conn, hits.Where(id => !own.Contains(id)).ToList(), ct);
            }
            case "validity":
                return await EventsAsync(conn, await LinkedIdsAsync(conn, a, data, ct), ValidityCodes, ct);
            case "ownership":
                return await EventsAsync(conn, [.. (await LinkedIdsAsync(conn, a, data, ct)).Union(await PortfolioIdsAsync(conn, a, ct))], TransactionCodes, ct);
            case "credit":
                return await CreditAsync(conn, a, ct);
            case "talent":
            {
                if (a.TalentName is null) return new([], 0);
                var ids = await IdsAsync(conn, """
                    SELECT id FROM records WHERE inventors @> ARRAY[@name] AND (cardinality(@employers) = 0 OR applicants && @employers)
                    ORDER BY application_date DESC NULLS LAST, id LIMIT 5000
                    """, new { name = a.TalentName, employers = a.TalentEmployers }, ct);
                return await RecordsAsync(conn, ids, ct);
            }
            default:
                throw new DomainException("该核查项须人工核查，没有可检索的平台数据", 400);
        }
    }

    /// <summary>The request's key patents (by application number) and the hits of its search expression, in that order.</summary>
    public static async Task<List<long>> LinkedIdsAsync(NpgsqlConnection conn, Appraisal a, NpgsqlDataSource data, CancellationToken ct)
    {
        var ids = a.ApplicationNumbers.Length == 0 ? []
            : await IdsAsync(conn, "SELECT id FROM records WHERE application_number = ANY(@n) ORDER BY array_position(@n, application_number), id", new { n = a.ApplicationNumbers }, ct);
        if (a.SearchQ is { } q) ids = [.. ids.Union(await SearchIdsAsync(conn, q, data, ct))];
        return ids;
    }

    private static async Task<List<long>> PortfolioIdsAsync(NpgsqlConnection conn, Appraisal a, CancellationToken ct) =>
        a.OwnerEntityId is { } e
            ? await IdsAsync(conn, """
                SELECT r.id FROM records r WHERE r.id IN (SELECT record_id FROM entity_links WHERE entity_id = @e)
                ORDER BY r.application_date DESC NULLS LAST, r.id LIMIT 5000
                """, new { e }, ct)
            : await IdsAsync(conn, "SELECT id FROM records WHERE applicants @> ARRAY[@name] ORDER BY application_date DESC NULLS LAST, id LIMIT 5000", new { name = a.OwnerName }, ct);

    private static async Task<List<long>> SearchIdsAsync(NpgsqlConnection conn, string q, NpgsqlDataSource data, CancellationToken ct)
    {
        var filter = await RecordFilter.CreateAsync(new RecordFilterParams { Q = q }, data, ct);
        await using var cmd = new NpgsqlCommand($"SELECT r.id FROM records r WHERE {filter.Where} ORDER BY r.id LIMIT 5000", conn);
        foreach (var p in filter.Parameters) cmd.Parameters.Add(p.Clone());
        var ids = new List<long>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) ids.Add(r.GetInt64(0));
        return ids;
    }

    private static async Task<List<long>> IdsAsync(NpgsqlConnection conn, string sql, object args, CancellationToken ct) =>
        (await conn.QueryAsync<long>(new CommandDefinition(sql, args, cancellationToken: ct))).ToList();

    private static async Task<Found> RecordsAsync(NpgsqlConnection conn, List<long> ids, CancellationToken ct)
    {
        var take = ids.Take(Cap).ToArray();
        var rows = (await conn.QueryAsync<(long Id, string? ApplicationNumber, string? Title, string? FirstApplicant, string? ApplicationDate, string? GrantDate)>(
            new CommandDefinition("SELECT id, application_number, title, first_applicant, application_date::text, grant_date::text FROM records WHERE id = ANY(@take)",
                new { take }, cancellationToken: ct))).ToDictionary(r => r.Id);
        var items = take.Where(rows.ContainsKey).Select(id => rows[id]).Select(r => new EvidenceItem("record", r.ApplicationNumber ?? "", r.Title ?? "",
            $"{r.FirstApplicant}{(r.GrantDate is { } g ? $"；{g} 授权" : "；未授权")}", r.ApplicationDate, $"/records/{r.Id}", r.Id)).ToList();
        return new(items, ids.Count);
    }

    private static async Task<Found> EventsAsync(NpgsqlConnection conn, List<long> recordIds, string[] codes, CancellationToken ct)
    {
        var rows = (await conn.QueryAsync<(long RecordId, string ApplicationNumber, string EventDate, string Code, string StatusText, string InfoText)>(new CommandDefinition("""
            SELECT record_id, application_number, event_date::text, code, status_text, info_text FROM legal_status_events
            WHERE record_id = ANY(@recordIds) AND code = ANY(@codes) ORDER BY event_date, id
            """, new { recordIds = recordIds.ToArray(), codes }, cancellationToken: ct))).ToList();
        return new(rows.Take(Cap).Select(e => new EvidenceItem("event", e.ApplicationNumber, e.StatusText, e.InfoText.Length == 0 ? null : e.InfoText,
            e.EventDate, $"/records/{e.RecordId}", e.RecordId, e.Code)).ToList(), rows.Count);
    }

    private static async Task<Found> CreditAsync(NpgsqlConnection conn, Appraisal a, CancellationToken ct)
    {
        var listings = await conn.QueryAsync<(long Id, string SubjectName, string DecisionNumber, string Reason, string Status, string ListedOn, string ExpiresOn)>(new CommandDefinition("""
            SELECT id, subject_name, decision_number, reason, status, listed_on::text, expires_on::text FROM credit_listings
            WHERE (subject_name = @name OR (@code::text IS NOT NULL AND credit_code = @code)) ORDER BY listed_on DESC, id
            """, new { name = a.OwnerName, code = a.OwnerCreditCode }, cancellationToken: ct));
        var cases = await conn.QueryAsync<(long Id, string ReceiptNumber, string Type, string Status, string ComplainantName, string CreatedAt)>(new CommandDefinition("""
            SELECT id, receipt_number, type, status, complainant_name, (created_at AT TIME ZONE 'Asia/Shanghai')::date::text FROM complaints WHERE respondent_name = @name ORDER BY created_at DESC, id LIMIT 200
            """, new { name = a.OwnerName }, cancellationToken: ct));
        var active = new HashSet<string> { "listed", "published", "repair_requested" };
        var items = listings.Select(l => new EvidenceItem("credit", l.DecisionNumber, $"严重失信主体名单：{l.SubjectName}",
                $"{l.Reason}；{(active.Contains(l.Status) ? $"列入中，至 {l.ExpiresOn}" : "已移出")}", l.ListedOn, "/protection/credit"))
            .Concat(cases.Select(c => new EvidenceItem("case", c.ReceiptNumber, $"被投诉：{Protection.ComplaintTypes.Labels.GetValueOrDefault(c.Type, c.Type)}", $"投诉方 {c.ComplainantName}；{Protection.CaseStatus.Labels.GetValueOrDefault(c.Status, c.Status)}",
                c.CreatedAt, $"/protection/cases/{c.Id}"))).ToList();
        return new(items, items.Count);
    }
}
