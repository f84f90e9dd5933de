namespace Zhichan.Api.Features.Registries.Agencies.Grading;

public sealed record ComputeGradesRequest(int? Year);

public sealed record ComputeGradesResult(int Year, int RuleVersion, int Computed, int KeptPublished, GradingDto[] Gradings);

/// <summary>
/// Computes the year's grades of every registered agency under the current rule table. Drafts are recomputed; published
/// grades are kept (they change only through an objection, ADR 0024).
/// </summary>
public static class ComputeAgencyGrades
{
    public static async Task<Ok<ComputeGradesResult>> HandleAsync(ComputeGradesRequest req, ZhichanDb db, CurrentUser me, TimeProvider clock, CancellationToken ct)
    {
        var today = ChinaTime.Today(clock);
        if (req.Year is not { } year || year < 2000 || year > today.Year) throw new RequestValidationException("year", $"评价年度应在 2000 至 {today.Year} 之间");
        var rules = await GradingRules.CurrentAsync(db, ct);
        var yearEnd = new DateOnly(year, 12, 31);
        var agencies = await db.Set<Agency>().Where(a => a.Status == "active" || (a.CancelledOn != null && a.CancelledOn > yearEnd)).OrderBy(a => a.Id).ToListAsync(ct);
        var existing = await db.Set<AgencyGrading>().Where(g => g.Year == year && g.Status != "superseded").ToDictionaryAsync(g => g.AgencyId, ct);
        int computed = 0, kept = 0;
        foreach (var a in agencies)
        {
            if (a.RegisteredOn is { } reg && reg > yearEnd) continue;
            var fresh = await GradingViews.ComputeAsync(db, a, year, rules, today, me.Id, ct);
            if (existing.TryGetValue(a.Id, out var old))
            {
                if (old.Status == "published") { kept++; continue; }
                (old.Score, old.Grade, old.Breakdown, old.RuleVersion, old.ComputedAt, old.ComputedBy) =
                    (fresh.Score, fresh.Grade, fresh.Breakdown, fresh.RuleVersion, DateTimeOffset.UtcNow, me.Id);
            }
            else db.Set<AgencyGrading>().Add(fresh);
            computed++;
        }
        await db.SaveChangesAsync(ct);
        var list = await GradingViews.LoadAsync(db, db.Set<AgencyGrading>().Where(g => g.Year == year && g.Status != "superseded"), today, ct);
        return TypedResults.Ok(new ComputeGradesResult(year, rules.Version, computed, kept, list));
    }
}
