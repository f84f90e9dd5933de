using System.Text.Json;

namespace Zhichan.Api.Features.Registries.Entities;

/// <summary>What the correction use cases share: the current link of each applicant, the request's items, notifications.</summary>
public static class EntityCorrections
{
    public const string RequestedType = "entity_correction_requested", ReviewedType = "entity_correction_reviewed";

    internal sealed record Party(long RecordId, string? ApplicationNumber, string? Title, long Pos, string Key, string Name, long? EntityId, string? EntityName);

    /// <summary>Each applicant (with a key) of the records and the entity it resolves to now (decision, else key or redirect).</summary>
    internal static async Task<List<Party>> PartiesAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, long[] ids, CancellationToken ct) =>
        (await conn.QueryAsync<Party>(new CommandDefinition("""
            SELECT r.id AS record_id, r.application_number, r.title, k.pos, k.key, COALESCE(k.name, '') AS name,
                   COALESCE(p.entity_id, e.merged_into, e.id) AS entity_id, t.name AS entity_name
            FROM records r CROSS JOIN LATERAL unnest(r.applicant_keys, r.applicants) WITH ORDINALITY AS k(key, name, pos)
            LEFT JOIN entity_pins p ON p.record_id = r.id AND p.party_key = k.key
            LEFT JOIN entities e ON e.match_key = k.key
            LEFT JOIN entities t ON t.id = COALESCE(p.entity_id, e.merged_into, e.id)
            WHERE r.id = ANY(@ids) AND k.key <> ''
            ORDER BY r.id, k.pos
            """, new { ids }, tx, cancellationToken: ct))).ToList();

    /// <summary>Share of character pairs two names have in common (Dice), to pick which applicant of a record a claim means.</summary>
    internal static double Similarity(string a, string b)
    {
        static HashSet<string> Pairs(string s) => Enumerable.Range(0, Math.Max(0, s.Length - 1)).Select(i => s.Substring(i, 2)).ToHashSet();
        var x = Pairs(a);
        var y = Pairs(b);
        return x.Count + y.Count == 0 ? 0 : 2.0 * x.Intersect(y).Count() / (x.Count + y.Count);
    }

    internal static List<CorrectionItem> Items(EntityCorrection c) => c.Items.Deserialize<List<CorrectionItem>>(JsonOptions) ?? [];

    internal static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    internal static EntityCorrectionDto ToDto(EntityCorrection c, string entityName) => new(c.Id, c.EntityId, entityName, c.Kind,
        CorrectionKinds.Names.GetValueOrDefault(c.Kind, c.Kind), Items(c), c.Reason, c.Status, CorrectionStatus.Names.GetValueOrDefault(c.Status, c.Status),
        c.RequestedByName, c.RequestedAt, c.ReviewedByName, c.ReviewedAt, c.ReviewNote);

    /// <summary>The bureau's org unit (the one that reviews), or null.</summary>
    internal static Task<long?> BureauAsync(ZhichanDb db, CancellationToken ct) =>
        db.OrgUnits.AsNoTracking().Where(u => u.Kind == OrgUnitKinds.Bureau && u.IsActive).OrderBy(u => u.Id).Select(u => (long?)u.Id).FirstOrDefaultAsync(ct);
}
