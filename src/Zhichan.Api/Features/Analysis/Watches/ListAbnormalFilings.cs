using System.Text.Json;

namespace Zhichan.Api.Features.Analysis.Watches;

/// <summary>
/// The 非正常申请 screening list for the bureau: groups of near-identical titles one applicant filed within a short time, the
/// largest first, each with its records and titles as the evidence and the rule that found it.
/// </summary>
public static class ListAbnormalFilings
{
    public sealed record AbnormalFilingRecord(long Id, string? ApplicationNumber, DateOnly? ApplicationDate, string? Title);

    public sealed record AbnormalFilingGroupDto(long Id, string Applicant, string? RegionCode, string? RegionName, DateOnly FirstDate, DateOnly LastDate, int RecordCount,
        decimal MinSimilarity, string SampleTitle, ScreeningRule Rule, DateTimeOffset FoundAt, IReadOnlyList<AbnormalFilingRecord> Records);

    public sealed record AbnormalFilingPage(IReadOnlyList<AbnormalFilingGroupDto> Items, long Total, ScreeningRule Rule);

    public static async Task<Ok<AbnormalFilingPage>> HandleAsync(string? applicant, int? page, int? pageSize, ZhichanDb db, NpgsqlDataSource data, ZhichanOptions options,
        CancellationToken ct)
    {
        var (_, size, offset) = Paging.Of(page, pageSize, 20, 100);
        var q = db.Set<AbnormalFilingGroup>().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(applicant)) q = q.Where(g => g.Applicant.Contains(applicant.Trim()));
        var total = await q.LongCountAsync(ct);
        var rows = await q.OrderByDescending(g => g.RecordCount).ThenByDescending(g => g.FoundAt).ThenBy(g => g.Id).Skip(offset).Take(size).ToListAsync(ct);
        var ids = rows.SelectMany(g => g.RecordIds).Distinct().ToArray();
        var regions = rows.Select(g => g.RegionCode).OfType<string>().Distinct().ToArray();
        await using var conn = await data.OpenConnectionAsync(ct);
        var records = (await conn.QueryAsync<AbnormalFilingRecord>(new CommandDefinition(
            "SELECT id, application_number, application_date, title FROM records WHERE id = ANY(@ids)", new { ids }, cancellationToken: ct))).ToDictionary(r => r.Id);
        var names = (await conn.QueryAsync<(string, string)>(new CommandDefinition("SELECT code, name FROM ref_regions WHERE code = ANY(@regions)", new { regions }, cancellationToken: ct)))
            .ToDictionary(x => x.Item1, x => x.Item2);
        var web = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        var items = rows.Select(g => new AbnormalFilingGroupDto(g.Id, g.Applicant, g.RegionCode, g.RegionCode is { } rc ? names.GetValueOrDefault(rc) : null, g.FirstDate, g.LastDate,
            g.RecordCount, g.MinSimilarity, g.SampleTitle, JsonSerializer.Deserialize<ScreeningRule>(g.Rule, web)!, g.FoundAt,
            g.RecordIds.Select(id => records.GetValueOrDefault(id)).OfType<AbnormalFilingRecord>().OrderBy(r => r.ApplicationDate).ThenBy(r => r.Id).ToList())).ToList();
        return TypedResults.Ok(new AbnormalFilingPage(items, total, new ScreeningRule(options.ScreeningMinFilings, options.ScreeningDays, options.ScreeningSimilarityPct)));
    }
}
