using Zhichan.Api.Features.Records;
using Zhichan.Api.Features.Registries.Experts;
using Zhichan.Api.Platform.Files;

namespace Zhichan.Api.Features.Registries.Talent;

/// <summary>
/// Imports the talent registry from an XLSX sheet with Chinese headers (bureau). A row is the same person as an entry with the same
/// name, category and unit (that entry is updated, e.g. with the day they left); otherwise a new entry. The region may be a code or a
/// name (海州区, 连云港市海州区). Rows with an error are not stored and come back with the reason; the good rows are stored.
/// </summary>
public static class ImportTalents
{
    public static readonly SheetColumn[] Columns =
    [
        new("name", "姓名", ["姓名"], Required: true),
        new("category", "人才类别", ["人才类别", "类别"], Required: true),
        new("unit", "所在单位", ["所在单位", "单位", "工作单位"], Required: true),
        new("region", "所在地区", ["所在地区", "地区", "地区代码"], Required: true),
        new("qualification", "资格或称号", ["资格或称号", "资格", "称号"]),
        new("certificate", "证书编号", ["证书编号", "资格证书编号"]),
        new("qualifiedOn", "取得日期", ["取得日期", "取得资格日期"]),
        new("validUntil", "有效期至", ["有效期至", "有效期"]),
        new("leftOn", "离职日期", ["离职日期"]),
        new("note", "备注", ["备注"]),
    ];

    public static async Task<Ok<SheetImportResult>> HandleAsync(IFormFile? file, ZhichanDb db, CurrentUser me, RecordsReference reference,
        Indicators.IndicatorComputer indicators, CancellationToken ct)
    {
        if (file is null) throw new RequestValidationException("file", "请选择人才名录（Excel 文件）");
        var bytes = await UploadedFiles.ReadAsync(file, ct) ?? throw new RequestValidationException("file", $"文件超过 {UploadedFiles.MaxFileBytes / 1024 / 1024} MB");
        var rows = SheetImport.Read(bytes, Columns);
        var existing = await db.Set<TalentPerson>().ToListAsync(ct);
        var errors = new List<SheetRowError>();
        var seen = new Dictionary<(string, string, string), long>();
        int created = 0, updated = 0, rejected = 0;
        foreach (var row in rows)
        {
            var rowErrors = new List<SheetRowError>();
            void Err(string field, string reason) => rowErrors.Add(new SheetRowError(row.Number, Columns.First(c => c.Field == field).Label, row[field], reason));
            var name = row["name"];
            var unit = row["unit"];
            if (name is null) Err("name", "姓名不能为空");
            else if (name.Length > 50) Err("name", "姓名不能超过 50 个字符");
            if (unit is null) Err("unit", "所在单位不能为空");
            else if (unit.Length > 100) Err("unit", "所在单位不能超过 100 个字符");
            string? category = null;
            if (row["category"] is { } catText)
            {
                category = TalentCategories.Labels.FirstOrDefault(c => c.Value == catText || c.Key == catText).Key
                    ?? (catText is "知识产权工程师" or "知识产权管理工程师" or "工程师" ? TalentCategories.IpEngineer
                        : catText is "总监" ? TalentCategories.IpDirector : catText is "代理师" ? TalentCategories.PatentAttorney : null);
                if (category is null) Err("category", $"人才类别“{catText}”应为：{string.Join("、", TalentCategories.Labels.Values)}");
            }
            else Err("category", "人才类别不能为空");
            string? region = null;
            if (row["region"] is { } regionText)
            {
                region = RegistryRegions.Parse(reference, regionText);
                if (region is null) Err("region", $"所在地区“{regionText}”无法识别（填 6 位行政区划代码或区县名称，如 320706、海州区）");
            }
            else Err("region", "所在地区不能为空");
            if (row["qualification"]?.Length > 100) Err("qualification", "资格或称号不能超过 100 个字符");
            if (row["certificate"]?.Length > 50) Err("certificate", "证书编号不能超过 50 个字符");
            if (row["note"]?.Length > 1000) Err("note", "备注不能超过 1000 个字符");
            var qualifiedOn = ExpertSheet.Date(row["qualifiedOn"], "取得日期", r => Err("qualifiedOn", r));
            var validUntil = ExpertSheet.Date(row["validUntil"], "有效期至", r => Err("validUntil", r));
            var leftOn = ExpertSheet.Date(row["leftOn"], "离职日期", r => Err("leftOn", r));
            if (qualifiedOn is { } q && validUntil is { } u && u < q) Err("validUntil", "有效期早于取得日期");
            if (qualifiedOn is { } q2 && leftOn is { } l && l < q2) Err("leftOn", "离职日期早于取得日期");
            if (name is not null && unit is not null && category is not null)
            {
                if (seen.TryGetValue((name, category, unit), out var first)) Err("name", $"与第 {first} 行是同一人（姓名、类别、单位相同）");
                else seen[(name, category, unit)] = row.Number;
            }
            if (rowErrors.Count > 0)
            {
                errors.AddRange(rowErrors);
                rejected++;
                continue;
            }
            var t = existing.FirstOrDefault(x => x.Name == name && x.Category == category && x.UnitName == unit);
            if (t is null)
            {
                t = new TalentPerson { CreatedBy = me.Id };
                db.Set<TalentPerson>().Add(t);
                existing.Add(t);
                created++;
            }
            else updated++;
            TalentRules.Apply(t, new TalentRequest(name, category, unit, t.OrgUnitId, region, row["qualification"], row["certificate"], qualifiedOn, validUntil,
                leftOn, row["note"] ?? t.Note));
        }
        AuditLog.Add(db, me, "import", "talents", null, null, new { file = Path.GetFileName(file.FileName), created, updated, rejected });
        await db.SaveChangesAsync(ct);
        await indicators.RefreshModuleIndicatorsAsync(ct, TalentCountIndicator.Codes);
        return TypedResults.Ok(new SheetImportResult(created, updated, rejected, errors));
    }
}
