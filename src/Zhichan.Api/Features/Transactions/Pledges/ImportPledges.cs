using Zhichan.Api.Platform.Workflow;
using Zhichan.Api.Features.Indicators;
using Zhichan.Api.Features.Registries.Entities;
using Zhichan.Api.Features.Registries.Experts;
using Zhichan.Api.Features.Transactions.Rights;
using Zhichan.Api.Platform.Files;

namespace Zhichan.Api.Features.Transactions.Pledges;

/// <summary>
/// Imports existing pledges from an XLSX sheet with Chinese headers (bureau): pledgor (an entity of the register, by name), pledgee
/// (a bank unit, by name), the rights (patent or trademark numbers separated by 、；, or spaces), amount, term, registration number and
/// date, state. A row whose registration number is already registered updates nothing and is reported; rows with an error are not stored.
/// </summary>
public static class ImportPledges
{
    public static readonly SheetColumn[] Columns =
    [
        new("pledgor", "出质人", ["出质人", "出质企业"], Required: true),
        new("bank", "质权人", ["质权人", "质权银行", "金融机构"], Required: true),
        new("patents", "专利号", ["专利号", "专利申请号", "质押专利"]),
        new("trademarks", "商标注册号", ["商标注册号", "商标号", "质押商标"]),
        new("amount", "担保金额（元）", ["担保金额（元）", "担保金额", "融资金额（元）"], Required: true),
        new("termFrom", "借款起始日", ["借款起始日", "起始日"], Required: true),
        new("termTo", "借款到期日", ["借款到期日", "到期日"], Required: true),
        new("registrationNumber", "质押登记号", ["质押登记号", "登记号"], Required: true),
        new("registeredOn", "登记日期", ["登记日期", "登记生效日"], Required: true),
        new("state", "状态", ["状态"]),
        new("releasedOn", "注销日期", ["注销日期"]),
        new("note", "备注", ["备注"]),
    ];

    private static readonly string[] Importable = [PledgeStates.Effective, PledgeStates.Changed, PledgeStates.Released];

    public static async Task<Ok<SheetImportResult>> HandleAsync(IFormFile? file, ZhichanDb db, NpgsqlDataSource ds, CurrentUser me, IndicatorComputer indicators,
        CancellationToken ct)
    {
        if (file is null) throw new RequestValidationException("file", "请选择质押清单（Excel 文件）");
        var bytes = await UploadedFiles.ReadAsync(file, ct) ?? throw new RequestValidationException("file", $"文件超过 {UploadedFiles.MaxFileBytes / 1024 / 1024} MB");
        var rows = SheetImport.Read(bytes, Columns);
        var banks = await db.OrgUnits.AsNoTracking().Where(u => u.Kind == OrgUnitKinds.Bank).ToDictionaryAsync(u => u.Name, u => u.Id, ct);
        var errors = new List<SheetRowError>();
        var seen = new Dictionary<string, long>();
        int created = 0, rejected = 0;
        foreach (var row in rows)
        {
            var rowErrors = new List<SheetRowError>();
            void Err(string field, string reason) => rowErrors.Add(new SheetRowError(row.Number, Columns.First(c => c.Field == field).Label, row[field], reason));
            var name = row["pledgor"];
            var entity = name is null ? null : await db.Set<InnovationEntity>().AsNoTracking().FirstOrDefaultAsync(e => e.Name == name && e.MergedInto == null, ct);
            if (name is not null && entity is null) Err("pledgor", $"出质人“{name}”不在创新主体库中（请先在主体库登记）");
            long? bank = row["bank"] is { } b ? banks.TryGetValue(b, out var id) ? id : null : null;
            if (row["bank"] is { } bn && bank is null) Err("bank", $"质权人“{bn}”不是平台登记的金融机构");
            var amount = decimal.TryParse(row["amount"]?.Replace(",", ""), out var a) ? a : (decimal?)null;
            if (amount is null) Err("amount", "担保金额应为数字（元）");
            else if (amount <= 0 || decimal.Round(amount.Value, 2) != amount) Err("amount", "担保金额应大于 0，最多两位小数");
            var from = ExpertSheet.Date(row["termFrom"], "借款起始日", r => Err("termFrom", r));
            var to = ExpertSheet.Date(row["termTo"], "借款到期日", r => Err("termTo", r));
            if (from is { } f && to is { } t && t < f) Err("termTo", "到期日早于起始日");
            var registeredOn = ExpertSheet.Date(row["registeredOn"], "登记日期", r => Err("registeredOn", r));
            var releasedOn = ExpertSheet.Date(row["releasedOn"], "注销日期", r => Err("releasedOn", r));
            var number = row["registrationNumber"];
            if (number?.Length > 50) Err("registrationNumber", "质押登记号不能超过 50 个字符");
            else if (number is not null && seen.TryGetValue(number, out var first)) Err("registrationNumber", $"与第 {first} 行的质押登记号相同");
            else if (number is not null && await db.Set<Pledge>().AnyAsync(p => p.RegistrationNumber == number, ct)) Err("registrationNumber", $"质押登记号“{number}”已登记");
            if (number is not null) seen.TryAdd(number, row.Number);
            var state = row["state"] is { } st ? PledgeStates.Labels.FirstOrDefault(l => l.Value == st || l.Key == st).Key : PledgeStates.Effective;
            if (state is null || !Importable.Contains(state)) Err("state", $"状态“{row["state"]}”应为：登记生效、变更 或 注销（违约与处置请在平台办理）");
            if (state == PledgeStates.Released && releasedOn is null) Err("releasedOn", "注销的质押请填写注销日期");
            if (row["note"]?.Length > 1000) Err("note", "备注不能超过 1000 个字符");
            var input = Split(row["patents"]).Select(n => (RightKinds.Patent, n)).Concat(Split(row["trademarks"]).Select(n => (RightKinds.Trademark, n))).ToList();
            var refs = await RightReferences.ResolveAsync(input, ds, ct);
            if (refs.Count == 0) Err("patents", "请至少填写一项专利号或商标注册号");
            foreach (var r in refs.Where(r => !r.IsValid)) Err(r.Kind == RightKinds.Patent ? "patents" : "trademarks", r.Error!);
            if (rowErrors.Count > 0)
            {
                errors.AddRange(rowErrors);
                rejected++;
                continue;
            }
            var p = new Pledge
            {
                EntityId = entity!.Id, BankUnitId = bank!.Value, Amount = amount!.Value, TermFrom = from!.Value, TermTo = to!.Value, RegistrationNumber = number,
                RegisteredOn = registeredOn, State = state!, ReleasedOn = state == PledgeStates.Released ? releasedOn : null, RegionCode = entity.RegionCode,
                Source = "import", Note = row["note"], CreatedBy = me.Id,
            };
            db.Set<Pledge>().Add(p);
            await db.SaveChangesAsync(ct);
            CreatePledge.AddRights(db, p.Id, refs.DistinctBy(r => (r.Kind, r.Number)));
            db.Set<PledgeEvent>().Add(new PledgeEvent { PledgeId = p.Id }.Of<PledgeEvent>("import", null, p.State, me, $"导入自“{Path.GetFileName(file.FileName)}”第 {row.Number} 行"));
            created++;
        }
        AuditLog.Add(db, me, "import", "pledges", null, null, new { file = Path.GetFileName(file.FileName), created, rejected });
        await db.SaveChangesAsync(ct);
        await indicators.RefreshModuleIndicatorsAsync(ct, PledgeIndicator.Codes);
        return TypedResults.Ok(new SheetImportResult(created, 0, rejected, errors));
    }

    private static IEnumerable<string> Split(string? cell) =>
        (cell ?? "").Split(['、', '；', ';', ',', '，', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
