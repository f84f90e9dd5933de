namespace Zhichan.Api.Features.Protection;

/// <summary>Protection figures: received, closed, closure rate, average working days, fast-track share, satisfaction.</summary>
public static class GetProtectionStats
{
    public static async Task<Ok<ProtectionStatsDto>> HandleAsync(int? year, string? region, ZhichanDb db, CurrentUser me, ProtectionClock clock, CancellationToken ct)
    {
        if (year is < 2000 or > 2100) throw new RequestValidationException("year", "年份应在 2000～2100 之间");
        if (region is not null && !System.Text.RegularExpressions.Regex.IsMatch(region, @"^\d{2,6}$")) throw new RequestValidationException("region", "地区代码应为 2～6 位数字");
        // a district sees its own region only
        if (me.RegionPrefix is { } own)
        {
            if (region is not null && !region.PadRight(6, '0').StartsWith(own, StringComparison.Ordinal)) throw new DomainException("只能查看本地区的统计", 403, "禁止访问");
            region ??= me.RegionCode;
        }
        return TypedResults.Ok(await ProtectionStats.ComputeAsync(db, year, region, clock, ct));
    }
}
