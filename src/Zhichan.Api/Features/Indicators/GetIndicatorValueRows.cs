using static Zhichan.Api.Features.Indicators.IndicatorValues;

namespace Zhichan.Api.Features.Indicators;

public sealed record ModuleRowDto(string Kind, long Id, string Name, string? Detail, DateOnly? Date, string? Link, string? RegionCode = null);

public sealed record ModuleRowsDto(string Code, string Name, string RegionCode, int Year, long Total, IReadOnlyList<ModuleRowDto> Items,
    IReadOnlyList<string>? MemberCodes = null);

/// <summary>The drill-down of a module indicator's value: the rows of the owning module behind it (agencies, attendances, certificates …).</summary>
public static class GetIndicatorValueRows
{
    public static async Task<Ok<ModuleRowsDto>> HandleAsync(string code, string? region, int? year, int? page, int? pageSize,
        NpgsqlDataSource db, IEnumerable<IModuleIndicator> modules, CurrentUser me, CancellationToken ct)
    {
        var v = new Validation();
        if (region is null || (!IsRegionCode(region) && !CustomUnits.IsUnitCode(region))) v.Add("region", "请提供 6 位行政区划代码或自定义考核单元代码");
        if (year is null or < 1985 or > 2100) v.Add("year", "请提供 1985 至 2100 之间的年份");
        v.ThrowIfInvalid();
        var (_, size, offset) = Paging.Of(page, pageSize, 50, 500);
        await using var conn = await db.OpenConnectionAsync(ct);
        var def = await CurrentAsync(conn, code);
        var module = modules.FirstOrDefault(m => m.Code == code);
        if (def.Source != IndicatorSources.Module || module is null)
            throw new DomainException($"“{def.Name}”不是由业务模块统计的指标，没有业务清单", 400, "无法下钻");
        var unit = CustomUnits.IsUnitCode(region!)
            ? (await CustomUnits.LoadAsync(conn)).FirstOrDefault(u => u.Code == region) ?? throw new DomainException($"自定义考核单元“{region}”不存在", 404)
            : null;
        if (me.RegionPrefix is { } prefix && (unit is null ? !region!.StartsWith(prefix, StringComparison.Ordinal) : !CustomUnits.VisibleTo(unit, me)))
            throw new DomainException("县区用户只能查看本地区的清单", 403, "无权访问");
        if (unit is null)
        {
            var rows = await module.RowsAsync(conn, region!, year!.Value, offset, size, ct);
            return TypedResults.Ok(new ModuleRowsDto(code, def.Name, region!, year.Value, rows.Total, rows.Rows.Select(r => ToDto(r, null)).ToList()));
        }
        // a unit: its members' rows one after another (the registers are small: a member's rows are read whole, then paged together)
        var all = new List<ModuleRowDto>();
        foreach (var member in unit.MemberCodes)
        {
            var rows = await module.RowsAsync(conn, member, year!.Value, 0, 10_000, ct);
            all.AddRange(rows.Rows.Select(r => ToDto(r, member)));
        }
        return TypedResults.Ok(new ModuleRowsDto(code, def.Name, region!, year!.Value, all.Count, all.Skip(offset).Take(size).ToList(), unit.MemberCodes));
    }

    private static ModuleRowDto ToDto(ModuleIndicatorRow r, string? member) => new(r.Kind, r.Id, r.Name, r.Detail, r.Date, r.Link, member);
}
