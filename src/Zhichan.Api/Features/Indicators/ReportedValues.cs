namespace Zhichan.Api.Features.Indicators;

/// <summary>One value a unit reported in a progress report, as stored on the report.</summary>
public sealed record ReportedValue(string Code, string RegionCode, int Year, decimal Value);

/// <summary>
/// Reported indicator values (ADR 0106): a value reported in a progress report becomes an indicator value when the bureau accepts
/// the report, with the report, the reporting unit and the acceptance as lineage. A value already there is never overwritten
/// silently: its row is copied to indicator_value_versions and the new one becomes the next value version.
/// </summary>
public static class ReportedValues
{
    /// <summary>Copies the current row of a value to its history (before it is replaced).</summary>
    public static Task ArchiveAsync(NpgsqlConnection conn, NpgsqlTransaction tx, long valueId, long? supersededByReport) => conn.ExecuteAsync("""
        INSERT INTO indicator_value_versions (value_id, value_version, value, status, note, progress_report_id, reported_by, reported_unit_id, reviewed_by,
            reviewed_at, review_comment, computed_at, superseded_by_report)
        SELECT id, value_version, value, status, note, progress_report_id, reported_by, reported_unit_id, reviewed_by, reviewed_at, review_comment, computed_at,
            @supersededByReport
        FROM indicator_values WHERE id = @valueId
        """, new { valueId, supersededByReport }, tx);

    /// <summary>
    /// Writes the values of an accepted report as accepted indicator values under the current definition version: a new row, or
    /// the next version of the existing one (the old one kept in the history). Returns the ids of the values written.
    /// </summary>
    public static async Task<List<long>> AcceptFromReportAsync(NpgsqlConnection conn, NpgsqlTransaction tx, long reportId, long orgUnitId, long authorId,
        IReadOnlyList<ReportedValue> values, CurrentUser reviewer, CancellationToken ct)
    {
        var ids = new List<long>();
        foreach (var x in values)
        {
            var def = await conn.QuerySingleOrDefaultAsync<(long Id, int Version, string Source)?>(
                "SELECT id, version, source FROM indicator_definitions WHERE code = @Code AND superseded_at IS NULL", new { x.Code }, tx);
            if (def is null || def.Value.Source == IndicatorSources.Records) continue; // refused at submission; a definition may have changed since
            var before = await conn.QuerySingleOrDefaultAsync<(long Id, decimal? Value, string Status, int ValueVersion)?>(
                "SELECT id, value, status, value_version FROM indicator_values WHERE definition_id = @Id AND region_code = @RegionCode AND year = @Year FOR UPDATE",
                new { def.Value.Id, x.RegionCode, x.Year }, tx);
            long id;
            if (before is { } b)
            {
                await ArchiveAsync(conn, tx, b.Id, reportId);
                await conn.ExecuteAsync("""
                    UPDATE indicator_values SET value = @Value, status = 'accepted', note = @note, progress_report_id = @reportId, reported_by = @authorId,
                        reported_unit_id = @orgUnitId, reviewed_by = @by, reviewed_at = now(), review_comment = NULL, computed_at = now(),
                        value_version = value_version + 1
                    WHERE id = @Id
                    """, new { x.Value, note = $"进展报告 #{reportId} 填报，审核通过", reportId, authorId, orgUnitId, by = reviewer.Id, b.Id }, tx);
                id = b.Id;
            }
            else
            {
                id = await conn.ExecuteScalarAsync<long>("""
                    INSERT INTO indicator_values (definition_id, region_code, year, value, status, note, progress_report_id, reported_by, reported_unit_id,
                        reviewed_by, reviewed_at, computed_at)
                    VALUES (@DefId, @RegionCode, @Year, @Value, 'accepted', @note, @reportId, @authorId, @orgUnitId, @by, now(), now()) RETURNING id
                    """, new { DefId = def.Value.Id, x.RegionCode, x.Year, x.Value, note = $"进展报告 #{reportId} 填报，审核通过", reportId, authorId, orgUnitId, by = reviewer.Id }, tx);
            }
            await AuditLog.WriteAsync(conn, tx, reviewer, before is null ? "create" : "new_value_version", "indicator_values", id.ToString(),
                before is null ? null : new { before.Value.Value, before.Value.Status, before.Value.ValueVersion },
                new { x.Code, def.Value.Version, x.RegionCode, x.Year, x.Value, status = "accepted", progressReportId = reportId,
                    valueVersion = (before?.ValueVersion ?? 0) + 1 }, ct);
            ids.Add(id);
        }
        return ids;
    }
}
