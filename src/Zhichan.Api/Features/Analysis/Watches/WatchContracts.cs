using System.Text.Json;
using Zhichan.Api.Features.Records.SavedSearches;

namespace Zhichan.Api.Features.Analysis.Watches;

/// <summary>A watch as the pages show it, with its kind-specific settings and its latest alert.</summary>
public sealed record WatchDto(long Id, string Kind, string KindName, string Name, bool BureauWide, bool Mine, string OwnerName, bool Paused,
    string? Q, SavedSearchFilters? Filters, string? ApplicationNumber, int? DaysAhead, long? EntityId, string? EntityName,
    string? IndicatorCode, string? IndicatorName, string? RegionCode, string? RegionName, decimal? ThresholdPct, string? Direction, string? DirectionName,
    string Description, long HitCount, DateTimeOffset? LastHitAt, DateTimeOffset? LastEvaluatedAt, DateTimeOffset CreatedAt);

/// <summary>One alert of a watch, and the link to its evidence.</summary>
public sealed record WatchHitDto(long Id, long WatchId, string WatchName, DateTimeOffset At, string Kind, string KindName, string Summary, string Link, int ItemCount);

/// <summary>A record an alert names (its evidence).</summary>
public sealed record WatchEvidenceRecord(long Id, string? ApplicationNumber, string? Title, string? FirstApplicant, DateOnly? ApplicationDate,
    string? Status, string? StatusName);

/// <summary>A legal-status event an alert names.</summary>
public sealed record WatchEvidenceEvent(long Id, long? RecordId, string ApplicationNumber, DateOnly EventDate, string Code, string CodeName, string StatusText, string InfoText);

/// <summary>An indicator value an alert compares.</summary>
public sealed record WatchEvidenceValue(int Year, decimal Value);

/// <summary>An alert with its evidence resolved: the records, the events, the values, the due date.</summary>
public sealed record WatchHitDetail(WatchHitDto Hit, IReadOnlyList<WatchEvidenceRecord> Records, IReadOnlyList<WatchEvidenceEvent> Events,
    IReadOnlyList<WatchEvidenceValue> Values, DateOnly? DueDate, string? Note);

/// <summary>What the evidence JSON of a hit holds.</summary>
public sealed record WatchEvidence(long[]? RecordIds = null, long[]? EventIds = null, WatchEvidenceValue[]? Values = null, DateOnly? DueDate = null,
    long? ImportId = null, string? Note = null)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };
    public string ToJson() => JsonSerializer.Serialize(this, Json);
    public static WatchEvidence Parse(string json) => JsonSerializer.Deserialize<WatchEvidence>(json, Json) ?? new WatchEvidence();
}

/// <summary>The row filter of watches and their alerts, and the shared reads.</summary>
public static class WatchQueries
{
    /// <summary>
    /// The watches a caller sees: their own, and for staff the bureau-wide ones. Anything else answers 404 like an unknown id.
    /// </summary>
    public static IQueryable<Watch> Visible(ZhichanDb db, CurrentUser me)
    {
        var uid = me.Id ?? -1;
        var staff = me.IsStaff;
        return db.Set<Watch>().Where(w => w.OwnerId == uid || (staff && w.BureauWide));
    }

    /// <summary>The watches a caller may change: only their own.</summary>
    public static IQueryable<Watch> Own(ZhichanDb db, CurrentUser me)
    {
        var uid = me.Id ?? -1;
        return db.Set<Watch>().Where(w => w.OwnerId == uid);
    }

    public static async Task<Watch> VisibleOr404Async(ZhichanDb db, CurrentUser me, long id, CancellationToken ct) =>
        await Visible(db, me).FirstOrDefaultAsync(w => w.Id == id, ct) ?? throw new DomainException($"监控 {id} 不存在", 404);

    public static async Task<Watch> OwnOr404Async(ZhichanDb db, CurrentUser me, long id, CancellationToken ct)
    {
        var w = await Visible(db, me).FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new DomainException($"监控 {id} 不存在", 404);
        if (w.OwnerId != me.Id) throw new DomainException("全局监控只能由创建人修改", 403);
        return w;
    }

    /// <summary>The link of a watch's alert history in the web app (the evidence of each alert is opened from there).</summary>
    public static string HistoryLink(long watchId) => $"/analysis/watches/{watchId}";

    /// <summary>Names the pages show beside the codes: entities, indicators, regions (one query each for a list of watches).</summary>
    public sealed record Names(IReadOnlyDictionary<long, string> Entities, IReadOnlyDictionary<string, string> Indicators, IReadOnlyDictionary<string, string> Regions);

    public static async Task<Names> NamesAsync(NpgsqlDataSource data, IReadOnlyCollection<Watch> watches, CancellationToken ct)
    {
        await using var conn = await data.OpenConnectionAsync(ct);
        var ids = watches.Select(w => w.EntityId).OfType<long>().Distinct().ToArray();
        var codes = watches.Select(w => w.IndicatorCode).OfType<string>().Distinct().ToArray();
        var regions = watches.Select(w => w.RegionCode).OfType<string>().Distinct().ToArray();
        var e = ids.Length == 0 ? [] : (await conn.QueryAsync<(long, string)>(new CommandDefinition("SELECT id, name FROM entities WHERE id = ANY(@ids)", new { ids }, cancellationToken: ct))).ToDictionary(x => x.Item1, x => x.Item2);
        var i = codes.Length == 0 ? [] : (await conn.QueryAsync<(string, string)>(new CommandDefinition(
            "SELECT DISTINCT ON (code) code, name FROM indicator_definitions WHERE code = ANY(@codes) ORDER BY code, version DESC", new { codes }, cancellationToken: ct))).ToDictionary(x => x.Item1, x => x.Item2);
        var r = regions.Length == 0 ? [] : (await conn.QueryAsync<(string, string)>(new CommandDefinition(
            "SELECT code, name FROM ref_regions WHERE code = ANY(@regions)", new { regions }, cancellationToken: ct))).ToDictionary(x => x.Item1, x => x.Item2);
        return new Names(e, i, r);
    }

    public static WatchDto Dto(Watch w, CurrentUser me, Names names, long hitCount, DateTimeOffset? lastHit)
    {
        var entity = w.EntityId is { } eid ? names.Entities.GetValueOrDefault(eid) : null;
        var indicator = w.IndicatorCode is { } code ? names.Indicators.GetValueOrDefault(code, code) : null;
        var region = w.RegionCode is { } rc ? names.Regions.GetValueOrDefault(rc, rc) : null;
        var filters = w.Filters is null ? null : JsonSerializer.Deserialize<SavedSearchFilters>(w.Filters, new JsonSerializerOptions(JsonSerializerDefaults.Web));
        var direction = w.Direction is { } d ? WatchKinds.DirectionNames.GetValueOrDefault(d, d) : null;
        var description = w.Kind switch
        {
            WatchKinds.Search => $"导入后新增的、符合检索式“{(string.IsNullOrEmpty(w.Q) ? "（仅筛选条件）" : w.Q)}”的记录",
            WatchKinds.Record => $"专利 {w.ApplicationNumber} 的法律状态变化，以及年费、保护期届满前 {w.DaysAhead} 天提醒",
            WatchKinds.Entity => $"“{entity ?? $"主体 {w.EntityId}"}”的新申请、新授权与法律事件",
            WatchKinds.Indicator => $"{region}“{indicator}”{direction}达到 {w.ThresholdPct:0.##}%",
            _ => "",
        };
        return new WatchDto(w.Id, w.Kind, WatchKinds.Names.GetValueOrDefault(w.Kind, w.Kind), w.Name, w.BureauWide, w.OwnerId == me.Id, w.OwnerName, w.Paused,
            w.Q, filters, w.ApplicationNumber, w.DaysAhead, w.EntityId, entity, w.IndicatorCode, indicator, w.RegionCode, region, w.ThresholdPct, w.Direction, direction,
            description, hitCount, lastHit, w.LastEvaluatedAt, w.CreatedAt);
    }

    public static WatchHitDto HitDto(WatchHit h, string watchName) =>
        new(h.Id, h.WatchId, watchName, h.At, h.Kind, WatchKinds.HitNames.GetValueOrDefault(h.Kind, h.Kind), h.Summary, h.Link, h.ItemCount);
}
