using Zhichan.Api.Features.Indicators;

namespace Zhichan.Api.Features.Registries.Entities;

/// <summary>
/// The indicators counted from entity labels (stocks at each year's end, by the entity's region: a 6-digit code counts in its
/// province, its city and itself): an entity counts once per region and year however many labels it holds. Years run from
/// the first label's to the current one.
/// </summary>
public abstract class LabelIndicator(string code, string[] kinds, string rowKind) : IModuleIndicator
{
    /// <summary>The codes to refresh after a write that changes labels or the entities holding them.</summary>
    public static readonly string[] Codes = ["standard_compliant_enterprises", "demo_enterprises"];

    public static Task RefreshAsync(IndicatorComputer computer, CancellationToken ct) => computer.RefreshModuleIndicatorsAsync(ct, Codes);

    public string Code => code;

    /// <summary>The entities holding one of the kinds at the year's end, with the label that counts (latest start first).</summary>
    private string HoldersSql => $"""
        SELECT DISTINCT ON (y.y, e.id) y.y, e.id, e.name, e.region_code, l.kind, l.level, l.certificate_number, l.certifying_body, l.valid_from, l.valid_to
        FROM generate_series((SELECT COALESCE(min(extract(year FROM valid_from))::int, extract(year FROM now())::int) FROM entity_labels WHERE kind = ANY(@kinds)),
                             extract(year FROM now())::int) y(y)
        JOIN entity_labels l ON l.kind = ANY(@kinds) AND {EntityQueries.ValidOnSql("make_date(y.y, 12, 31)")}
        JOIN entities e ON e.id = l.entity_id AND e.merged_into IS NULL
        ORDER BY y.y, e.id, l.valid_from DESC
        """;

    public async Task<IReadOnlyList<ModuleIndicatorValue>> ComputeAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        var rows = await conn.QueryAsync<(string Region, int Year, long N)>(new CommandDefinition($"""
            WITH h AS ({HoldersSql})
            SELECT v.code, h.y, count(DISTINCT h.id) FROM h
            CROSS JOIN LATERAL (VALUES (substr(h.region_code, 1, 2) || '0000'), (substr(h.region_code, 1, 4) || '00'), (h.region_code)) v(code)
            WHERE length(h.region_code) = 6 AND h.region_code ~ '^[0-9]+$'
            GROUP BY v.code, h.y
            """, new { kinds }, cancellationToken: ct));
        return rows.Select(r => new ModuleIndicatorValue(r.Region, r.Year, r.N, $"{rowKind}：持有有效标签（{string.Join("、", kinds.Select(k => LabelKinds.Names[k]))}）的主体，按主体所在地区计")).ToList();
    }

    public async Task<ModuleIndicatorRows> RowsAsync(NpgsqlConnection conn, string regionCode, int year, int offset, int limit, CancellationToken ct)
    {
        var prefix = CurrentUser.SignificantPrefix(regionCode);
        var args = new { kinds, year, prefix, offset, limit };
        const string filter = "h.y = @year AND h.region_code ~ '^[0-9]{6}$' AND h.region_code LIKE @prefix || '%'";
        var total = await conn.ExecuteScalarAsync<long>(new CommandDefinition($"WITH h AS ({HoldersSql}) SELECT count(*) FROM h WHERE {filter}", args, cancellationToken: ct));
        var rows = await conn.QueryAsync<Holder>(new CommandDefinition($"""
            WITH h AS ({HoldersSql}) SELECT h.id, h.name, h.kind, h.level, h.certificate_number, h.certifying_body, h.valid_from, h.valid_to FROM h
            WHERE {filter} ORDER BY h.name COLLATE "C", h.id OFFSET @offset LIMIT @limit
            """, args, cancellationToken: ct));
        return new ModuleIndicatorRows(total, rows.Select(h => new ModuleIndicatorRow(rowKind, h.Id, h.Name, Detail(h), h.ValidFrom, $"/registries/entities/{h.Id}")).ToList());
    }

    private sealed record Holder(long Id, string Name, string Kind, string? Level, string? CertificateNumber, string? CertifyingBody, DateOnly ValidFrom, DateOnly? ValidTo);

    private static string Detail(Holder h) => h.Kind == LabelKinds.IpStandard
        ? $"证书 {h.CertificateNumber}（{h.CertifyingBody}），有效期至 {h.ValidTo:yyyy-MM-dd}"
        : $"{LabelKinds.Display(h.Kind, h.Level)}（{h.ValidFrom:yyyy-MM-dd} 起{(h.ValidTo is { } to ? $"，至 {to:yyyy-MM-dd}" : "")}）";
}

/// <summary>贯标企业数: entities with a 知识产权管理体系认证 certificate valid at the year's end.</summary>
public sealed class StandardCompliantEnterprises() : LabelIndicator("standard_compliant_enterprises", [LabelKinds.IpStandard], "贯标企业");

/// <summary>知识产权示范/优势企业数: entities with a 示范 or 优势 label (any level) valid at the year's end.</summary>
public sealed class DemoEnterprises() : LabelIndicator("demo_enterprises", [LabelKinds.IpDemo, LabelKinds.IpAdvantage], "示范/优势企业");
