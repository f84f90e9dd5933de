namespace Zhichan.Api.Features.Registries.Training;

/// <summary>Withdraws the caller's own registration, as long as they have not checked in.</summary>
public static class CancelMyTrainingRegistration
{
    public static async Task<NoContent> HandleAsync(long id, ZhichanDb db, CurrentUser me, CancellationToken ct)
    {
        var r = await db.Set<TrainingRegistration>().FirstOrDefaultAsync(x => x.EventId == id && x.UserId == me.Id, ct)
            ?? throw new DomainException("您没有报名本次培训", 404);
        if (r.CheckedInAt is not null) throw new DomainException("已签到，不能取消报名");
        db.Set<TrainingRegistration>().Remove(r);
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }
}
