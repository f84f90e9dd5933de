using System.Diagnostics;
using Zhichan.Api.Features.Records;
using Zhichan.Api.Platform.Security;

namespace Zhichan.Api.Features.Registries.Entities;

/// <summary>Who sees which entities, and the reads the entity use cases share.</summary>
public static class EntityQueries
{
    /// <summary>
    /// The row filter of the register over <c>entities e</c>: staff every entity, a district those of its region, an
    /// enterprise its own (the entity linked to its org unit); null for the roles that do not read the register.
    /// </summary>
    public static string? VisibleSql(CurrentUser me, DynamicParameters p)
    {
        if (me.IsStaff) return "true";
        if (me.Role == Roles.District && me.RegionPrefix is { } prefix)
        {
            p.Add("visPrefix", prefix);
            return "e.region_code LIKE @visPrefix || '%'";
        }
        if (me.Role == Roles.Enterprise && me.OrgUnitId is { } org)
        {
            p.Add("visOrg", org);
            return "e.org_unit_id = @visOrg";
        }
        return null;
    }

    /// <summary>The register's lists are for staff and districts; an enterprise has its own page (GetMyEntity).</summary>
    public static string ListFilter(CurrentUser me, DynamicParameters p) =>
        me.Role is Roles.Enterprise || VisibleSql(me, p) is not { } sql
            ? throw new DomainException("创新主体库仅向知识产权局和县区开放；企业请在“我的主体”查看本单位信息", 403, "禁止访问")
            : sql;

    /// <summary>
    /// The entity <paramref name="id"/> (or the one it was merged into) when the caller may see it; 404 otherwise, and 403 for
    /// the roles that read no entity.
    /// </summary>
    public static async Task<(InnovationEntity Entity, long? RedirectedFrom)> LoadVisibleAsync(NpgsqlConnection conn, ZhichanDb db, long id, CurrentUser me,
        CancellationToken ct)
    {
        var p = new DynamicParameters();
        var visible = VisibleSql(me, p) ?? throw new DomainException("当前角色不查看创新主体信息", 403, "禁止访问");
        p.Add("id", id);
        var row = await conn.QuerySingleOrDefaultAsync<(long Id, long? MergedInto)>(new CommandDefinition("SELECT id, merged_into FROM entities WHERE id = @id",
            new { id }, cancellationToken: ct));
        if (row.Id == 0) throw NotFound(id);
        p.Add("target", row.MergedInto ?? id);
        var targetId = await conn.ExecuteScalarAsync<long?>(new CommandDefinition(
            $"SELECT e.id FROM entities e WHERE e.id = @target AND e.merged_into IS NULL AND {visible}", p, cancellationToken: ct)) ?? throw NotFound(id);
        var e = await db.Set<InnovationEntity>().AsNoTracking().FirstAsync(x => x.Id == targetId, ct);
        return (e, row.MergedInto is null ? null : id);
    }

    public static DomainException NotFound(long id) => new($"创新主体 {id} 不存在", 404);

    /// <summary>none | valid | exception | invalid, and the check's message.</summary>
    public static (string Status, string? Problem) CreditStatus(string? code, string? exception)
    {
        if (string.IsNullOrEmpty(code)) return ("none", null);
        var problem = CreditCodes.Problem(code);
        return problem is null ? ("valid", null) : exception is not null ? ("exception", problem) : ("invalid", problem);
    }

    public static bool ValidOn(EntityLabel l, DateOnly day) =>
        l.ValidFrom <= day && (l.ValidTo is null || l.ValidTo >= day) && (l.RevokedAt is null || DateOnly.FromDateTime(l.RevokedAt.Value.UtcDateTime) > day);

    /// <summary>SQL: the label <c>l</c> holds on the date parameter <paramref name="day"/>.</summary>
    public static string ValidOnSql(string day) =>
        $"(l.valid_from <= {day} AND (l.valid_to IS NULL OR l.valid_to >= {day}) AND (l.revoked_at IS NULL OR l.revoked_at::date > {day}))";

    public static EntityLabelDto ToDto(EntityLabel l, DateOnly today) => new(l.Id, l.Kind, LabelKinds.Names.GetValueOrDefault(l.Kind, l.Kind), l.Level,
        l.Level is null ? null : LabelLevels.Names.GetValueOrDefault(l.Level), LabelKinds.Display(l.Kind, l.Level), l.ValidFrom, l.ValidTo, l.CertificateNumber,
        l.CertifyingBody, l.Source, l.Origin, LabelOrigins.Names.GetValueOrDefault(l.Origin, l.Origin), l.RevokedAt, l.RevokedReason, ValidOn(l, today), l.MovedFrom);

    public static EntityContactDto ToDto(EntityContact c, bool unmasked) => unmasked
        ? new(c.Id, c.Name, c.Title, c.Phone, c.Email, c.Note, false)
        : new(c.Id, Masking.MaskName(c.Name), c.Title, Masking.MaskPhone(c.Phone), Masking.MaskEmail(c.Email), null, true);

    public static DateOnly Today() => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));

    /// <summary>The region's path as the records show it (江苏省 连云港市 海州区), or null.</summary>
    public static async Task<Dictionary<string, string>> RegionNamesAsync(NpgsqlConnection conn, IEnumerable<string?> codes, CancellationToken ct)
    {
        var list = codes.Where(c => c is { Length: 6 }).Distinct().ToArray();
        if (list.Length == 0) return [];
        var rows = await conn.QueryAsync<(string Code, string Name)>(new CommandDefinition("""
            SELECT r.code, concat_ws(' ', p.name, CASE WHEN c.code <> r.code THEN c.name END, CASE WHEN r.level = 'county' THEN r.name END)
            FROM ref_regions r LEFT JOIN ref_regions p ON p.code = r.province_code LEFT JOIN ref_regions c ON c.code = COALESCE(r.city_code, r.code)
            WHERE r.code = ANY(@list)
            """, new { list }, cancellationToken: ct));
        return rows.ToDictionary(r => r.Code, r => r.Name);
    }

    /// <summary>The entity page: everything GetEntity and GetMyEntity answer.</summary>
    public static async Task<EntityDetail> DetailAsync(NpgsqlConnection conn, ZhichanDb db, InnovationEntity e, long? redirectedFrom, bool contactsUnmasked,
        CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var today = Today();
        var names = await db.Set<EntityName>().AsNoTracking().Where(n => n.EntityId == e.Id).OrderBy(n => n.Kind).ThenBy(n => n.ValidFrom).ThenBy(n => n.Id).ToListAsync(ct);
        var labels = await db.Set<EntityLabel>().AsNoTracking().Where(l => l.EntityId == e.Id).OrderByDescending(l => l.ValidFrom).ThenByDescending(l => l.Id).ToListAsync(ct);
        var contacts = await db.Set<EntityContact>().AsNoTracking().Where(c => c.EntityId == e.Id).OrderBy(c => c.Id).ToListAsync(ct);
        var history = await db.Set<EntityHistoryEntry>().AsNoTracking().Where(h => h.EntityId == e.Id).OrderByDescending(h => h.At).ThenByDescending(h => h.Id).Take(50)
            .Select(h => new EntityHistoryDto(h.Id, h.Action, h.Summary, h.OtherEntityId, h.ActorName, h.At)).ToListAsync(ct);
        var people = await DisplayNamesAsync(db, history.Select(h => h.ActorName), ct);
        history = history.Select(h => h with { ActorName = people.GetValueOrDefault(h.ActorName, h.ActorName) }).ToList();
        var pending = await db.Set<EntityCorrection>().CountAsync(c => c.EntityId == e.Id && c.Status == CorrectionStatus.Pending, ct);
        var regions = await RegionNamesAsync(conn, [e.RegionCode], ct);
        var industry = e.IndustryCode is null ? null : await conn.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT name FROM ref_industries WHERE code = @code ORDER BY standard DESC LIMIT 1", new { code = e.IndustryCode }, cancellationToken: ct));
        var unit = e.OrgUnitId is null ? null : await db.OrgUnits.AsNoTracking().Where(u => u.Id == e.OrgUnitId).Select(u => u.Name).FirstOrDefaultAsync(ct);
        var counts = await CountsAsync(conn, e.Id, ct);
        var rules = (await conn.QueryAsync<(string Rule, long N)>(new CommandDefinition(
            "SELECT rule, count(*) FROM entity_links WHERE entity_id = @id GROUP BY rule", new { id = e.Id }, cancellationToken: ct))).ToList();
        var linkedRecords = await conn.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT count(DISTINCT record_id) FROM entity_links WHERE entity_id = @id", new { id = e.Id }, cancellationToken: ct));
        var links = new LinkSummary(rules.Sum(r => r.N), rules.OrderByDescending(r => r.N)
            .Select(r => new LinkRuleCount(r.Rule, LinkRules.Names.GetValueOrDefault(r.Rule, r.Rule), r.N, LinkRules.Confidence.GetValueOrDefault(r.Rule))).ToList(),
            Math.Max(0, counts.Records - linkedRecords));
        var (status, problem) = CreditStatus(e.CreditCode, e.CreditCodeException);
        return new EntityDetail(e.Id, redirectedFrom, e.Name, e.Kind, EntityKinds.Name(e.Kind), e.CreditCode, status, problem, e.CreditCodeException,
            e.CreditCodeExceptionBy, e.CreditCodeExceptionAt, e.RegionCode, e.RegionCode is null ? null : regions.GetValueOrDefault(e.RegionCode), e.IndustryCode, industry,
            e.Scale, e.Scale is null ? null : EntityScales.Names.GetValueOrDefault(e.Scale), e.Address, e.Note, e.Master, e.MasterSource, e.MasterSince, e.OrgUnitId, unit,
            e.CreatedAt, e.UpdatedAt,
            names.Select(n => new EntityNameDto(n.Id, n.Name, n.Kind, EntityNameKinds.Names.GetValueOrDefault(n.Kind, n.Kind), n.ValidFrom, n.ValidTo, n.Source, n.MovedFrom,
                n.CreatedAt)).ToList(),
            labels.Select(l => ToDto(l, today)).ToList(), contacts.Select(c => ToDto(c, contactsUnmasked)).ToList(), links, counts, history, pending,
            clock.ElapsedMilliseconds);
    }

    /// <summary>The display names of the users (by username) who acted: pages name people, never their login (the system stays “system”).</summary>
    public static async Task<Dictionary<string, string>> DisplayNamesAsync(ZhichanDb db, IEnumerable<string?> usernames, CancellationToken ct)
    {
        var list = usernames.Where(u => u is not null).Select(u => u!).Distinct().ToList();
        var map = await db.Users.AsNoTracking().Where(u => list.Contains(u.Username)).ToDictionaryAsync(u => u.Username, u => u.DisplayName, ct);
        if (list.Contains("system")) map["system"] = "系统";
        return map;
    }

    /// <summary>Portfolio, filings and grants per year, legal status: one pass over the records linked to the entity.</summary>
    public static async Task<EntityCounts> CountsAsync(NpgsqlConnection conn, long id, CancellationToken ct)
    {
        var rows = (await conn.QueryAsync<(string Type, int? Filed, int? Granted, string? Status, long N)>(new CommandDefinition("""
            SELECT right_type, extract(year FROM application_date)::int, extract(year FROM grant_date)::int, status, count(*)
            FROM records WHERE applicant_entity_ids @> ARRAY[@id]::bigint[] GROUP BY 1, 2, 3, 4
            """, new { id }, cancellationToken: ct))).ToList();
        var byType = rows.GroupBy(r => r.Type).Select(g => new CountItem(g.Key, RightTypes.Names.GetValueOrDefault(g.Key, g.Key), g.Sum(r => r.N)))
            .OrderByDescending(c => c.Count).ToList();
        var byStatus = rows.GroupBy(r => r.Status ?? "").Select(g => new CountItem(g.Key, g.Key.Length == 0 ? "未知" : RecordStatus.Names.GetValueOrDefault(g.Key, g.Key),
            g.Sum(r => r.N))).OrderByDescending(c => c.Count).ToList();
        var years = rows.Where(r => r.Filed is not null).Select(r => r.Filed!.Value).Concat(rows.Where(r => r.Granted is not null).Select(r => r.Granted!.Value)).Distinct()
            .OrderBy(y => y).Select(y => new YearCount(y, rows.Where(r => r.Filed == y).Sum(r => r.N), rows.Where(r => r.Granted == y).Sum(r => r.N))).ToList();
        return new EntityCounts(rows.Sum(r => r.N), rows.Where(r => r.Granted is not null).Sum(r => r.N), rows.Where(r => r.Status == RecordStatus.InForce).Sum(r => r.N),
            byType, byStatus, years);
    }

    /// <summary>The enterprise's own entity (linked to its org unit), or null.</summary>
    public static async Task<InnovationEntity?> OwnAsync(ZhichanDb db, CurrentUser me, CancellationToken ct) =>
        me.Role != Roles.Enterprise || me.OrgUnitId is not { } org
            ? null
            : await db.Set<InnovationEntity>().AsNoTracking().Where(e => e.OrgUnitId == org && e.MergedInto == null).OrderBy(e => e.Id).FirstOrDefaultAsync(ct);
}
