using Zhichan.Api.Platform.Files;
using Zhichan.Api.Platform.Security;

namespace Zhichan.Api.Features.Registries.Entities;

/// <summary>
/// ExportEntities: the list as filtered, as XLSX with the import's headers (a file exported can be edited and imported again),
/// contacts masked (Platform/Security/Masking: a file leaves the platform).
/// </summary>
public static class ExportEntities
{
    public const int MaxRows = 20_000;

    private sealed record Contact(long EntityId, string Name, string? Phone, string? Email);

    public static async Task<FileContentHttpResult> HandleAsync([AsParameters] EntityListQuery query, NpgsqlDataSource db, CurrentUser me, CancellationToken ct)
    {
        var args = new DynamicParameters();
        var where = ListEntities.Where(query, me, args);
        await using var conn = await db.OpenConnectionAsync(ct);
        var rows = (await conn.QueryAsync<ListEntities.RowData>(new CommandDefinition($"""
            SELECT e.id, e.name, e.kind, e.credit_code, e.credit_code_exception, e.region_code, e.industry_code, e.scale, e.record_count, e.master, u.name AS org_unit_name
            FROM entities e LEFT JOIN org_units u ON u.id = e.org_unit_id WHERE {where} ORDER BY e.name COLLATE "C", e.id LIMIT {MaxRows}
            """, args, cancellationToken: ct))).ToList();
        var list = await ListEntities.ToRowsAsync(conn, rows, ct);
        var ids = rows.Select(r => r.Id).ToArray();
        var contacts = (await conn.QueryAsync<Contact>(new CommandDefinition(
            "SELECT entity_id, name, phone, email FROM entity_contacts WHERE entity_id = ANY(@ids) ORDER BY id", new { ids }, cancellationToken: ct))).ToLookup(c => c.EntityId);
        var names = (await conn.QueryAsync<(long EntityId, string Name, string Kind)>(new CommandDefinition(
            "SELECT entity_id, name, kind FROM entity_names WHERE entity_id = ANY(@ids) ORDER BY id", new { ids }, cancellationToken: ct))).ToLookup(n => n.EntityId);
        string[] header = ["主体编号", "主体名称", "统一社会信用代码", "信用代码状态", "主体类型", "所在地区", "地区名称", "行业代码", "企业规模", "曾用名", "别名", "有效标签",
            "关联记录数", "联系人（脱敏）", "联系电话（脱敏）", "电子邮箱（脱敏）"];
        var data = list.Select(r =>
        {
            var c = contacts[r.Id].FirstOrDefault();
            return (IReadOnlyList<string?>)
            [
                r.Id.ToString(), r.Name, r.CreditCode, CreditStatusName(r.CreditCodeStatus), r.KindLabel, r.RegionCode, r.RegionName, r.IndustryCode, r.ScaleLabel,
                string.Join("；", names[r.Id].Where(n => n.Kind == EntityNameKinds.Former).Select(n => n.Name)),
                string.Join("；", names[r.Id].Where(n => n.Kind == EntityNameKinds.Alias).Select(n => n.Name)),
                string.Join("；", r.Labels), r.RecordCount.ToString(),
                c is null ? null : Masking.MaskName(c.Name), c is null ? null : Masking.MaskPhone(c.Phone), c is null ? null : Masking.MaskEmail(c.Email),
            ];
        });
        await AuditLog.WriteAsync(conn, null, me, "export", "entities", null, null, new { rows = list.Count, query.Q, query.Kind, query.Region, query.Label, query.Scope }, ct);
        return TypedResults.File(SheetImport.Write(header, data), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            $"entities-{EntityQueries.Today():yyyyMMdd}.xlsx");
    }

    private static string CreditStatusName(string status) => status switch
    {
        "valid" => "校验通过", "exception" => "例外（管理员认可）", "invalid" => "校验未通过", _ => "",
    };
}
