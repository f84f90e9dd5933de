using Zhichan.Api.Features.Analysis.Navigation;
using Zhichan.Api.Features.Plans.Assessments;

namespace Zhichan.Api.Features.Portal.Reports;

/// <summary>A report on the portal.</summary>
/// <param name="Kind">navigation (a patent navigation report version) or assessment (yearly assessment results).</param>
/// <param name="Id">The version id (navigation) or the scheme id (assessment) — the download's address.</param>
/// <param name="Formats">The formats it can be read in: docx and pdf (navigation), html and pdf (assessment).</param>
public sealed record PublicReportDto(string Kind, long Id, string Title, string Subtitle, string? Issuer, DateTimeOffset PublishedAt, DateTimeOffset PublicAt,
    string[] Formats);

/// <summary>
/// 门户 · 公开报告 (anonymous, issue 25 §1, ADR 0060): the navigation report versions and the yearly assessment results the bureau
/// made public, most recently made public first; optionally one kind.
/// </summary>
public static class ListPublicReports
{
    public static async Task<Ok<Page<PublicReportDto>>> HandleAsync(string? kind, int? page, int? pageSize, NpgsqlDataSource db, CancellationToken ct)
    {
        new Validation().OneOf("kind", kind, ["navigation", "assessment"], "报告类别").ThrowIfInvalid();
        var (_, size, offset) = Paging.Of(page, pageSize, 10, 50);
        await using var conn = await db.OpenConnectionAsync(ct);
        var rows = (await conn.QueryAsync<Row>(new CommandDefinition("""
            WITH reports AS (
                SELECT 'navigation' AS kind, v.id, v.snapshot ->> 'name' AS title, v.snapshot ->> 'kind' AS sub, v.number AS year,
                       NULL::text AS issuer, v.published_at, v.public_at
                FROM navigation_versions v JOIN navigation_projects p ON p.id = v.project_id
                WHERE v.public_at IS NOT NULL AND p.org_unit_id IS NULL AND (@kind IS NULL OR @kind = 'navigation')
                UNION ALL
                SELECT 'assessment', s.id, pl.title, s.target_kind, s.year, COALESCE(pl.issuer, pl.jurisdiction_name), s.published_at, s.public_at
                FROM assessment_schemes s JOIN plans pl ON pl.id = s.plan_id
                WHERE s.public_at IS NOT NULL AND (@kind IS NULL OR @kind = 'assessment'))
            SELECT *, count(*) OVER () AS total FROM reports ORDER BY public_at DESC, kind, id DESC LIMIT @size OFFSET @offset
            """, new { kind, size, offset }, cancellationToken: ct))).ToList();
        var total = rows.Count > 0 ? rows[0].Total : offset == 0 ? 0 : await conn.ExecuteScalarAsync<long>("""
            SELECT (SELECT count(*) FROM navigation_versions v JOIN navigation_projects p ON p.id = v.project_id
                    WHERE v.public_at IS NOT NULL AND p.org_unit_id IS NULL AND (@kind IS NULL OR @kind = 'navigation'))
                 + (SELECT count(*) FROM assessment_schemes WHERE public_at IS NOT NULL AND (@kind IS NULL OR @kind = 'assessment'))
            """, new { kind });
        return TypedResults.Ok(new Page<PublicReportDto>(rows.Select(Dto).ToList(), total));
    }

    private sealed record Row(string Kind, long Id, string Title, string Sub, int Year, string? Issuer, DateTime PublishedAt, DateTime PublicAt, long Total);

    private static PublicReportDto Dto(Row r) => r.Kind == "navigation"
        ? new PublicReportDto(r.Kind, r.Id, r.Title, $"专利导航报告 · {NavigationKinds.Names.GetValueOrDefault(r.Sub, r.Sub)} · 第 {r.Year} 版", r.Issuer,
            Utc(r.PublishedAt), Utc(r.PublicAt), ["docx", "pdf"])
        : new PublicReportDto(r.Kind, r.Id, $"{r.Title} {r.Year} 年度考核结果", $"年度考核 · {AssessmentScoring.TargetKindName(r.Sub)}考核", r.Issuer,
            Utc(r.PublishedAt), Utc(r.PublicAt), ["html", "pdf"]);

    private static DateTimeOffset Utc(DateTime d) => new(DateTime.SpecifyKind(d, DateTimeKind.Utc));
}
