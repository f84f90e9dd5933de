using Zhichan.Api.Platform.Notifications;

namespace Zhichan.Api.Features.Registries.Agencies.Grading;

public sealed record PublishGradesRequest(int? Year);

public sealed record PublishGradesResult(int Year, int Published, DateOnly ObjectionUntil);

/// <summary>Publishes the year's draft grades; the objection window (异议期) of the rule table starts today. Each agency's account is told.</summary>
public static class PublishAgencyGrades
{
    public static async Task<Ok<PublishGradesResult>> HandleAsync(PublishGradesRequest req, ZhichanDb db, TimeProvider clock, CancellationToken ct)
    {
        if (req.Year is not { } year) throw new RequestValidationException("year", "请选择评价年度");
        var today = ChinaTime.Today(clock);
        var rules = await GradingRules.CurrentAsync(db, ct);
        var until = today.AddDays(rules.ObjectionDays);
        var drafts = await (from g in db.Set<AgencyGrading>() join a in db.Set<Agency>() on g.AgencyId equals a.Id
                            where g.Year == year && g.Status == "draft" select new { g, a }).ToListAsync(ct);
        if (drafts.Count == 0) throw new DomainException($"{year} 年度没有待发布的评价结果，请先计算");
        foreach (var x in drafts)
        {
            x.g.Status = "published";
            x.g.PublishedAt = DateTimeOffset.UtcNow;
            x.g.ObjectionUntil = until;
            if (x.a.OrgUnitId is { } unit)
                await Notifier.ToUnitAsync(db, unit, new NotificationMessage("agency_grade", $"{year} 年度分级分类评价结果已发布",
                    $"本机构评价等级 {x.g.Grade}（{x.g.Score:0.##} 分），如有异议请于 {until:yyyy-MM-dd} 前提出。", "/registries/agencies/mine",
                    "agency_gradings", x.g.Id.ToString()), ct);
        }
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new PublishGradesResult(year, drafts.Count, until));
    }
}
