using Zhichan.Api.Features.Records;

namespace Zhichan.Api.Features.Registries.Talent;

/// <summary>Changes an entry of the talent registry (bureau); someone who left keeps the row with the day they left.</summary>
public static class UpdateTalent
{
    public static async Task<Ok<TalentRow>> HandleAsync(long id, TalentRequest req, ZhichanDb db, RecordsReference reference, TimeProvider clock, CurrentUser me,
        Indicators.IndicatorComputer indicators, CancellationToken ct)
    {
        var t = await db.Set<TalentPerson>().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new DomainException($"人才 {id} 不存在", 404);
        await TalentRules.ValidateAsync(req, db, reference, ct);
        var before = TalentRules.ToRow(t, reference, ChinaTime.Today(clock));
        TalentRules.Apply(t, req);
        AuditLog.Add(db, me, "update", "talents", id.ToString(), before, req);
        await db.SaveChangesAsync(ct);
        await indicators.RefreshModuleIndicatorsAsync(ct, TalentCountIndicator.Codes);
        return TypedResults.Ok(TalentRules.ToRow(t, reference, ChinaTime.Today(clock)));
    }
}
