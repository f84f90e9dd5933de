using System.Text.RegularExpressions;
using Zhichan.Api.Platform.Security;

namespace Zhichan.Api.Features.Registries.Entities;

/// <summary>The list's filters (shared with the export).</summary>
public sealed class EntityListQuery
{
    /// <summary>Name (current, former or alias; part of it) or 统一社会信用代码.</summary>
    public string? Q { get; set; }
    public string? Kind { get; set; }
    /// <summary>A region code: the entities of that province, city or county.</summary>
    public string? Region { get; set; }
    /// <summary>A label kind held today (high_tech, srdi, ip_demo, ip_advantage, ip_standard).</summary>
    public string? Label { get; set; }
    /// <summary>master (the register, default) or all (every party the records name).</summary>
    public string? Scope { get; set; }
    /// <summary>name (default), records (most records first), recent (last changed first).</summary>
    public string? Sort { get; set; }
}

/// <summary>ListEntities: the register, searched by name or credit code and filtered by kind, region and label.</summary>
public static partial class ListEntities
{
    public static async Task<Ok<Page<EntityRow>>> HandleAsync([AsParameters] EntityListQuery query, int? page, int? pageSize, NpgsqlDataSource db, CurrentUser me,
        CancellationToken ct)
    {
        var (p, size, offset) = Paging.Of(page, pageSize, 20, 200);
        var args = new DynamicParameters();
        var where = Where(query, me, args);
        args.Add("size", size);
        args.Add("offset", offset);
        var order = query.Sort switch
        {
            "records" => "e.record_count DESC, e.id",
            "recent" => "e.updated_at DESC, e.id DESC",
            _ => "e.name COLLATE \"C\", e.id",
        };
        await using var conn = await db.OpenConnectionAsync(ct);
        var total = await conn.ExecuteScalarAsync<long>(new CommandDefinition($"SELECT count(*) FROM entities e WHERE {where}", args, cancellationToken: ct));
        var rows = (await conn.QueryAsync<RowData>(new CommandDefinition($"""
            SELECT e.id, e.name, e.kind, e.credit_code, e.credit_code_exception, e.region_code, e.industry_code, e.scale, e.record_count, e.master, u.name AS org_unit_name
            FROM entities e LEFT JOIN org_units u ON u.id = e.org_unit_id WHERE {where} ORDER BY {order} LIMIT @size OFFSET @offset
            """, args, cancellationToken: ct))).ToList();
        return TypedResults.Ok(new Page<EntityRow>(await ToRowsAsync(conn, rows, ct), total));
    }

    internal sealed record RowData(long Id, string Name, string Kind, string? CreditCode, string? CreditCodeException, string? RegionCode, string? IndustryCode,
        string? Scale, int RecordCount, bool Master, string? OrgUnitName);

    internal static async Task<List<EntityRow>> ToRowsAsync(NpgsqlConnection conn, List<RowData> rows, CancellationToken ct)
    {
        var ids = rows.Select(r => r.Id).ToArray();
        var labels = (await conn.QueryAsync<(long EntityId, string Kind, string? Level)>(new CommandDefinition($"""
            SELECT l.entity_id, l.kind, l.level FROM entity_labels l WHERE l.entity_id = ANY(@ids) AND {EntityQueries.ValidOnSql("@today")} ORDER BY l.kind, l.level
            """, new { ids, today = EntityQueries.Today() }, cancellationToken: ct))).ToLookup(l => l.EntityId);
        var regions = await EntityQueries.RegionNamesAsync(conn, rows.Select(r => r.RegionCode), ct);
        return rows.Select(r => new EntityRow(r.Id, r.Name, r.Kind, EntityKinds.Name(r.Kind), r.CreditCode, EntityQueries.CreditStatus(r.CreditCode, r.CreditCodeException).Status,
            r.RegionCode, r.RegionCode is null ? null : regions.GetValueOrDefault(r.RegionCode), r.IndustryCode, r.Scale,
            r.Scale is null ? null : EntityScales.Names.GetValueOrDefault(r.Scale), r.RecordCount, r.Master,
            labels[r.Id].Select(l => LabelKinds.Display(l.Kind, l.Level)).Distinct().ToList(), r.OrgUnitName)).ToList();
    }

    /// <summary>The WHERE clause over <c>entities e</c> for the filters and the caller's rows (400 for invalid filters).</summary>
    internal static string Where(EntityListQuery query, CurrentUser me, DynamicParameters args)
    {
        var v = new Validation();
        var scope = query.Scope ?? "master";
        v.OneOf("scope", scope, ["master", "all"], "范围").OneOf("sort", query.Sort, ["name", "records", "recent"], "排序");
        if (query.Kind is not null) v.OneOf("kind", query.Kind, EntityKinds.Names.Keys, "主体类型");
        if (query.Label is not null) v.OneOf("label", query.Label, LabelKinds.Names.Keys, "标签");
        if (query.Region is not null && !RegionCode().IsMatch(query.Region)) v.Add("region", "地区应为 6 位行政区划代码");
        var q = query.Q?.Trim();
        if (q is { Length: > 100 }) v.Add("q", "检索词不能超过 100 个字符");
        v.PlainText("q", q, "检索词");
        v.ThrowIfInvalid();
        var parts = new List<string> { EntityQueries.ListFilter(me, args), "e.merged_into IS NULL" };
        if (scope == "master") parts.Add("e.master");
        if (query.Kind is not null)
        {
            parts.Add("e.kind = @kind");
            args.Add("kind", query.Kind);
        }
        if (query.Region is not null)
        {
            parts.Add("e.region_code LIKE @region || '%'");
            args.Add("region", CurrentUser.SignificantPrefix(query.Region));
        }
        if (query.Label is not null)
        {
            parts.Add($"EXISTS (SELECT 1 FROM entity_labels l WHERE l.entity_id = e.id AND l.kind = @label AND {EntityQueries.ValidOnSql("@today")})");
            args.Add("label", query.Label);
            args.Add("today", EntityQueries.Today());
        }
        if (!string.IsNullOrEmpty(q))
        {
            var code = CreditCodes.Normalise(q);
            if (code.Length == 18 && code.All(char.IsAsciiLetterOrDigit))
            {
                parts.Add("e.credit_code = @code");
                args.Add("code", code);
            }
            else
            {
                parts.Add("(e.name ILIKE @like OR EXISTS (SELECT 1 FROM entity_names n WHERE n.entity_id = e.id AND n.name ILIKE @like))");
                args.Add("like", "%" + q.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%");
            }
        }
        return string.Join(" AND ", parts);
    }

    [GeneratedRegex("^[0-9]{6}$")]
    private static partial Regex RegionCode();
}
