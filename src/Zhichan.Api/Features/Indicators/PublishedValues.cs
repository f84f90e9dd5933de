namespace Zhichan.Api.Features.Indicators;

/// <summary>
/// Figures official sources have published (统计公报, a bureau's 年度数据, a province's statistics releases), entered as accepted
/// indicator values with their source, date and the period they cover (ADR 0113). Read from the embedded seed
/// Seeds/published-values.json at every start; a value already stored for the indicator, region and year — computed, reported
/// or published — is never overwritten, and the computation never replaces a published value.
/// </summary>
public sealed class PublishedValuesLoader(NpgsqlDataSource db, ZhichanOptions options, ILogger<PublishedValuesLoader> log) : IStartupTask
{
    public int Order => 45;

    private sealed record Seed(string? Description, List<Published> Values);
    private sealed record Published(string IndicatorCode, string RegionCode, int Year, decimal Value, string? Period, PublishedSource Source);
    private sealed record PublishedSource(string Title, string? Url, DateOnly? Date);

    public async Task RunAsync(CancellationToken ct)
    {
        if (!options.LoadDemo) return;
        var seed = EmbeddedSeeds.Read<Seed>("Indicators", "published-values.json");
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var added = 0;
        foreach (var v in seed.Values)
        {
            var id = await conn.ExecuteScalarAsync<long?>("""
                INSERT INTO indicator_values (definition_id, region_code, year, value, status, note, source_title, source_url, source_date, period_note,
                    computed_at, reviewed_at)
                SELECT d.id, @RegionCode, @Year, @Value, 'accepted', @note, @title, @url, @date, @Period, now(), now()
                FROM indicator_definitions d WHERE d.code = @IndicatorCode AND d.superseded_at IS NULL
                  AND EXISTS (SELECT 1 FROM ref_regions r WHERE r.code = @RegionCode)
                ON CONFLICT (definition_id, region_code, year) DO NOTHING
                RETURNING id
                """, new
            {
                v.RegionCode, v.Year, v.Value, v.Period, v.IndicatorCode, title = v.Source.Title, url = v.Source.Url, date = v.Source.Date,
                note = $"据公开发布的数据录入（{v.Period ?? v.Year + "年"}）：{v.Source.Title}",
            }, tx);
            if (id is null) continue;
            added++;
            await AuditLog.WriteAsync(conn, tx, CurrentUser.System, "publish_import", "indicator_values", id.ToString(), null,
                new { v.IndicatorCode, v.RegionCode, v.Year, v.Value, v.Period, source = v.Source.Title, v.Source.Url }, ct);
        }
        await tx.CommitAsync(ct);
        if (added > 0) log.LogInformation("Entered {Count} published indicator values with their sources", added);
    }
}
