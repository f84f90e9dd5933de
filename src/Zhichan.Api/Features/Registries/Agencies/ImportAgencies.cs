using System.Globalization;
using Zhichan.Api.Platform.Files;

namespace Zhichan.Api.Features.Registries.Agencies;

/// <summary>
/// Imports the agency list from XLSX with Chinese headers (AgencySheet.Columns): a row updates the agency with the same
/// credit code (or, without one, the same name) or creates one. Every field is checked as in the form, the credit code by
/// GB 32100; a row with any error is reported with its row number and stored not at all.
/// </summary>
public static class ImportAgencies
{
    public static async Task<Ok<SheetImportResult>> HandleAsync(IFormFile? file, ZhichanDb db, Indicators.IndicatorComputer indicators, CancellationToken ct)
    {
        if (file is null || file.Length == 0) throw new RequestValidationException("file", "请选择要导入的 Excel 文件（.xlsx）");
        if (file.Length > UploadedFiles.MaxFileBytes) throw new RequestValidationException("file", "文件不能超过 10 MB");
        using var ms = new MemoryStream();
        await file.CopyToAsync(ms, ct);
        var rows = SheetImport.Read(ms.ToArray(), AgencySheet.Columns);
        var regionNames = (await db.Database.GetDbConnection().QueryAsync<(string Code, string Name)>(
                new CommandDefinition("SELECT code, name FROM ref_regions WHERE code LIKE '32%'", cancellationToken: ct)))
            .GroupBy(r => r.Name).ToDictionary(g => g.Key, g => g.First().Code);
        var existing = await db.Set<Agency>().ToListAsync(ct);
        var errors = new List<SheetRowError>();
        var seenCodes = new Dictionary<string, long>();
        var seenNames = new Dictionary<string, long>();
        int created = 0, updated = 0, rejected = 0;
        foreach (var row in rows)
        {
            var rowErrors = new List<SheetRowError>();
            void Err(string field, string reason) => rowErrors.Add(new SheetRowError(row.Number, Label(field), row[field], reason));
            var form = new AgencyForm
            {
                Name = row["name"], CreditCode = row["creditCode"], LicenceNumber = row["licenceNumber"], Services = row["services"], Address = row["address"],
                BusinessPhone = row["businessPhone"], BusinessEmail = row["businessEmail"], Website = row["website"], ContactName = row["contactName"],
                ContactPhone = row["contactPhone"], ContactEmail = row["contactEmail"],
            };
            var kinds = (row["kinds"] ?? "").Split(['、', ',', '，', ';', '；', '/', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
            var codes = new List<string>();
            foreach (var k in kinds)
            {
                var code = AgencyRules.Kinds.FirstOrDefault(x => x.Value == k || x.Value + "类" == k || k.StartsWith(x.Value, StringComparison.Ordinal) || x.Key == k).Key;
                if (code is null) Err("kinds", $"服务类别“{k}”无法识别，应为：{string.Join("、", AgencyRules.Kinds.Values)}");
                else codes.Add(code);
            }
            form.Kinds = codes.ToArray();
            form.StaffCount = Int("staffCount");
            form.AgentCount = Int("agentCount");
            if (row["region"] is { } region)
            {
                if (region.Length == 6 && region.All(char.IsAsciiDigit)) form.RegionCode = region;
                else if (regionNames.TryGetValue(region, out var rc)) form.RegionCode = rc;
                else Err("region", "所在地区应为 6 位行政区划代码或区县全称（如 海州区）");
            }
            if (row["registeredOn"] is { } d)
            {
                if (DateOnly.TryParse(d, CultureInfo.InvariantCulture, out var day)) form.RegisteredOn = day;
                else if (double.TryParse(d, NumberStyles.Float, CultureInfo.InvariantCulture, out var serial) && serial is > 20000 and < 80000)
                    form.RegisteredOn = DateOnly.FromDateTime(DateTime.FromOADate(serial));
                else Err("registeredOn", "日期格式应为 2024-05-01");
            }
            var v = new Validation();
            AgencyRules.Validate(form, v, partial: false);
            if (!v.IsValid)
                try { v.ThrowIfInvalid(); }
                catch (RequestValidationException e)
                {
                    foreach (var (field, msgs) in e.Errors)
                        if (!(field == "kinds" && rowErrors.Any(x => x.Field == Label("kinds")))) foreach (var m in msgs) Err(field, m);
                }
            var normCode = form.CreditCode is { } cc ? Platform.Security.CreditCodes.Normalise(cc) : null;
            if (normCode is not null && seenCodes.TryGetValue(normCode, out var firstRow)) Err("creditCode", $"与第 {firstRow} 行的统一社会信用代码重复");
            if (form.Name is { } n && seenNames.TryGetValue(n.Trim(), out var firstName)) Err("name", $"与第 {firstName} 行的机构名称重复");
            var target = normCode is not null ? existing.FirstOrDefault(a => a.CreditCode == normCode) : null;
            target ??= existing.FirstOrDefault(a => a.Name == form.Name?.Trim());
            if (target is not null && normCode is not null && target.CreditCode is not null && target.CreditCode != normCode)
                Err("creditCode", $"已登记的“{target.Name}”统一社会信用代码为 {target.CreditCode}，与本行不一致");
            if (target is not null && form.Name is { } nm && existing.Any(a => a != target && a.Name == nm.Trim()))
                Err("name", $"已有名为“{nm.Trim()}”的另一家服务机构");
            if (rowErrors.Count > 0) { errors.AddRange(rowErrors); rejected++; continue; }
            if (normCode is not null) seenCodes[normCode] = row.Number;
            seenNames[form.Name!.Trim()] = row.Number;
            if (target is null)
            {
                var a = new Agency();
                AgencyRules.Apply(a, form, partial: false);
                db.Set<Agency>().Add(a);
                existing.Add(a);
                created++;
            }
            else
            {
                // the import fills what the sheet has; fields left blank keep their value
                var keep = AgencyRules.FormOf(target);
                AgencyRules.Apply(target, Merge(keep, form), partial: false);
                updated++;
            }

            int? Int(string field)
            {
                if (row[field] is not { } s) return null;
                if (int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i)) return i;
                if (double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var dd) && dd == Math.Floor(dd)) return (int)dd;
                Err(field, "应为整数");
                return null;
            }
        }
        await db.SaveChangesAsync(ct);
        if (created + updated > 0) await indicators.RefreshModuleIndicatorsAsync(ct, AgencyCountIndicator.IndicatorCode);
        return TypedResults.Ok(new SheetImportResult(created, updated, rejected, errors));
    }

    private static string Label(string field) =>
        AgencySheet.Columns.FirstOrDefault(c => c.Field == field)?.Label ?? AgencyViews.FieldLabels.GetValueOrDefault(field, field);

    private static AgencyForm Merge(AgencyForm keep, AgencyForm sheet) => new()
    {
        Name = sheet.Name ?? keep.Name, CreditCode = sheet.CreditCode ?? keep.CreditCode, LicenceNumber = sheet.LicenceNumber ?? keep.LicenceNumber,
        Kinds = sheet.Kinds is { Length: > 0 } ? sheet.Kinds : keep.Kinds, StaffCount = sheet.StaffCount ?? keep.StaffCount, AgentCount = sheet.AgentCount ?? keep.AgentCount,
        RegionCode = sheet.RegionCode ?? keep.RegionCode, Services = sheet.Services ?? keep.Services, Address = sheet.Address ?? keep.Address,
        BusinessPhone = sheet.BusinessPhone ?? keep.BusinessPhone, BusinessEmail = sheet.BusinessEmail ?? keep.BusinessEmail, Website = sheet.Website ?? keep.Website,
        ContactName = sheet.ContactName ?? keep.ContactName, ContactPhone = sheet.ContactPhone ?? keep.ContactPhone, ContactEmail = sheet.ContactEmail ?? keep.ContactEmail,
        RegisteredOn = sheet.RegisteredOn ?? keep.RegisteredOn,
    };
}
