using Zhichan.Api.Platform.Files;
using static Zhichan.Api.Features.Registries.Units.UnitVocabulary;

namespace Zhichan.Api.Features.Registries.Units;

/// <summary>
/// Imports pilot units from an XLSX list with Chinese headers (the columns of the export). A unit with the same 类别, 级别,
/// 单位名称 and 所在地区 is updated, any other row created; a row with an error is reported with its row number and not stored.
/// </summary>
public static class ImportPilotUnits
{
    public static readonly SheetColumn[] Columns =
    [
        new("name", "单位名称", ["单位名称", "名称"], Required: true), new("kind", "类别", ["类别", "类型"], Required: true), new("level", "级别", ["级别"]),
        new("region", "所在地区", ["所在地区", "地区", "行政区划代码"], Required: true), new("body", "认定机关", ["认定机关", "认定单位"]),
        new("document", "文号", ["文号", "认定文号"]), new("recognisedOn", "认定日期", ["认定日期", "认定时间"]), new("validUntil", "有效期至", ["有效期至", "有效期"]),
        new("status", "状态", ["状态"], Required: true), new("notes", "备注", ["备注", "说明"]),
    ];

    public static async Task<Ok<SheetImportResult>> HandleAsync(IFormFile? file, NpgsqlDataSource db, CurrentUser me, CancellationToken ct)
    {
        if (file is null) throw new RequestValidationException("file", "请选择 Excel 文件（.xlsx）");
        var bytes = await UploadedFiles.ReadAsync(file, ct) ?? throw new RequestValidationException("file", "文件超过 10 MB，请拆分后导入");
        var rows = SheetImport.Read(bytes, Columns);
        await using var conn = await db.OpenConnectionAsync(ct);
        var errors = new List<SheetRowError>();
        int created = 0, updated = 0, rejected = 0;
        await using var tx = await conn.BeginTransactionAsync(ct);
        foreach (var row in rows)
        {
            var rowErrors = new List<SheetRowError>();
            void Err(string label, string? value, string reason) => rowErrors.Add(new SheetRowError(row.Number, label, value, reason));
            var kind = CodeOf(PilotKinds, row["kind"]);
            if (kind is null) Err("类别", row["kind"], row["kind"] is null ? "类别不能为空" : $"应为：{string.Join("、", PilotKinds.Names())}");
            var level = CodeOf(Levels, row["level"]);
            if (row["level"] is not null && level is null) Err("级别", row["level"], "应为：国家级、省级、市级");
            var status = CodeOf(PilotStatuses, row["status"]);
            if (status is null) Err("状态", row["status"], row["status"] is null ? "状态不能为空" : $"应为：{string.Join("、", PilotStatuses.Names())}");
            var name = row["name"];
            if (name is null) Err("单位名称", null, "单位名称不能为空");
            else if (name.Length > 200) Err("单位名称", name, "不能超过 200 个字符");
            var (regions, regionErrors) = await UnitRules.ResolveRegionsAsync(conn, row["region"]);
            foreach (var e in regionErrors) Err("所在地区", row["region"], e);
            if (row["region"] is null) Err("所在地区", null, "所在地区不能为空");
            else if (regions.Count > 1) Err("所在地区", row["region"], "只能填写一个地区");
            if (!UnitRules.TryParseDate(row["recognisedOn"], out var recognisedOn)) Err("认定日期", row["recognisedOn"], "日期格式应为 2024-05-01");
            if (!UnitRules.TryParseDate(row["validUntil"], out var validUntil)) Err("有效期至", row["validUntil"], "日期格式应为 2024-05-01");
            if (recognisedOn is { } a && validUntil is { } b && b < a) Err("有效期至", row["validUntil"], "不能早于认定日期");
            if (rowErrors.Count > 0) { errors.AddRange(rowErrors); rejected++; continue; }
            var args = new
            {
                kind, level, name, region = regions[0], body = row["body"], document = row["document"], recognisedOn, validUntil, status, notes = row["notes"], by = me.Id,
            };
            var id = await conn.ExecuteScalarAsync<long?>(
                "SELECT id FROM pilot_units WHERE kind = @kind AND COALESCE(level, '') = COALESCE(@level, '') AND name = @name AND region_code = @region", args, tx);
            if (id is null)
            {
                await conn.ExecuteAsync("""
                    INSERT INTO pilot_units (kind, level, name, region_code, recognising_body, document_number, recognised_on, valid_until, status, notes, created_by)
                    VALUES (@kind, @level, @name, @region, @body, @document, @recognisedOn, @validUntil, @status, @notes, @by)
                    """, args, tx);
                created++;
            }
            else
            {
                await conn.ExecuteAsync("""
                    UPDATE pilot_units SET recognising_body = @body, document_number = @document, recognised_on = @recognisedOn, valid_until = @validUntil,
                        status = @status, notes = COALESCE(@notes, notes), updated_at = now() WHERE id = @id
                    """, new { args.body, args.document, args.recognisedOn, args.validUntil, args.status, args.notes, id }, tx);
                updated++;
            }
        }
        await AuditLog.WriteAsync(conn, tx, me, "import", "pilot_units", null, null, new { file = file.FileName, created, updated, rejected }, ct);
        await tx.CommitAsync(ct);
        return TypedResults.Ok(new SheetImportResult(created, updated, rejected, errors));
    }
}
