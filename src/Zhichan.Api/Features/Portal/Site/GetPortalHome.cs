using Microsoft.Extensions.DependencyInjection;
using Zhichan.Api.Features.Indicators;
using Zhichan.Api.Features.Plans;
using Zhichan.Api.Features.Portal.Content;
using Zhichan.Api.Features.Programmes;
using Zhichan.Api.Features.Programmes.Outcomes;

namespace Zhichan.Api.Features.Portal.Site;

/// <summary>
/// The portal's home (stable operation id, anonymous) in one request: the jurisdiction's key figures with their yearly series
/// and sources, the plan in force with each goal's published progress, the latest news and policy documents, the open calls
/// and the 公示. Served from <see cref="PortalHomeCache"/> while nothing it shows has changed (ADR 0057).
/// </summary>
public static class GetPortalHome
{
    /// <summary>The figures of the home, in order: filings, grants, 每万人口发明专利拥有量, trademarks, pledges.</summary>
    public static readonly string[] FigureCodes = ["invention_applications", "invention_grants", "invention_per_10k", "valid_trademarks", "pledge_financing_amount"];

    private const int ListSize = 5;

    public static async Task<Ok<PortalHomeDto>> HandleAsync([FromKeyedServices(DataSources.Read)] NpgsqlDataSource db, ZhichanDb ef, PortalHomeCache cache, TimeProvider clock, CancellationToken ct)
    {
        var today = ChinaTime.Today(clock);
        string key;
        await using (var conn = await db.OpenConnectionAsync(ct))
            key = await conn.ExecuteScalarAsync<string>(PortalHomeCache.KeySql, new { today }) ?? "";
        return TypedResults.Ok(await cache.GetAsync(key, () => BuildAsync(db, ef, clock, today, ct)));
    }

    private static async Task<PortalHomeDto> BuildAsync(NpgsqlDataSource db, ZhichanDb ef, TimeProvider clock, DateOnly today, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var region = await conn.ExecuteScalarAsync<string?>("SELECT region_code FROM org_units WHERE kind = 'bureau' AND region_code IS NOT NULL ORDER BY id LIMIT 1");
        var name = region is null ? "本辖区" : await conn.ExecuteScalarAsync<string?>("SELECT name FROM ref_regions WHERE code = @region", new { region }) ?? region;
        var latestYear = await conn.ExecuteScalarAsync<int?>("SELECT extract(year FROM max(application_date))::int FROM records");
        var computedAt = await conn.ExecuteScalarAsync<DateTime?>("SELECT max(finished_at) FROM indicator_computations");
        var figures = region is null ? [] : await PortalFigures.LoadAsync(conn, FigureCodes, region);

        var anonymous = new CurrentUser();
        var plan = (await PlanQueries.SummariesAsync(conn, anonymous, today)).Where(p => p.OwnJurisdiction)
            .OrderBy(p => p.Status == PlanStatuses.Current ? 0 : p.Status == PlanStatuses.Ended ? 1 : 2).ThenByDescending(p => p.PeriodEnd).FirstOrDefault();
        IReadOnlyList<GoalDto> goals = plan is null ? [] : await GoalProgress.LoadAsync(conn, plan, today);
        var goalsNote = plan is null ? "本辖区尚未录入知识产权强市建设方案" : null;

        var published = ef.Set<PortalContent>().AsNoTracking().Where(c => c.Status == ContentStatuses.Published);
        var news = await published.Where(c => c.Kind == ContentKinds.News).OrderByDescending(c => c.PublishedAt).Take(ListSize).ToListAsync(ct);
        var policies = await published.Where(c => c.Kind == ContentKinds.Policy).OrderByDescending(c => c.PublishedAt).Take(ListSize).ToListAsync(ct);

        // the calls and 公示 exactly as their own public pages list them
        var programmes = (await ListProgrammes.HandleAsync(ef, anonymous, clock, ct)).Value ?? [];
        var calls = programmes.SelectMany(p => p.Calls.Select(c => new PortalCallDto(c.Id, p.Name, c.Title, c.Year, c.ApplyFrom, c.ApplyTo, c.IsExample)))
            .OrderByDescending(c => c.ApplyFrom).ThenByDescending(c => c.Id).Take(ListSize).ToList();
        var notices = ((await ListPublicityNotices.HandleAsync(ef, clock, ct)).Value ?? [])
            .Take(ListSize).Select(n => new PortalNoticeDto(n.CallId, n.ProgrammeName, n.CallTitle, n.IsExample, n.From, n.To, n.Open, n.Items.Count)).ToList();

        return new PortalHomeDto(region, name, latestYear, computedAt, figures,
            plan is null ? null : new PortalPlanDto(plan.Id, plan.Title, plan.Issuer, plan.PeriodStart, plan.PeriodEnd, plan.StatusName),
            goals, goalsNote, news.Select(ContentQueries.Summary).ToList(), policies.Select(ContentQueries.Summary).ToList(), calls, notices, clock.GetUtcNow());
    }
}
