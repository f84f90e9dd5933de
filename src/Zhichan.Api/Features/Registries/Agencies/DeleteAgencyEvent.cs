namespace Zhichan.Api.Features.Registries.Agencies;

/// <summary>Removes a wrongly recorded grading fact (e.g. after an upheld objection); the audit log keeps it.</summary>
public static class DeleteAgencyEvent
{
    public static async Task<NoContent> HandleAsync(long id, long eventId, ZhichanDb db, CancellationToken ct)
    {
        var e = await db.Set<AgencyEvent>().FirstOrDefaultAsync(x => x.Id == eventId && x.AgencyId == id, ct) ?? throw new DomainException($"评价事项 {eventId} 不存在", 404);
        db.Set<AgencyEvent>().Remove(e);
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }
}
