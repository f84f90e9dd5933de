using Zhichan.Api.Platform.Files;
using Zhichan.Api.Platform.Security;
using static Zhichan.Api.Features.Registries.Units.UnitVocabulary;

namespace Zhichan.Api.Features.Registries.Units;

/// <summary>
/// Imports GIs from an XLSX list with Chinese headers (the columns of the export). A GI with the same 类别 and 注册号 (or, without
/// a number, the same 类别, 产品名称 and 注册人) is updated; 授权使用企业 (names separated by 、) are added to its users. Rows
/// with an error are reported with their row number and not stored; the same rules as the form apply.
/// </summary>
public static class ImportGeoIndications
{
    public static readonly SheetColumn[] Columns =
    [
        new("product", "产品名称", ["产品名称", "地理标志名称", "名称"], Required: true), new("kind", "类别", ["类别", "类型"], Required: true),
        new("regions", "保护范围（地区）", ["保护范围（地区）", "保护范围", "产地范围地区", "地区"], Required: true),
        new("area", "产地范围说明", ["产地范围说明", "产地范围"]), new("holder", "申请人/注册人", ["申请人/注册人", "注册人", "申请人"], Required: true),
        new("creditCode", "统一社会信用代码", ["统一社会信用代码", "信用代码"]), new("number", "注册号/批准文号", ["注册号/批准文号", "注册号", "批准文号", "公告号"]),
        new("registeredOn", "注册（批准）日期", ["注册（批准）日期", "注册日期", "批准日期"]), new("validUntil", "专用权期限", ["专用权期限", "有效期至"]),
        new("endedOn", "终止日期", ["终止日期"]), new("status", "状态", ["状态"], Required: true), new("body", "核准机关", ["核准机关", "批准机关"]),
        new("users", "授权使用企业", ["授权使用企业", "使用企业"]), new("notes", "备注", ["备注", "说明"]),
    ];

    public static async Task<Ok<SheetImportResult>> HandleAsync(IFormFile? file, NpgsqlDataSource db, CurrentUser me,
        Indicators.IndicatorComputer indicators, CancellationToken ct)
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
            var kind = CodeOf(GiKinds, row["kind"]);
            if (row["kind"] is not null && kind is null) Err("类别", row["kind"], $"应为：{string.Join("、", GiKinds.Names())}");
            var status = CodeOf(GiStatuses, row["status"]) ?? (row["status"] is "已注册" or "已批准" ? "registered" : null);
            if (row["status"] is not null && status is null) Err("状态", row["status"], $"应为：{string.Join("、", GiStatuses.Names())}");
            var (regions, regionErrors) = await UnitRules.ResolveRegionsAsync(conn, row["regions"]);
            foreach (var e in regionErrors) Err("保护范围（地区）", row["regions"], e);
            DateOnly? Date(string field, string label)
            {
                if (UnitRules.TryParseDate(row[field], out var d)) return d;
                Err(label, row[field], "日期格式应为 2024-05-01");
                return null;
            }
            var req = new GeoIndicationRequest(row["product"], kind, regions.ToArray(), row["area"], row["holder"],
                row["creditCode"], row["number"], Date("registeredOn", "注册（批准）日期"), Date("validUntil", "专用权期限"), Date("endedOn", "终止日期"),
                status, row["body"], row["notes"]);
            var v = new Validation();
            GeoIndications.Validate(v, req);
            if (row["regions"] is null) Err("保护范围（地区）", null, "保护范围不能为空");
            // an unknown 类别 or 状态 is reported above with the allowed names
            foreach (var (field, messages) in ErrorsOf(v).Where(e => !(e.Key == "kind" && row["kind"] is not null || e.Key == "status" && row["status"] is not null)))
                foreach (var m in messages) Err(Labels.GetValueOrDefault(field, field), null, m);
            var users = (row["users"] ?? "").Split(['、', '，', ',', '；', ';', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (users.Any(u => u.Length > 200)) Err("授权使用企业", row["users"], "企业名称不能超过 200 个字符");
            if (rowErrors.Count > 0) { errors.AddRange(rowErrors.DistinctBy(e => (e.Field, e.Reason))); rejected++; continue; }

            var number = UnitRules.Clean(req.RegistrationNumber);
            var id = number is not null
                ? await conn.ExecuteScalarAsync<long?>("SELECT id FROM geo_indications WHERE kind = @kind AND registration_number = @number", new { kind, number }, tx)
                : await conn.ExecuteScalarAsync<long?>("SELECT id FROM geo_indications WHERE kind = @kind AND product = @product AND holder = @holder AND registration_number IS NULL",
                    new { kind, product = req.Product!.Trim(), holder = req.Holder!.Trim() }, tx);
            var args = new
            {
                id, product = req.Product!.Trim(), kind, regions = GeoIndications.Regions(req), area = UnitRules.Clean(req.AreaDescription), holder = req.Holder!.Trim(),
                cc = UnitRules.Clean(req.HolderCreditCode) is { } c ? CreditCodes.Normalise(c) : null, number, req.RegisteredOn, req.ValidUntil, req.EndedOn, status,
                body = UnitRules.Clean(req.ApprovingBody), notes = UnitRules.Clean(req.Notes), by = me.Id,
            };
            if (id is null)
            {
                id = await conn.ExecuteScalarAsync<long>("""
                    INSERT INTO geo_indications (product, kind, region_codes, area_description, holder, holder_credit_code, registration_number, registered_on,
                        valid_until, ended_on, status, approving_body, notes, created_by)
                    VALUES (@product, @kind, @regions, @area, @holder, @cc, @number, @RegisteredOn, @ValidUntil, @EndedOn, @status, @body, @notes, @by) RETURNING id
                    """, args, tx);
                created++;
            }
            else
            {
                await conn.ExecuteAsync("""
                    UPDATE geo_indications SET product = @product, region_codes = @regions, area_description = COALESCE(@area, area_description), holder = @holder,
                        holder_credit_code = COALESCE(@cc, holder_credit_code), registered_on = @RegisteredOn, valid_until = @ValidUntil, ended_on = @EndedOn,
                        status = @status, approving_body = COALESCE(@body, approving_body), notes = COALESCE(@notes, notes), updated_at = now()
                    WHERE id = @id
                    """, args, tx);
                updated++;
            }
            foreach (var u in users)
                await conn.ExecuteAsync("INSERT INTO geo_indication_users (gi_id, enterprise) VALUES (@id, @u) ON CONFLICT (gi_id, enterprise) DO NOTHING", new { id, u }, tx);
        }
        await AuditLog.WriteAsync(conn, tx, me, "import", "geo_indications", null, null, new { file = file.FileName, created, updated, rejected }, ct);
        await tx.CommitAsync(ct);
        // the GI register feeds 地理标志商标量 (ADR 0028): its values follow every change at once
        await indicators.RefreshModuleIndicatorsAsync(ct, GiTrademarksIndicator.IndicatorCode);
        return TypedResults.Ok(new SheetImportResult(created, updated, rejected, errors));
    }

    private static readonly Dictionary<string, string> Labels = new()
    {
        ["product"] = "产品名称", ["kind"] = "类别", ["status"] = "状态", ["holder"] = "申请人/注册人", ["holderCreditCode"] = "统一社会信用代码",
        ["registrationNumber"] = "注册号/批准文号", ["registeredOn"] = "注册（批准）日期", ["validUntil"] = "专用权期限", ["endedOn"] = "终止日期",
        ["areaDescription"] = "产地范围说明", ["approvingBody"] = "核准机关", ["notes"] = "备注",
    };

    private static IDictionary<string, string[]> ErrorsOf(Validation v)
    {
        try { v.ThrowIfInvalid(); return new Dictionary<string, string[]>(); }
        catch (RequestValidationException e) { return e.Errors; }
    }
}
