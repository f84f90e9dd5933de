using Zhichan.Api.Features.Records;

namespace Zhichan.Api.Features.Registries.Talent;

/// <summary>Adds a person to the talent registry (bureau).</summary>
public static class CreateTalent
{
    public static async Task<Created<TalentRow>> HandleAsync(TalentRequest req, ZhichanDb db, CurrentUser me, RecordsReference reference, TimeProvider clock,
        Indicators.IndicatorComputer indicators, CancellationToken ct)
    {
        await TalentRules.ValidateAsync(req, db, reference, ct);
        var t = new TalentPerson { CreatedBy = me.Id };
        TalentRules.Apply(t, req);
        db.Set<TalentPerson>().Add(t);
        await db.SaveChangesAsync(ct);
        AuditLog.Add(db, me, "create", "talents", t.Id.ToString(), null, req);
        await db.SaveChangesAsync(ct);
        await indicators.RefreshModuleIndicatorsAsync(ct, TalentCountIndicator.Codes);
        return TypedResults.Created($"/api/registries/talent/{t.Id}", TalentRules.ToRow(t, reference, ChinaTime.Today(clock)));
    }
}
