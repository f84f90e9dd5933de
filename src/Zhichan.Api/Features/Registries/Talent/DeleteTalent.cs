namespace Zhichan.Api.Features.Registries.Talent;

/// <summary>Removes an entry entered by mistake (bureau); someone who left is recorded with the day they left instead.</summary>
public static class DeleteTalent
{
    public static async Task<NoContent> HandleAsync(long id, ZhichanDb db, CancellationToken ct)
    {
        var t = await db.Set<TalentPerson>().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new DomainException($"人才 {id} 不存在", 404);
        db.Set<TalentPerson>().Remove(t);
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }
}
