using System.Diagnostics;
using System.Text.Json;
using Microsoft.EntityFrameworkCore.Storage;
using Zhichan.Api.Features.Records;
using Zhichan.Api.Features.Records.SavedSearches;
using Zhichan.Api.Features.Records.Search;
using Zhichan.Api.Features.Transactions.Custody;
using Zhichan.Api.Platform.Notifications;

namespace Zhichan.Api.Features.Analysis.Watches;

/// <summary>What one evaluation did.</summary>
public sealed record WatchEvaluationResult(int Watches, int Hits, int Notifications, int ScreeningGroups, long RecordsUpTo, long EventsUpTo, long Ms);

/// <summary>
/// Evaluates every active watch against what arrived since its marks (ADR 0047) and runs the 非正常申请 screening (ADR 0048), in
/// one transaction under the <see cref="AdvisoryLocks.WatchEvaluation"/> lock: the alerts, their notifications (mailed by the
/// mail job to users who have e-mail on) and the moved marks are committed together, so a run that fails fires nothing and
/// moves nothing, and a second run finds nothing new.
/// </summary>
public sealed class WatchEvaluator(IServiceScopeFactory scopes, NpgsqlDataSource data, ZhichanOptions options, TimeProvider clock, ILogger<WatchEvaluator> log)
{
    /// <summary>The most records or events an alert lists as its evidence (the count says how many there were).</summary>
    public const int MaxEvidence = 500;

    public const string NotificationType = "analysis.watch";
    public const string ScreeningNotificationType = "analysis.screening";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static readonly string[] EntityEventCodes =
        [LegalEventCodes.Granted, LegalEventCodes.Assigned, LegalEventCodes.Licensed, LegalEventCodes.Pledged, LegalEventCodes.PartiallyInvalidated, .. LegalEventCodes.Lapses];

    private sealed record Found(Watch Watch, string Kind, string Summary, int Count, WatchEvidence Evidence, string Key);

    public async Task<WatchEvaluationResult> RunAsync(bool fullScreening, CancellationToken ct)
    {
        var sw = Stopwatch.StartNew();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ZhichanDb>();
        await using var efTx = await db.Database.BeginTransactionAsync(ct);
        var conn = (NpgsqlConnection)db.Database.GetDbConnection();
        var tx = (NpgsqlTransaction)efTx.GetDbTransaction();
        await conn.ExecuteAsync(new CommandDefinition(AdvisoryLocks.XactLock(AdvisoryLocks.WatchEvaluation), transaction: tx, cancellationToken: ct));
        var maxRecord = await conn.ExecuteScalarAsync<long>(new CommandDefinition("SELECT COALESCE(max(id), 0) FROM records", transaction: tx, cancellationToken: ct));
        var maxEvent = await conn.ExecuteScalarAsync<long>(new CommandDefinition("SELECT COALESCE(max(id), 0) FROM legal_status_events", transaction: tx, cancellationToken: ct));
        var watches = await db.Set<Watch>().AsNoTracking().Where(w => !w.Paused).OrderBy(w => w.Id).ToListAsync(ct);
        var today = ChinaTime.Today(clock);

        var found = new List<Found>();
        await NewRecordsAsync(conn, tx, watches, maxRecord, found, ct);
        await LegalEventsAsync(conn, tx, watches, maxEvent, found, ct);
        await DueDatesAsync(conn, tx, watches, today, found, ct);
        await IndicatorsAsync(conn, tx, watches, found, ct);

        var keys = found.Select(f => f.Key).ToList();
        var known = keys.Count == 0 ? [] : (await db.Set<WatchHit>().AsNoTracking().Where(h => keys.Contains(h.DedupeKey)).Select(h => h.DedupeKey).ToListAsync(ct)).ToHashSet();
        var hits = new List<(Found F, WatchHit H)>();
        foreach (var f in found.Where(f => known.Add(f.Key)))
        {
            var h = new WatchHit { WatchId = f.Watch.Id, Kind = f.Kind, Summary = f.Summary, ItemCount = f.Count, Evidence = f.Evidence.ToJson(), DedupeKey = f.Key, Link = "" };
            db.Add(h);
            hits.Add((f, h));
        }
        await db.SaveChangesAsync(ct);

        var bureau = await db.OrgUnits.AsNoTracking().Where(u => u.Kind == OrgUnitKinds.Bureau && u.IsActive).OrderBy(u => u.Id).Select(u => (long?)u.Id).FirstOrDefaultAsync(ct);
        var notified = 0;
        foreach (var (f, h) in hits)
        {
            h.Link = $"{WatchQueries.HistoryLink(f.Watch.Id)}?hit={h.Id}";
            var message = new NotificationMessage(NotificationType, $"监控预警：{f.Watch.Name}", f.Summary, h.Link, "watch_hits", h.Id.ToString(), $"watch_hit:{h.Id}");
            var added = f.Watch.BureauWide && bureau is { } unit
                ? await Notifier.ToUnitAsync(db, unit, message, ct)
                : await Notifier.ToUserAsync(db, f.Watch.OwnerId, message, ct);
            if (added) notified++;
        }

        var rule = new ScreeningRule(options.ScreeningMinFilings, options.ScreeningDays, options.ScreeningSimilarityPct);
        var groups = await AbnormalFilingScreening.RunAsync(conn, tx, rule, fullScreening, maxRecord, ct);
        if (groups.Count > 0 && bureau is { } b)
        {
            var names = string.Join("、", groups.Select(g => g.Applicant).Distinct().Take(5));
            await Notifier.ToUnitAsync(db, b, new NotificationMessage(ScreeningNotificationType, $"非正常申请筛查：新发现 {groups.Count} 组疑似非正常申请",
                $"申请人：{names}{(groups.Select(g => g.Applicant).Distinct().Count() > 5 ? " 等" : "")}。请核查标题相近的批量申请。", "/analysis/screening"), ct);
            notified++;
        }
        await db.SaveChangesAsync(ct);

        var ids = watches.Select(w => w.Id).ToArray();
        if (ids.Length > 0)
            await conn.ExecuteAsync(new CommandDefinition("""
                UPDATE watches SET record_mark = GREATEST(record_mark, @maxRecord), event_mark = GREATEST(event_mark, @maxEvent), last_evaluated_at = now()
                WHERE id = ANY(@ids)
                """, new { maxRecord, maxEvent, ids }, tx, cancellationToken: ct));
        var result = new WatchEvaluationResult(watches.Count, hits.Count, notified, groups.Count, maxRecord, maxEvent, sw.ElapsedMilliseconds);
        await AuditLog.WriteAsync(conn, tx, CurrentUser.System, "evaluate", "watches", null, null, result, ct);
        await efTx.CommitAsync(ct);
        log.LogInformation("Watches evaluated: {Watches} watches, {Hits} alerts, {Groups} screening groups in {Ms} ms", watches.Count, hits.Count, groups.Count, sw.ElapsedMilliseconds);
        return result with { Ms = sw.ElapsedMilliseconds };
    }

    /// <summary>
    /// Saved searches and entities against the records added since their marks: the new records are copied once into a
    /// temporary table with the search index's codes column indexed, and each search runs its own filter there.
    /// </summary>
    private async Task NewRecordsAsync(NpgsqlConnection conn, NpgsqlTransaction tx, List<Watch> watches, long maxRecord, List<Found> found, CancellationToken ct)
    {
        var relevant = watches.Where(w => w.Kind is WatchKinds.Search or WatchKinds.Entity && w.RecordMark < maxRecord).ToList();
        if (relevant.Count == 0) return;
        var from = relevant.Min(w => w.RecordMark);
        await conn.ExecuteAsync(new CommandDefinition("""
            CREATE TEMP TABLE watch_fresh ON COMMIT DROP AS SELECT * FROM records WHERE id > @from AND id <= @maxRecord;
            CREATE INDEX ON watch_fresh USING gin (search_codes);
            CREATE INDEX ON watch_fresh USING gin (applicant_entity_ids);
            CREATE INDEX ON watch_fresh (id);
            ANALYZE watch_fresh;
            """, new { from, maxRecord }, tx, commandTimeout: 600, cancellationToken: ct));

        foreach (var w in relevant.Where(w => w.Kind == WatchKinds.Search))
        {
            RecordFilter filter;
            try
            {
                var f = w.Filters is null ? new SavedSearchFilters() : JsonSerializer.Deserialize<SavedSearchFilters>(w.Filters, Json) ?? new SavedSearchFilters();
                filter = await RecordFilter.CreateAsync(SearchParams(w.Q, f), data, ct);
            }
            catch (RequestValidationException e)
            {
                log.LogWarning("Watch {Id}: its search no longer parses ({Message}); skipped", w.Id, e.Message);
                continue;
            }
            var mark = filter.Param(w.RecordMark);
            await using var cmd = new NpgsqlCommand($"SELECT r.id FROM watch_fresh r WHERE {filter.Where} AND r.id > {mark} ORDER BY r.id", conn, tx);
            foreach (var p in filter.Parameters) cmd.Parameters.Add(p.Clone());
            var ids = new List<long>();
            await using (var r = await cmd.ExecuteReaderAsync(ct))
                while (await r.ReadAsync(ct)) ids.Add(r.GetInt64(0));
            if (ids.Count == 0) continue;
            found.Add(new Found(w, WatchKinds.NewRecords, $"导入后新增 {ids.Count} 条符合检索式的记录", ids.Count,
                new WatchEvidence(RecordIds: [.. ids.Take(MaxEvidence)]), $"w{w.Id}:rec:{ids[0]}-{ids[^1]}"));
        }

        var entities = relevant.Where(w => w.Kind == WatchKinds.Entity && w.EntityId is not null).ToList();
        if (entities.Count == 0) return;
        var rows = await conn.QueryAsync<(long Watch, long Id, bool Granted)>(new CommandDefinition("""
            SELECT w.id, r.id, r.grant_number IS NOT NULL OR r.grant_date IS NOT NULL
            FROM unnest(@ids::bigint[], @entities::bigint[], @marks::bigint[]) AS w(id, entity, mark)
            JOIN watch_fresh r ON r.applicant_entity_ids @> ARRAY[w.entity] AND r.id > w.mark
            ORDER BY w.id, r.id
            """, new { ids = entities.Select(w => w.Id).ToArray(), entities = entities.Select(w => w.EntityId!.Value).ToArray(), marks = entities.Select(w => w.RecordMark).ToArray() },
            tx, cancellationToken: ct));
        var byId = entities.ToDictionary(w => w.Id);
        foreach (var g in rows.GroupBy(x => (x.Watch, x.Granted)))
        {
            var ids = g.Select(x => x.Id).ToList();
            var w = byId[g.Key.Watch];
            found.Add(g.Key.Granted
                ? new Found(w, WatchKinds.EntityGrants, $"新增 {ids.Count} 件授权专利", ids.Count, new WatchEvidence(RecordIds: [.. ids.Take(MaxEvidence)]), $"w{w.Id}:grant:{ids[0]}-{ids[^1]}")
                : new Found(w, WatchKinds.EntityFilings, $"新增 {ids.Count} 件专利申请", ids.Count, new WatchEvidence(RecordIds: [.. ids.Take(MaxEvidence)]), $"w{w.Id}:filing:{ids[0]}-{ids[^1]}"));
        }
    }

    public static RecordFilterParams SearchParams(string? q, SavedSearchFilters f) => new()
    {
        Q = q, Types = f.Types, DateField = f.DateField, From = f.From, To = f.To, Ipc = f.Ipc, Region = f.Region, Industry = f.Industry,
        Applicant = f.Applicant, Status = f.Status,
    };

    private sealed record EventRow(long Watch, long Id, long? RecordId, string ApplicationNumber, DateOnly EventDate, string Code, string StatusText);

    /// <summary>New legal-status events: of a watched patent (any event), of a watched entity's records (grants, transactions, lapses).</summary>
    private static async Task LegalEventsAsync(NpgsqlConnection conn, NpgsqlTransaction tx, List<Watch> watches, long maxEvent, List<Found> found, CancellationToken ct)
    {
        var records = watches.Where(w => w.Kind == WatchKinds.Record && w.RecordKey is not null && w.EventMark < maxEvent).ToList();
        if (records.Count > 0)
        {
            var rows = await conn.QueryAsync<EventRow>(new CommandDefinition("""
                SELECT w.id AS watch, e.id, e.record_id, e.application_number, e.event_date, e.code, e.status_text
                FROM unnest(@ids::bigint[], @keys::text[], @marks::bigint[]) AS w(id, key, mark)
                JOIN legal_status_events e ON e.record_key = w.key AND e.id > w.mark AND e.id <= @maxEvent
                ORDER BY w.id, e.id
                """, new { ids = records.Select(w => w.Id).ToArray(), keys = records.Select(w => w.RecordKey!).ToArray(), marks = records.Select(w => w.EventMark).ToArray(), maxEvent },
                tx, cancellationToken: ct));
            var byId = records.ToDictionary(w => w.Id);
            foreach (var g in rows.GroupBy(x => x.Watch))
            {
                var list = g.ToList();
                var w = byId[g.Key];
                var what = string.Join("、", list.Select(e => $"{e.EventDate:yyyy-MM-dd} {e.StatusText}").Distinct().Take(5));
                found.Add(new Found(w, WatchKinds.LegalEvent, $"专利 {w.ApplicationNumber} 有 {list.Count} 项新的法律状态：{what}", list.Count,
                    new WatchEvidence(RecordIds: list.Select(e => e.RecordId).OfType<long>().Distinct().ToArray(), EventIds: [.. list.Select(e => e.Id)]),
                    $"w{w.Id}:ev:{list[0].Id}-{list[^1].Id}"));
            }
        }

        var entities = watches.Where(w => w.Kind == WatchKinds.Entity && w.EntityId is not null && w.EventMark < maxEvent).ToList();
        if (entities.Count == 0) return;
        var from = entities.Min(w => w.EventMark);
        var entityRows = await conn.QueryAsync<EventRow>(new CommandDefinition("""
            SELECT w.id AS watch, e.id, e.record_id, e.application_number, e.event_date, e.code, e.status_text
            FROM legal_status_events e
            JOIN records r ON r.id = e.record_id
            JOIN unnest(@ids::bigint[], @entities::bigint[], @marks::bigint[]) AS w(id, entity, mark) ON r.applicant_entity_ids @> ARRAY[w.entity] AND e.id > w.mark
            WHERE e.id > @from AND e.id <= @maxEvent AND e.code = ANY(@codes)
            ORDER BY w.id, e.id
            """, new { ids = entities.Select(w => w.Id).ToArray(), entities = entities.Select(w => w.EntityId!.Value).ToArray(), marks = entities.Select(w => w.EventMark).ToArray(),
            from, maxEvent, codes = EntityEventCodes }, tx, cancellationToken: ct));
        var entityById = entities.ToDictionary(w => w.Id);
        foreach (var g in entityRows.GroupBy(x => x.Watch))
        {
            var list = g.ToList();
            var w = entityById[g.Key];
            var counts = string.Join("、", list.GroupBy(e => LegalEventCodes.Names.GetValueOrDefault(e.Code, e.Code)).Select(c => $"{c.Key} {c.Count()} 项"));
            found.Add(new Found(w, WatchKinds.EntityEvents, $"名下专利有新的法律事件：{counts}", list.Count,
                new WatchEvidence(RecordIds: list.Select(e => e.RecordId).OfType<long>().Distinct().Take(MaxEvidence).ToArray(), EventIds: [.. list.Select(e => e.Id).Take(MaxEvidence)]),
                $"w{w.Id}:eev:{list[0].Id}-{list[^1].Id}"));
        }
    }

    private sealed record DueRow(long Id, string RecordKey, string RightType, DateOnly? ApplicationDate, DateOnly? GrantDate, string? Status);

    /// <summary>
    /// A watched patent's next annual fee and its expiry, by the renewal calendar's rules (ADR 0038: anniversaries of the filing
    /// date after the year of grant, terms by type), when they fall within the watch's days; each due date fires once.
    /// </summary>
    private static async Task DueDatesAsync(NpgsqlConnection conn, NpgsqlTransaction tx, List<Watch> watches, DateOnly today, List<Found> found, CancellationToken ct)
    {
        var records = watches.Where(w => w.Kind == WatchKinds.Record && w.RecordKey is not null).ToList();
        if (records.Count == 0) return;
        var rows = (await conn.QueryAsync<DueRow>(new CommandDefinition(
            "SELECT id, record_key, right_type, application_date, grant_date, status FROM records WHERE record_key = ANY(@keys)",
            new { keys = records.Select(w => w.RecordKey!).Distinct().ToArray() }, tx, cancellationToken: ct))).ToDictionary(r => r.RecordKey);
        var none = new Dictionary<(string, int), CustodyPayment>();
        foreach (var w in records)
        {
            if (!rows.TryGetValue(w.RecordKey!, out var r)) continue;
            var schedule = RenewalRules.Compute("patent", new RenewalRecord(r.RightType, r.ApplicationDate, r.GrantDate, r.Status), today, none, today);
            var days = w.DaysAhead ?? 30;
            foreach (var item in schedule.Items.Where(i => i.DueDate >= today && i.DueDate.DayNumber - today.DayNumber <= days))
            {
                var expiry = item.ItemKind == RenewalItems.Expiry;
                var summary = expiry
                    ? $"专利 {w.ApplicationNumber} 的保护期将于 {item.DueDate:yyyy-MM-dd} 届满（还有 {item.DueDate.DayNumber - today.DayNumber} 天）"
                    : $"专利 {w.ApplicationNumber} 第 {item.Period} 年年费应于 {item.DueDate:yyyy-MM-dd} 前缴纳（还有 {item.DueDate.DayNumber - today.DayNumber} 天）";
                found.Add(new Found(w, expiry ? WatchKinds.ExpiryDue : WatchKinds.AnnualFeeDue, summary, 1, new WatchEvidence(RecordIds: [r.Id], DueDate: item.DueDate),
                    $"w{w.Id}:due:{item.ItemKind}:{item.Period}:{item.DueDate:yyyyMMdd}"));
            }
        }
    }

    /// <summary>
    /// A watched indicator of a region: its latest value against the year before; fires when the change passes the threshold
    /// in the watched direction, once per pair of values (a recomputation that changes a value may fire again).
    /// </summary>
    private static async Task IndicatorsAsync(NpgsqlConnection conn, NpgsqlTransaction tx, List<Watch> watches, List<Found> found, CancellationToken ct)
    {
        foreach (var w in watches.Where(w => w.Kind == WatchKinds.Indicator && w.IndicatorCode is not null && w.RegionCode is not null && w.ThresholdPct is not null))
        {
            var values = (await conn.QueryAsync<(int Year, decimal Value)>(new CommandDefinition("""
                SELECT DISTINCT ON (v.year) v.year, v.value
                FROM indicator_values v JOIN indicator_definitions d ON d.id = v.definition_id
                WHERE d.code = @code AND v.region_code = @region AND v.value IS NOT NULL AND v.status IN ('computed', 'partial', 'accepted')
                ORDER BY v.year DESC, d.version DESC
                LIMIT 2
                """, new { code = w.IndicatorCode, region = w.RegionCode }, tx, cancellationToken: ct))).ToList();
            if (values.Count < 2 || values[1].Year != values[0].Year - 1 || values[1].Value == 0) continue;
            var (cur, prev) = (values[0], values[1]);
            var change = Math.Round((cur.Value - prev.Value) / prev.Value * 100, 1);
            var passes = w.Direction switch
            {
                WatchKinds.Down => change <= -w.ThresholdPct!.Value,
                WatchKinds.Up => change >= w.ThresholdPct!.Value,
                _ => Math.Abs(change) >= w.ThresholdPct!.Value,
            };
            if (!passes) continue;
            found.Add(new Found(w, WatchKinds.IndicatorMove,
                $"{cur.Year} 年数值 {cur.Value:0.##}，较 {prev.Year} 年的 {prev.Value:0.##} {(change < 0 ? "下降" : "上升")} {Math.Abs(change):0.#}%（阈值 {w.ThresholdPct:0.##}%）", 2,
                new WatchEvidence(Values: [new WatchEvidenceValue(cur.Year, cur.Value), new WatchEvidenceValue(prev.Year, prev.Value)]),
                $"w{w.Id}:ind:{cur.Year}:{cur.Value}:{prev.Value}"));
        }
    }
}
