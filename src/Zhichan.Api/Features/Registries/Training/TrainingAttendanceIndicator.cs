using Zhichan.Api.Features.Indicators;
using Zhichan.Api.Platform.Security;

namespace Zhichan.Api.Features.Registries.Training;

/// <summary>
/// 知识产权培训人次 (catalogue code training_attendance, ADR 0027): the check-ins of the year (China time) at events that were not
/// cancelled, by the event's region — a check-in counts once in the event's county, city and province. One person at two events
/// is two 人次; a registration without check-in is none. The rows behind a value are the check-ins themselves (names masked).
/// </summary>
public sealed class TrainingAttendanceIndicator : IModuleIndicator
{
    public const string CatalogueCode = "training_attendance";

    public string Code => CatalogueCode;

    private const string Base = """
        SELECT r.id, r.name, r.unit_name, r.checked_in_at, e.id AS event_id, e.title, e.hours,
               extract(year FROM r.checked_in_at AT TIME ZONE 'Asia/Shanghai')::int AS y, v.code
        FROM training_registrations r JOIN training_events e ON e.id = r.event_id
        CROSS JOIN LATERAL (SELECT DISTINCT code FROM (VALUES (substr(e.region_code, 1, 2) || '0000'), (substr(e.region_code, 1, 4) || '00'), (e.region_code)) l(code)) v
        WHERE r.checked_in_at IS NOT NULL AND e.cancelled_at IS NULL
        """;

    public async Task<IReadOnlyList<ModuleIndicatorValue>> ComputeAsync(NpgsqlConnection conn, CancellationToken ct) =>
        (await conn.QueryAsync<(string Code, int Y, long N)>(new CommandDefinition($"SELECT code, y, count(*) FROM ({Base}) b GROUP BY code, y ORDER BY code, y",
            cancellationToken: ct)))
        .Select(x => new ModuleIndicatorValue(x.Code, x.Y, x.N, "培训签到人次（按培训举办地，同一人参加多次培训计多人次）")).ToList();

    public async Task<ModuleIndicatorRows> RowsAsync(NpgsqlConnection conn, string regionCode, int year, int offset, int limit, CancellationToken ct)
    {
        var args = new { regionCode, year, offset, limit };
        var total = await conn.ExecuteScalarAsync<long>(new CommandDefinition($"SELECT count(*) FROM ({Base}) b WHERE code = @regionCode AND y = @year", args,
            cancellationToken: ct));
        var rows = await conn.QueryAsync<(long Id, string Name, string? UnitName, DateTime CheckedInAt, long EventId, string Title, decimal Hours)>(
            new CommandDefinition($"""
                SELECT id, name, unit_name, checked_in_at, event_id, title, hours FROM ({Base}) b WHERE code = @regionCode AND y = @year
                ORDER BY checked_in_at, id OFFSET @offset LIMIT @limit
                """, args, cancellationToken: ct));
        return new ModuleIndicatorRows(total, rows.Select(r => new ModuleIndicatorRow("培训签到", r.Id,
            Masking.MaskName(r.Name, Masking.LooksLikePersonName(r.Name)) + (r.UnitName is null ? "" : $"（{r.UnitName}）"),
            $"{r.Title}，{r.Hours:0.#} 学时", DateOnly.FromDateTime(ChinaTime.Of(new DateTimeOffset(DateTime.SpecifyKind(r.CheckedInAt, DateTimeKind.Utc)))),
            $"/registries/training/{r.EventId}")).ToList());
    }
}
