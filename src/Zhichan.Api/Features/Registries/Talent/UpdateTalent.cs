using Zhichan.Api.Features.Records;

namespace Zhichan.Api.Features.Registries.Talent;

/// <summary>Changes an entry of the talent registry (bureau); someone who left keeps the row with the day they left.</summary>
public static class UpdateTalent
{
    public static async Task<Ok<TalentRow>> HandleAsync(long id, TalentRequest req, ZhichanDb db, RecordsReference reference, TimeProvider clock, CancellationToken ct)
    {
        var t = await db.Set<TalentPerson>().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new DomainException($"人才 {id} 不存在", 404);
        await TalentRules.ValidateAsync(req, db, reference, ct);
        TalentRules.Apply(t, req);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(TalentRules.ToRow(t, reference, ChinaTime.Today(clock)));
    }
}
