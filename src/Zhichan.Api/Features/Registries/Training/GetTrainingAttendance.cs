using Zhichan.Api.Features.Indicators;
using Zhichan.Api.Features.Records;
using Zhichan.Api.Features.Registries.Experts;

namespace Zhichan.Api.Features.Registries.Training;

public sealed record AttendanceValueDto(string RegionCode, string? RegionName, int Year, decimal Value);

public sealed record TrainingAttendanceDto(string Code, string Note, AttendanceValueDto[] Values);

/// <summary>知识产权培训人次 per region and year, computed by the indicator's own rule (government users), optionally for one region.</summary>
public static class GetTrainingAttendance
{
    public static async Task<Ok<TrainingAttendanceDto>> HandleAsync(string? region, NpgsqlDataSource db, RecordsReference reference, CancellationToken ct)
    {
        if (region is not null && (region.Length != 6 || !region.All(char.IsAsciiDigit))) throw new RequestValidationException("region", "地区应为 6 位行政区划代码");
        await using var conn = await db.OpenConnectionAsync(ct);
        var values = await new TrainingAttendanceIndicator().ComputeAsync(conn, ct);
        return TypedResults.Ok(new TrainingAttendanceDto(TrainingAttendanceIndicator.CatalogueCode, "培训签到人次，按培训举办地计入所在区县、市、省；已取消的培训不计",
            values.Where(v => region is null || v.RegionCode == region)
                .Select(v => new AttendanceValueDto(v.RegionCode, RegistryRegions.Label(reference, v.RegionCode), v.Year, v.Value)).ToArray()));
    }
}
