using System.Text.Json;
using Zhichan.Api.Features.Records.Normalisation;
using Zhichan.Api.Features.Records.SavedSearches;
using Zhichan.Api.Features.Records.Search;
using Zhichan.Api.Features.Registries.Entities;
using static Zhichan.Api.Features.Analysis.Watches.WatchQueries;

namespace Zhichan.Api.Features.Analysis.Watches;

/// <summary>
/// A new watch of the caller's (audited). Kind-specific: a search (the records search box and filters, checked by building the
/// search's own filter), a patent by application number (it must be in the data centre), an entity of the register, an indicator
/// of a region with a threshold (staff only). It fires only for what arrives after it was created.
/// </summary>
public static class CreateWatch
{
    /// <param name="Kind">search, record, entity or indicator.</param>
    /// <param name="BureauWide">Staff only: seen by every staff user, alerts go to the bureau's unit.</param>
    /// <param name="DaysAhead">Record: how many days before an annual fee or the expiry to warn (1–365, default 30).</param>
    /// <param name="ThresholdPct">Indicator: the year-on-year change in percent that fires (e.g. 20).</param>
    /// <param name="Direction">Indicator: down, up or either.</param>
    public sealed record CreateWatchRequest(string? Kind, string? Name, bool? BureauWide, string? Q, SavedSearchFilters? Filters, string? ApplicationNumber,
        int? DaysAhead, long? EntityId, string? IndicatorCode, string? RegionCode, decimal? ThresholdPct, string? Direction);

    /// <summary>The most watches one user keeps.</summary>
    public const int MaxPerUser = 200;

    public static async Task<Created<WatchDto>> HandleAsync(CreateWatchRequest req, ZhichanDb db, NpgsqlDataSource data, CurrentUser me, CancellationToken ct)
    {
        var v = new Validation();
        var name = req.Name?.Trim() ?? "";
        v.Required("name", name, "监控名称").MaxLength("name", name, 50, "监控名称").PlainText("name", name, "监控名称");
        v.Required("kind", req.Kind, "监控类型").OneOf("kind", req.Kind, WatchKinds.Names.Keys, "监控类型");
        if (req.BureauWide == true && !me.IsStaff) v.Add("bureauWide", "只有知识产权局可以建立全局监控");
        v.ThrowIfInvalid();
        if (await Own(db, me).CountAsync(ct) >= MaxPerUser) throw new DomainException($"每个账号最多 {MaxPerUser} 个监控，请先删除不再需要的监控");

        await using var conn = await data.OpenConnectionAsync(ct);
        var w = new Watch
        {
            OwnerId = me.Id!.Value, OwnerName = me.Name, BureauWide = req.BureauWide == true, Kind = req.Kind!, Name = name,
            RecordMark = await conn.ExecuteScalarAsync<long>(new CommandDefinition("SELECT COALESCE(max(id), 0) FROM records", cancellationToken: ct)),
            EventMark = await conn.ExecuteScalarAsync<long>(new CommandDefinition("SELECT COALESCE(max(id), 0) FROM legal_status_events", cancellationToken: ct)),
        };
        switch (w.Kind)
        {
            case WatchKinds.Search:
                await SearchAsync(req, w, data, ct);
                break;
            case WatchKinds.Record:
                await RecordAsync(req, w, conn, ct);
                break;
            case WatchKinds.Entity:
                var entity = req.EntityId is { } eid ? await db.Set<InnovationEntity>().AsNoTracking().FirstOrDefaultAsync(e => e.Id == eid, ct) : null;
                if (entity is null) throw new RequestValidationException("entityId", req.EntityId is null ? "请选择创新主体" : $"创新主体 {req.EntityId} 不存在");
                w.EntityId = entity.MergedInto ?? entity.Id;
                break;
            case WatchKinds.Indicator:
                await IndicatorAsync(req, w, me, conn, ct);
                break;
        }
        db.Add(w);
        await db.SaveChangesAsync(ct);
        var names = await NamesAsync(data, [w], ct);
        return TypedResults.Created($"/api/analysis/watches/{w.Id}", Dto(w, me, names, 0, null));
    }

    private static async Task SearchAsync(CreateWatchRequest req, Watch w, NpgsqlDataSource data, CancellationToken ct)
    {
        var q = req.Q?.Trim() ?? "";
        var f = req.Filters ?? new SavedSearchFilters();
        if (q.Length == 0 && f == new SavedSearchFilters(Sort: f.Sort)) throw new RequestValidationException("q", "检索式监控至少要有检索式或一个筛选条件");
        try
        {
            await RecordFilter.CreateAsync(WatchEvaluator.SearchParams(q, f), data, ct);
        }
        catch (RequestValidationException e)
        {
            // the search's own field errors, under q or filters.<name> as a saved search reports them
            var errors = e.Errors.ToDictionary(x => x.Key == "q" ? "q" : "filters." + x.Key, x => x.Value);
            throw new RequestValidationException(errors, e.Message);
        }
        w.Q = q;
        w.Filters = SavedSearchRules.FiltersJson(f with { Sort = null });
    }

    private static async Task RecordAsync(CreateWatchRequest req, Watch w, NpgsqlConnection conn, CancellationToken ct)
    {
        var number = ApplicationNumber.TryParse(req.ApplicationNumber, out var error);
        if (number is null) throw new RequestValidationException("applicationNumber", error ?? "请填写申请号");
        var key = await conn.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT record_key FROM records WHERE application_number = @n ORDER BY id LIMIT 1", new { n = number.Canonical }, cancellationToken: ct));
        if (key is null) throw new RequestValidationException("applicationNumber", $"数据中心没有申请号为 {number.Canonical} 的专利");
        var days = req.DaysAhead ?? 30;
        if (days is < 1 or > 365) throw new RequestValidationException("daysAhead", "提前提醒天数应为 1–365 天");
        (w.RecordKey, w.ApplicationNumber, w.DaysAhead) = (key, number.Canonical, days);
    }

    private static async Task IndicatorAsync(CreateWatchRequest req, Watch w, CurrentUser me, NpgsqlConnection conn, CancellationToken ct)
    {
        if (!me.IsStaff) throw new DomainException("地区指标监控仅限知识产权局使用", 403);
        var v = new Validation();
        var code = req.IndicatorCode?.Trim() ?? "";
        var region = req.RegionCode?.Trim() ?? "";
        if (code.Length == 0 || !await conn.ExecuteScalarAsync<bool>(new CommandDefinition("SELECT EXISTS (SELECT 1 FROM indicator_definitions WHERE code = @code)", new { code }, cancellationToken: ct)))
            v.Add("indicatorCode", code.Length == 0 ? "请选择指标" : $"指标“{code}”不存在");
        if (region.Length == 0 || !await conn.ExecuteScalarAsync<bool>(new CommandDefinition("SELECT EXISTS (SELECT 1 FROM ref_regions WHERE code = @region)", new { region }, cancellationToken: ct)))
            v.Add("regionCode", region.Length == 0 ? "请选择地区" : $"行政区划代码“{region}”不存在");
        if (req.ThresholdPct is not { } t || t <= 0 || t > 1000) v.Add("thresholdPct", "阈值应为大于 0、不超过 1000 的百分比");
        v.OneOf("direction", req.Direction ?? WatchKinds.Down, WatchKinds.DirectionNames.Keys, "变动方向");
        v.ThrowIfInvalid();
        (w.IndicatorCode, w.RegionCode, w.ThresholdPct, w.Direction) = (code, region, req.ThresholdPct, req.Direction ?? WatchKinds.Down);
    }
}
