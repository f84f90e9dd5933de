namespace Zhichan.Api.Features.Registries.Training;

/// <param name="Attended">true: checked in now (名单签到); false: the check-in is withdrawn (not once a certificate was issued).</param>
public sealed record AttendanceRequest(long[]? RegistrationIds, bool? Attended);

/// <summary>Check-in by list (bureau): the participants ticked on the event's list are checked in, from the event's first day on.</summary>
public static class RecordTrainingAttendance
{
    public static async Task<Ok<RegistrationDto[]>> HandleAsync(long id, AttendanceRequest req, ZhichanDb db, CurrentUser me, TimeProvider clock,
        Indicators.IndicatorComputer indicators, CancellationToken ct)
    {
        var e = await db.Set<TrainingEvent>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new DomainException($"培训活动 {id} 不存在", 404);
        var ids = req.RegistrationIds ?? [];
        if (ids.Length == 0) throw new RequestValidationException("registrationIds", "请选择参训人员");
        if (ids.Length > 2000) throw new RequestValidationException("registrationIds", "一次最多 2000 人");
        var attended = req.Attended ?? true;
        if (e.CancelledAt is not null) throw new DomainException("培训已取消，不能签到");
        if (attended && ChinaTime.Today(clock) < e.StartsOn) throw new DomainException($"培训 {e.StartsOn:yyyy-MM-dd} 开始，开始前不能签到");
        var rows = await db.Set<TrainingRegistration>().Where(r => r.EventId == id && ids.Contains(r.Id)).ToListAsync(ct);
        var missing = ids.Except(rows.Select(r => r.Id)).ToList();
        if (missing.Count > 0) throw new DomainException($"报名记录 {string.Join("、", missing)} 不存在", 404);
        foreach (var r in rows)
        {
            if (attended && r.CheckedInAt is null)
            {
                r.CheckedInAt = DateTimeOffset.UtcNow;
                r.CheckInMethod = CheckInMethods.List;
                r.CheckedInBy = me.Id;
            }
            else if (!attended && r.CheckedInAt is not null)
            {
                if (r.CertificateNumber is not null) throw new DomainException($"{r.Name}已颁发证书 {r.CertificateNumber}，不能撤销签到");
                r.CheckedInAt = null;
                r.CheckInMethod = null;
                r.CheckedInBy = null;
            }
        }
        await db.SaveChangesAsync(ct);
        await indicators.RefreshModuleIndicatorsAsync(ct, TrainingAttendanceIndicator.CatalogueCode);
        return TypedResults.Ok(rows.OrderBy(r => r.Id).Select(ListTrainingRegistrations.ToDto).ToArray());
    }
}
