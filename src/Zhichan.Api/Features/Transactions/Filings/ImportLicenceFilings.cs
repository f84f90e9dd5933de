using System.Globalization;
using Zhichan.Api.Features.Transactions.Rights;
using Zhichan.Api.Platform.Files;
using Zhichan.Api.Platform.Security;

namespace Zhichan.Api.Features.Transactions.Filings;

/// <summary>
/// Imports filings already 备案 (paper registers, earlier systems) from XLSX with Chinese headers (FilingSheet.Columns). Every
/// row is checked as the form checks it (rights against the records, the term within the patents' lifetime, fees, credit codes)
/// and a 备案号 must not exist yet. All or nothing (ADR 0031): one row with an error and no row is stored; the answer lists
/// every error with its row number.
/// </summary>
public static class ImportLicenceFilings
{
    public static async Task<Ok<SheetImportResult>> HandleAsync(IFormFile? file, ZhichanDb db, NpgsqlDataSource data, CurrentUser me,
        Indicators.IndicatorComputer indicators, CancellationToken ct)
    {
        if (file is null || file.Length == 0) throw new RequestValidationException("file", "请选择要导入的 Excel 文件（.xlsx）");
        if (file.Length > UploadedFiles.MaxFileBytes) throw new RequestValidationException("file", "文件不能超过 10 MB");
        using var ms = new MemoryStream();
        await file.CopyToAsync(ms, ct);
        var rows = SheetImport.Read(ms.ToArray(), FilingSheet.Columns);
        var regionNames = (await db.Database.GetDbConnection().QueryAsync<(string Code, string Name)>(
                new CommandDefinition("SELECT code, name FROM ref_regions WHERE code LIKE '32%'", cancellationToken: ct)))
            .GroupBy(r => r.Name).ToDictionary(g => g.Key, g => g.First().Code);
        var existingNumbers = (await db.Set<LicenceFiling>().Where(f => f.FilingNumber != null).Select(f => f.FilingNumber!).ToListAsync(ct)).ToHashSet();
        var errors = new List<SheetRowError>();
        var ready = new List<(LicenceFiling Filing, List<LicenceFilingParty> Parties, List<LicenceFilingRight> Rights)>();
        var badRows = new HashSet<long>();
        foreach (var row in rows)
        {
            void Err(string field, string reason) { errors.Add(new SheetRowError(row.Number, FilingSheet.Label(field), row[field], reason)); badRows.Add(row.Number); }
            DateOnly? Date(string field)
            {
                if (row[field] is not { } d) return null;
                if (DateOnly.TryParse(d, CultureInfo.InvariantCulture, out var day)) return day;
                if (double.TryParse(d, NumberStyles.Float, CultureInfo.InvariantCulture, out var serial) && serial is > 20000 and < 80000) return DateOnly.FromDateTime(DateTime.FromOADate(serial));
                Err(field, "日期格式应为 2024-05-01");
                return null;
            }
            decimal? Num(string field)
            {
                if (row[field] is not { } n) return null;
                if (decimal.TryParse(n.TrimEnd('%', '％'), NumberStyles.Number, CultureInfo.InvariantCulture, out var x)) return x;
                Err(field, "应为数字");
                return null;
            }
            var kind = FilingKinds.Names.FirstOrDefault(k => row["kind"] is { } t && (t == k.Value || t == k.Value + "合同" || t.StartsWith(k.Value, StringComparison.Ordinal))).Key;
            if (kind is null) { Err("kind", "类型应为 许可 或 转让"); continue; }
            var f = new LicenceFiling
            {
                Kind = kind, State = FilingStates.Approved, Source = "import", OwnerOrgUnitId = me.OrgUnitId, CreatedBy = me.Id, Territory = row["territory"],
                TermFrom = Date("termFrom"), TermTo = Date("termTo"), Amount = Num("amount"), RoyaltyRate = Num("royaltyRate"), ContractDate = Date("contractDate"),
                EffectiveDate = Date("effectiveDate"), ApprovedOn = Date("approvedOn"), FilingNumber = row["filingNumber"],
            };
            (f.DecidedOn, f.SubmittedOn) = (f.ApprovedOn, f.ApprovedOn);
            if (kind == FilingKinds.Licence)
            {
                f.LicenceType = FilingRules.LicenceTypes.FirstOrDefault(t => row["licenceType"] is { } x && (x == t.Value || t.Value.StartsWith(x, StringComparison.Ordinal))).Key;
                if (f.LicenceType is null) Err("licenceType", $"许可类型应为：{string.Join("、", FilingRules.LicenceTypes.Values)}");
                if (f.TermFrom is null || f.TermTo is null) Err("termTo", "许可合同须填写期限起始日和终止日");
                else if (f.TermFrom > f.TermTo) Err("termTo", "期限终止日不能早于起始日");
            }
            f.FeeBasis = FilingRules.FeeBases.FirstOrDefault(b => b.Value == row["feeBasis"]).Key;
            var fee = new Validation();
            FilingRules.CheckFee(fee, f.FeeBasis, f.Amount, f.RoyaltyRate);
            foreach (var (field, messages) in ErrorsOf(fee)) Err(field switch { "amount" => "amount", "royaltyRate" => "royaltyRate", _ => "feeBasis" },
                f.FeeBasis is null && field == "feeBasis" ? $"付费方式应为：{string.Join("、", FilingRules.FeeBases.Values)}" : messages[0]);
            if (f.ContractDate is null) Err("contractDate", "请填写合同签订日");
            if (f.EffectiveDate is null) Err("effectiveDate", "请填写合同生效日");
            if (f.ApprovedOn is null) Err("approvedOn", "请填写备案日");
            if (row["region"] is { } region)
            {
                if (region.Length == 6 && region.All(char.IsAsciiDigit)) f.RegionCode = region;
                else if (regionNames.TryGetValue(region, out var rc)) f.RegionCode = rc;
                else Err("region", "地区应为 6 位行政区划代码或区县全称（如 海州区）");
            }
            else Err("region", "请填写地区");
            if (f.FilingNumber is null) Err("filingNumber", "请填写备案号");
            else if (!existingNumbers.Add(f.FilingNumber)) Err("filingNumber", "备案号已存在（系统中或本文件前面的行）");

            var (giver, taker) = FilingRules.RolesOf(kind);
            var parties = new List<LicenceFilingParty>();
            foreach (var (role, nameField, codeField) in new[] { (giver, "giver", "giverCode"), (taker, "taker", "takerCode") })
            {
                var name = row[nameField];
                if (name is null) { Err(nameField, "请填写当事人名称"); continue; }
                string? code = null;
                if (row[codeField] is { } raw)
                {
                    code = CreditCodes.Normalise(raw);
                    if (CreditCodes.Problem(code) is { } problem) Err(codeField, problem);
                }
                var entity = await db.Set<Registries.Entities.InnovationEntity>().AsNoTracking()
                    .Where(e => e.MergedInto == null && (code != null ? e.CreditCode == code : e.Name == name)).Select(e => new { e.Id, e.OrgUnitId }).FirstOrDefaultAsync(ct);
                parties.Add(new LicenceFilingParty { Role = role, Seq = parties.Count, Name = name, CreditCode = code, EntityId = entity?.Id, OrgUnitId = entity?.OrgUnitId });
            }

            var numbers = Split(row["patents"]).Select(n => (RightKinds.Patent, n)).Concat(Split(row["trademarks"]).Select(n => (RightKinds.Trademark, n))).ToList();
            var refs = await RightReferences.ResolveAsync(numbers, data, ct);
            var rv = new Validation();
            RightReferences.Check(rv, refs);
            foreach (var (field, messages) in ErrorsOf(rv)) Err(field.Contains("[") && refs[int.Parse(field[(field.IndexOf('[') + 1)..field.IndexOf(']')], CultureInfo.InvariantCulture)].Kind == RightKinds.Trademark ? "trademarks" : "patents", messages[0]);
            if (kind == FilingKinds.Licence)
            {
                var tv = new Validation();
                FilingRules.CheckTermWithinExpiry(tv, f.TermTo, refs.Select((r, i) => (i, r.Number, r.RightType, r.ApplicationDate)));
                foreach (var (_, messages) in ErrorsOf(tv)) foreach (var m in messages) Err("termTo", m);
            }
            if (!badRows.Contains(row.Number))
                ready.Add((f, parties, refs.Select((r, i) => new LicenceFilingRight
                {
                    Seq = i, Kind = r.Kind, Number = r.Number, RecordId = r.RecordId, Title = r.Title, RightType = r.RightType, ApplicationDate = r.ApplicationDate,
                }).ToList()));
        }
        if (errors.Count > 0) return TypedResults.Ok(new SheetImportResult(0, 0, badRows.Count, errors));

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        foreach (var (f, parties, rights) in ready) db.Set<LicenceFiling>().Add(f);
        await db.SaveChangesAsync(ct);
        foreach (var (f, parties, rights) in ready)
        {
            await CreateLicenceFiling.ReplaceChildrenAsync(db, f, parties, rights, ct);
            await FilingQueries.AddEventAsync(db, f, "import", null, $"导入已备案合同，备案号 {f.FilingNumber}", me, ct);
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        await indicators.RefreshModuleIndicatorsAsync(ct, FilingIndicator.IndicatorCode);
        return TypedResults.Ok(new SheetImportResult(ready.Count, 0, 0, []));
    }

    private static IEnumerable<KeyValuePair<string, string[]>> ErrorsOf(Validation v)
    {
        try { v.ThrowIfInvalid(); return []; }
        catch (RequestValidationException e) { return e.Errors; }
    }

    private static IEnumerable<string> Split(string? cell) =>
        (cell ?? "").Split(['、', ',', '，', ';', '；', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
