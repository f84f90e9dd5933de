using Zhichan.Api.Features.Indicators;

namespace Zhichan.Api.Features.Registries.Training;

/// <summary>The check-ins behind one value of 知识产权培训人次 (government users; participants' names masked).</summary>
public static class ListTrainingAttendanceRows
{
    public static async Task<Ok<ModuleIndicatorRows>> HandleAsync(string region, int year, int? page, int? pageSize, NpgsqlDataSource db, CancellationToken ct)
    {
        var (_, size, offset) = Paging.Of(page, pageSize, 50, 500);
        var v = new Validation();
        if (region.Length != 6 || !region.All(char.IsAsciiDigit)) v.Add("region", "地区应为 6 位行政区划代码");
        if (year is < 2000 or > 2100) v.Add("year", "年份应在 2000 至 2100 之间");
        v.ThrowIfInvalid();
        await using var conn = await db.OpenConnectionAsync(ct);
        return TypedResults.Ok(await new TrainingAttendanceIndicator().RowsAsync(conn, region, year, offset, size, ct));
    }
}
