namespace Zhichan.Api.Features.Registries.Talent;

/// <summary>Removes an entry entered by mistake (bureau); someone who left is recorded with the day they left instead.</summary>
public static class DeleteTalent
{
    public static async Task<NoContent> HandleAsync(long id, ZhichanDb db, CurrentUser me, Indicators.IndicatorComputer indicators, CancellationToken ct)
    {
        var t = await db.Set<TalentPerson>().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new DomainException($"人才 {id} 不存在", 404);
        db.Set<TalentPerson>().Remove(t);
        AuditLog.Add(db, me, "delete", "talents", id.ToString(), new { t.Name, t.Category, t.UnitName, t.RegionCode }, null);
        await db.SaveChangesAsync(ct);
        await indicators.RefreshModuleIndicatorsAsync(ct, TalentCountIndicator.Codes);
        return TypedResults.NoContent();
    }
}
