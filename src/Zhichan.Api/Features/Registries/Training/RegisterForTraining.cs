using Zhichan.Api.Features.Records;

namespace Zhichan.Api.Features.Registries.Training;

/// <summary>
/// An enterprise, agency or expert user registers themself for an event: the account's name, unit and phone are the registration.
/// Refused when the event is cancelled, closed, over or full, and for accounts the bureau registers by list.
/// </summary>
public static class RegisterForTraining
{
    public static async Task<Ok<TrainingEventDto>> HandleAsync(long id, ZhichanDb db, CurrentUser me, RecordsReference reference, TimeProvider clock,
        CancellationToken ct)
    {
        if (me.Role is not { } role || !TrainingQueries.SelfRegisteringRoles.Contains(role))
            throw new DomainException("本账号不能自行报名，请由知识产权局登记参训名单", 403, "无权访问");
        var e = await TrainingQueries.FindVisibleAsync(db, me, id, ct);
        var today = ChinaTime.Today(clock);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await TrainingQueries.LockEventAsync(db, id, ct);
        if (await db.Set<TrainingRegistration>().AnyAsync(r => r.EventId == id && r.UserId == me.Id, ct)) throw new DomainException("您已报名本次培训");
        var registered = await db.Set<TrainingRegistration>().CountAsync(r => r.EventId == id, ct);
        if (TrainingQueries.RegistrationBlocked(e, registered, today) is { } blocked) throw new DomainException($"不能报名：{blocked}");
        db.Set<TrainingRegistration>().Add(await SelfAsync(db, me, id, RegistrationSources.Self, ct));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return TypedResults.Ok((await TrainingQueries.ToDtosAsync(db, me, [e], reference, today, ct))[0]);
    }

    /// <summary>A registration of the caller's own account (name, unit, phone as the account has them).</summary>
    internal static async Task<TrainingRegistration> SelfAsync(ZhichanDb db, CurrentUser me, long eventId, string source, CancellationToken ct)
    {
        var u = await db.Users.AsNoTracking().Where(x => x.Id == me.Id)
            .Select(x => new { x.DisplayName, x.Phone, x.OrgUnitId, Unit = x.OrgUnit != null ? x.OrgUnit.Name : null }).FirstAsync(ct);
        return new TrainingRegistration
        {
            EventId = eventId, UserId = me.Id, OrgUnitId = u.OrgUnitId, Name = u.DisplayName, UnitName = u.Unit, Phone = u.Phone, Source = source,
            RegisteredBy = me.Id,
        };
    }
}
