namespace Zhichan.Api.Features.Registries.Agencies.Inspections;

public sealed record InspectionRulesView(InspectionRulesDto Current, InspectionRulesDto[] History);

/// <summary>The draw rules in force and their earlier versions.</summary>
public static class GetInspectionRules
{
    public static async Task<Ok<InspectionRulesView>> HandleAsync(ZhichanDb db, CancellationToken ct)
    {
        var current = await InspectionRules.CurrentAsync(db, ct);
        var history = (await db.Set<InspectionRuleRow>().AsNoTracking().OrderByDescending(r => r.Version).ToListAsync(ct)).Select(InspectionRules.FromRow).ToArray();
        return TypedResults.Ok(new InspectionRulesView(current, history));
    }
}
