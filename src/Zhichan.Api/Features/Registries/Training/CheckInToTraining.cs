namespace Zhichan.Api.Features.Registries.Training;

public sealed record CheckInRequest(string? Token);

/// <param name="WalkIn">The participant had not registered and was registered on the spot (enterprise, agency and expert accounts).</param>
public sealed record CheckInResult(long EventId, string Title, string Name, DateTimeOffset CheckedInAt, bool AlreadyCheckedIn, bool WalkIn, decimal Hours);

/// <summary>
/// A signed-in participant checks in with the token of the event's QR code (扫码签到). The token must be valid and unexpired and the
/// event under way; the caller's own registration is checked in, or — for the accounts that register themselves, while places are
/// left — a walk-in registration is made. Checking in twice answers the first check-in.
/// </summary>
public static class CheckInToTraining
{
    public static async Task<Ok<CheckInResult>> HandleAsync(CheckInRequest req, ZhichanDb db, CurrentUser me, TrainingCheckInTokens tokens, TimeProvider clock,
        Indicators.IndicatorComputer indicators, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(req.Token) || req.Token.Length > 2000) throw new RequestValidationException("token", "签到码缺失，请重新扫描二维码");
        if (tokens.Read(req.Token.Trim(), out _) is not { } eventId) throw new RequestValidationException("token", "签到码无效或已过期，请向工作人员索取新的二维码");
        var e = await db.Set<TrainingEvent>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == eventId, ct) ?? throw new DomainException("培训活动不存在", 404);
        var today = ChinaTime.Today(clock);
        if (e.CancelledAt is not null) throw new DomainException("培训已取消");
        if (today < e.StartsOn) throw new DomainException($"培训 {e.StartsOn:yyyy-MM-dd} 开始，请届时签到");
        if (today > e.EndsOn) throw new DomainException("培训已结束，不能再扫码签到");
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await TrainingQueries.LockEventAsync(db, eventId, ct);
        var r = await db.Set<TrainingRegistration>().FirstOrDefaultAsync(x => x.EventId == eventId && x.UserId == me.Id, ct);
        if (r?.CheckedInAt is { } at) return TypedResults.Ok(new CheckInResult(e.Id, e.Title, r.Name, at, true, false, e.Hours));
        var walkIn = r is null;
        if (r is null)
        {
            if (me.Role is not { } role || !TrainingQueries.SelfRegisteringRoles.Contains(role))
                throw new DomainException("您不在本次培训的参训名单中，请联系工作人员登记");
            var registered = await db.Set<TrainingRegistration>().CountAsync(x => x.EventId == eventId, ct);
            if (e.Capacity is { } cap && registered >= cap) throw new DomainException($"您未报名本次培训，且名额已满（{cap} 人），请联系工作人员");
            r = await RegisterForTraining.SelfAsync(db, me, eventId, RegistrationSources.WalkIn, ct);
            db.Set<TrainingRegistration>().Add(r);
        }
        r.CheckedInAt = DateTimeOffset.UtcNow;
        r.CheckInMethod = CheckInMethods.Qr;
        r.CheckedInBy = me.Id;
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        await indicators.RefreshModuleIndicatorsAsync(ct, TrainingAttendanceIndicator.CatalogueCode);
        return TypedResults.Ok(new CheckInResult(e.Id, e.Title, r.Name, r.CheckedInAt.Value, false, walkIn, e.Hours));
    }
}
