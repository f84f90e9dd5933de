using Zhichan.Api.Features.Records.Normalisation;
using Zhichan.Api.Features.Registries.Experts;
using Zhichan.Api.Platform.Files;

namespace Zhichan.Api.Features.Registries.Training;

/// <summary>
/// Imports an event's attendance sheet (签到表, XLSX with Chinese headers; bureau). Each row is matched to a registration by name and
/// phone, else by name and unit, else by name alone when only one registration has it; a matched registration is checked in, an
/// unmatched row becomes a registration checked in (people came who had not registered). The check-in time is the row's 签到时间,
/// or the event's first day at 9:00, and must fall within the event. Rows with an error are not stored and come back with the reason.
/// </summary>
public static class ImportTrainingAttendance
{
    public static readonly SheetColumn[] Columns =
    [
        new("name", "姓名", ["姓名", "参训人员", "参训人"], Required: true),
        new("unit", "单位", ["单位", "工作单位", "所在单位"]),
        new("phone", "手机", ["手机", "手机号", "联系电话", "电话"]),
        new("time", "签到时间", ["签到时间", "签到日期"]),
    ];

    public static async Task<Ok<SheetImportResult>> HandleAsync(long id, IFormFile? file, ZhichanDb db, CurrentUser me, TimeProvider clock,
        Indicators.IndicatorComputer indicators, CancellationToken ct)
    {
        var e = await db.Set<TrainingEvent>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new DomainException($"培训活动 {id} 不存在", 404);
        if (file is null) throw new RequestValidationException("file", "请选择签到表（Excel 文件）");
        if (e.CancelledAt is not null) throw new DomainException("培训已取消，不能导入签到");
        if (ChinaTime.Today(clock) < e.StartsOn) throw new DomainException($"培训 {e.StartsOn:yyyy-MM-dd} 开始，开始前不能导入签到");
        var bytes = await UploadedFiles.ReadAsync(file, ct) ?? throw new RequestValidationException("file", $"文件超过 {UploadedFiles.MaxFileBytes / 1024 / 1024} MB");
        var rows = SheetImport.Read(bytes, Columns);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await TrainingQueries.LockEventAsync(db, id, ct);
        var registrations = await db.Set<TrainingRegistration>().Where(r => r.EventId == id).ToListAsync(ct);
        var defaultTime = new DateTimeOffset(e.StartsOn.ToDateTime(new TimeOnly(9, 0)), TimeSpan.FromHours(8));
        var errors = new List<SheetRowError>();
        var seen = new Dictionary<string, long>();
        int created = 0, updated = 0, rejected = 0;
        foreach (var row in rows)
        {
            var rowErrors = new List<SheetRowError>();
            void Err(string field, string reason) => rowErrors.Add(new SheetRowError(row.Number, Columns.First(c => c.Field == field).Label, row[field], reason));
            var name = row["name"];
            var unit = row["unit"];
            var phone = row["phone"];
            if (name is null) Err("name", "姓名不能为空");
            else if (name.Length > 50) Err("name", "姓名不能超过 50 个字符");
            if (unit?.Length > 100) Err("unit", "单位不能超过 100 个字符");
            if (phone is not null && ExpertRules.PhoneProblem(phone) is { } pp) Err("phone", pp);
            var at = defaultTime;
            if (row["time"] is { } time)
            {
                if (ParseTime(time) is { } t) at = t;
                else Err("time", $"签到时间“{time}”无法识别（如 2026-12-07 09:30 或 2026-12-07）");
            }
            var day = DateOnly.FromDateTime(ChinaTime.Of(at));
            if (day < e.StartsOn || day > e.EndsOn) Err("time", $"签到日期 {day:yyyy-MM-dd} 不在培训日期（{e.StartsOn:yyyy-MM-dd} 至 {e.EndsOn:yyyy-MM-dd}）内");
            TrainingRegistration? match = null;
            if (name is not null)
            {
                var candidates = registrations.Where(r => r.Name == name).ToList();
                match = phone is not null && candidates.Where(r => r.Phone == phone).ToList() is [var byPhone] ? byPhone
                    : unit is not null && candidates.Where(r => r.UnitName == unit).ToList() is [var byUnit] ? byUnit
                    : phone is null && unit is null && candidates is [var only] ? only : null;
                if (match is null && phone is null && unit is null && candidates.Count > 1) Err("name", $"有 {candidates.Count} 名报名人员叫“{name}”，请填写单位或手机以区分");
                var key = AddTrainingRegistrations.Key(name, phone, unit);
                if (seen.TryGetValue(key, out var first)) Err("name", $"与第 {first} 行重复");
                else seen[key] = row.Number;
            }
            if (rowErrors.Count > 0)
            {
                errors.AddRange(rowErrors);
                rejected++;
                continue;
            }
            if (match is null)
            {
                match = new TrainingRegistration { EventId = id, Name = name!, UnitName = unit, Phone = phone, Source = RegistrationSources.Import, RegisteredBy = me.Id };
                db.Set<TrainingRegistration>().Add(match);
                registrations.Add(match);
                created++;
            }
            else if (match.CheckedInAt is null) updated++;
            else continue; // already checked in: nothing to change
            match.CheckedInAt = at.ToUniversalTime();
            match.CheckInMethod = CheckInMethods.Import;
            match.CheckedInBy = me.Id;
        }
        await db.SaveChangesAsync(ct);
        AuditLog.Add(db, me, "import", "training_registrations", id.ToString(), null, new { file = Path.GetFileName(file.FileName), created, updated, rejected });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        await indicators.RefreshModuleIndicatorsAsync(ct, TrainingAttendanceIndicator.CatalogueCode);
        return TypedResults.Ok(new SheetImportResult(created, updated, rejected, errors));
    }

    /// <summary>2026-12-07 09:30, 2026/12/7 9:30:00, an Excel date-time serial, or a date alone (then 9:00) — China time.</summary>
    internal static DateTimeOffset? ParseTime(string text)
    {
        var t = text.Trim();
        if (double.TryParse(t, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var serial) && serial is > 20000 and < 80000)
            return new DateTimeOffset(DateTime.FromOADate(serial), TimeSpan.FromHours(8));
        string[] formats = ["yyyy-MM-dd HH:mm", "yyyy-MM-dd H:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd H:mm:ss", "yyyy/M/d H:mm", "yyyy/M/d H:mm:ss", "yyyy-M-d H:mm"];
        if (DateTime.TryParseExact(t, formats, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var dt))
            return new DateTimeOffset(dt, TimeSpan.FromHours(8));
        return DateParser.TryParse(t, out var d, out _) ? new DateTimeOffset(d.ToDateTime(new TimeOnly(9, 0)), TimeSpan.FromHours(8)) : null;
    }
}
