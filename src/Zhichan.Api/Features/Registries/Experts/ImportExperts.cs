using Zhichan.Api.Features.Records;
using Zhichan.Api.Platform.Files;

namespace Zhichan.Api.Features.Registries.Experts;

/// <summary>
/// Imports experts from an XLSX sheet with Chinese headers (bureau). A row names an expert already in the pool by ID number, or
/// by name and employer; it is then updated with the cells it fills, else added. A row with any error is not stored and comes
/// back with its row number, column and reason; the other rows are stored together.
/// </summary>
public static class ImportExperts
{
    public static async Task<Ok<SheetImportResult>> HandleAsync(IFormFile? file, ZhichanDb db, CurrentUser me, RecordsReference reference, CancellationToken ct)
    {
        if (file is null) throw new RequestValidationException("file", "请选择要导入的 Excel 文件");
        var bytes = await UploadedFiles.ReadAsync(file, ct) ?? throw new RequestValidationException("file", $"文件超过 {UploadedFiles.MaxFileBytes / 1024 / 1024} MB");
        var rows = SheetImport.Read(bytes, ExpertSheet.Columns);
        var experts = await db.Set<Expert>().Include(e => e.Employments).Include(e => e.Relations).AsSplitQuery().ToListAsync(ct);
        var errors = new List<SheetRowError>();
        var seen = new Dictionary<string, long>();
        int created = 0, updated = 0, rejected = 0;
        foreach (var row in rows)
        {
            var rowErrors = new List<SheetRowError>();
            void Err(string field, string reason) =>
                rowErrors.Add(new SheetRowError(row.Number, ExpertSheet.Columns.First(c => c.Field == field).Label, row[field], reason));

            var name = row["name"];
            if (name is null) Err("name", "姓名不能为空");
            else if (name.Length > 50) Err("name", "姓名不能超过 50 个字符");
            var idNumber = row["idNumber"]?.ToUpperInvariant();
            if (idNumber is not null && idNumber.Contains('*')) idNumber = null; // a masked export cell: leave the stored number
            if (idNumber is not null && ExpertRules.IdNumberProblem(idNumber) is { } ip) Err("idNumber", ip);
            var phone = row["phone"];
            if (phone is not null && !phone.Contains('*') && ExpertRules.PhoneProblem(phone) is { } pp) Err("phone", pp);
            var email = row["email"];
            if (email is not null && !email.Contains('*'))
            {
                var ev = new Validation().Email("email", email, "电子邮箱");
                if (!ev.IsValid) Err("email", $"电子邮箱“{email}”格式不正确");
            }
            string[] specialties = [];
            if (row["specialties"] is not { } sp) Err("specialties", "专业领域不能为空");
            else
            {
                (specialties, var unknown) = ExpertSheet.Specialties(sp);
                if (unknown.Length > 0) Err("specialties", $"不在专业领域目录中：{string.Join("、", unknown)}（可填 IPC 部 A–H 或 专利代理、商标、版权、法律、评估、管理 等）");
            }
            string? region = null;
            if (row["region"] is { } rg && (region = RegistryRegions.Parse(reference, rg)) is null) Err("region", $"地区“{rg}”无法识别，请填行政区划代码或规范名称（如 320706 或 连云港市海州区）");
            var investigator = ExpertSheet.YesNo(row["investigator"], "是", "否", out var ie);
            if (ie is not null) Err("investigator", ie);
            var active = ExpertSheet.YesNo(row["active"], "在库", "停用", out var ae);
            if (ae is not null) Err("active", ae);
            var appointed = ExpertSheet.Date(row["appointedOn"], "聘任日期", r => Err("appointedOn", r));
            var termEnds = ExpertSheet.Date(row["termEndsOn"], "聘期至", r => Err("termEndsOn", r));
            if (appointed is { } a && termEnds is { } t && t < a) Err("termEndsOn", "聘期结束日期早于聘任日期");
            var relations = row["relations"] is { } rel ? ExpertSheet.Relations(rel) : null;
            if (relations?.Any(r => r.Party!.Length > 100) == true) Err("relations", "利害关系中的单位或人员名称不能超过 100 个字符");
            var employer = row["employer"];

            Expert? match = null;
            if (name is not null)
            {
                match = idNumber is not null ? experts.FirstOrDefault(e => e.IdNumber == idNumber) : null;
                if (match is not null && match.Name != name) Err("idNumber", $"该身份证号已登记为专家“{match.Name}”，与本行姓名不一致");
                match ??= experts.Where(e => e.Name == name && e.Employer == employer).Take(2).Count() == 1
                    ? experts.First(e => e.Name == name && e.Employer == employer) : null;
                var key = idNumber ?? $"{name}|{employer}";
                if (seen.TryGetValue(key, out var first)) Err(idNumber is not null ? "idNumber" : "name", $"与第 {first} 行重复");
                else seen[key] = row.Number;
            }
            if (rowErrors.Count > 0)
            {
                errors.AddRange(rowErrors);
                rejected++;
                continue;
            }
            var e = match ?? new Expert { Name = name!, CreatedBy = me.Id };
            e.Name = name!;
            if (idNumber is not null) e.IdNumber = idNumber;
            if (phone is not null && !phone.Contains('*')) e.Phone = phone;
            if (email is not null && !email.Contains('*')) e.Email = email;
            e.Title = row["title"] ?? e.Title;
            e.Employer = employer ?? e.Employer;
            e.Position = row["position"] ?? e.Position;
            e.RegionCode = region ?? e.RegionCode;
            e.Specialties = specialties;
            e.IsInvestigator = investigator ?? e.IsInvestigator;
            e.IsActive = active ?? e.IsActive;
            e.AppointedOn = appointed ?? e.AppointedOn;
            e.TermEndsOn = termEnds ?? e.TermEndsOn;
            e.Note = row["note"] ?? e.Note;
            if (relations is not null)
            {
                e.Relations.Clear();
                e.Relations.AddRange(relations.Select(r => new ExpertRelation { Kind = r.Kind!, Party = r.Party!, Detail = r.Detail }));
            }
            e.UpdatedAt = DateTimeOffset.UtcNow;
            if (match is null)
            {
                db.Set<Expert>().Add(e);
                experts.Add(e);
                created++;
            }
            else updated++;
        }
        await db.SaveChangesAsync(ct);
        AuditLog.Add(db, me, "import", "experts", null, null, new { file = Path.GetFileName(file.FileName), created, updated, rejected });
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new SheetImportResult(created, updated, rejected, errors));
    }
}
