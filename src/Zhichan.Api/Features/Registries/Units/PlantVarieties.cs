using static Zhichan.Api.Features.Registries.Units.UnitVocabulary;

namespace Zhichan.Api.Features.Registries.Units;

public sealed record PlantVarietyRequest(string? Name, string? Crop, string? Holder, string? RegionCode, string? ApplicationNumber, string? RightNumber,
    DateOnly? AppliedOn, DateOnly? GrantedOn, DateOnly? ValidUntil, string? Status, string? Notes);

public sealed record PlantVarietyDto(long Id, string Name, string Crop, string Holder, string RegionCode, string? RegionName, string? ApplicationNumber,
    string? RightNumber, DateOnly? AppliedOn, DateOnly? GrantedOn, DateOnly? ValidUntil, string Status, string StatusName, string? Notes, int FileCount);

public sealed record PlantVarietyDetail(PlantVarietyDto Item, IReadOnlyList<UnitFileDto> Files);

/// <summary>What the plant-variety use cases share.</summary>
public static class PlantVarieties
{
    internal static async Task ValidateAsync(NpgsqlConnection conn, PlantVarietyRequest r)
    {
        var v = new Validation().Text("name", r.Name, 100, "品种名称", required: true).Text("crop", r.Crop, 50, "作物种类", required: true)
            .Text("holder", r.Holder, 200, "品种权人", required: true).Text("applicationNumber", r.ApplicationNumber, 50, "申请号")
            .Text("rightNumber", r.RightNumber, 50, "品种权号").Text("notes", r.Notes, 2000, "备注").Vocab("status", r.Status, VarietyStatuses, "状态")
            .DateOrder("grantedOn", r.AppliedOn, r.GrantedOn, "申请日", "授权日").DateOrder("validUntil", r.GrantedOn, r.ValidUntil, "授权日", "保护期至");
        if (r.Status is "granted" or "terminated" or "invalid")
        {
            if (string.IsNullOrWhiteSpace(r.RightNumber)) v.Add("rightNumber", "已授权的品种须填写品种权号");
            if (r.GrantedOn is null) v.Add("grantedOn", "已授权的品种须填写授权日");
        }
        await UnitRules.CheckRegionsAsync(conn, v, "regionCode", string.IsNullOrWhiteSpace(r.RegionCode) ? [] : [r.RegionCode.Trim()], "品种权人所在地区");
        v.ThrowIfInvalid();
    }

    internal static void Apply(PlantVariety p, PlantVarietyRequest r)
    {
        p.Name = r.Name!.Trim(); p.Crop = r.Crop!.Trim(); p.Holder = r.Holder!.Trim(); p.RegionCode = r.RegionCode!.Trim();
        p.ApplicationNumber = UnitRules.Clean(r.ApplicationNumber); p.RightNumber = UnitRules.Clean(r.RightNumber); p.AppliedOn = r.AppliedOn;
        p.GrantedOn = r.GrantedOn; p.ValidUntil = r.ValidUntil; p.Status = r.Status!; p.Notes = UnitRules.Clean(r.Notes); p.UpdatedAt = DateTimeOffset.UtcNow;
    }

    internal sealed class Row
    {
        public long Id { get; set; }
        public string Name { get; set; } = "";
        public string Crop { get; set; } = "";
        public string Holder { get; set; } = "";
        public string RegionCode { get; set; } = "";
        public string? RegionName { get; set; }
        public string? ApplicationNumber { get; set; }
        public string? RightNumber { get; set; }
        public DateOnly? AppliedOn { get; set; }
        public DateOnly? GrantedOn { get; set; }
        public DateOnly? ValidUntil { get; set; }
        public string Status { get; set; } = "";
        public string? Notes { get; set; }
        public int FileCount { get; set; }
    }

    internal static PlantVarietyDto ToDto(Row r) => new(r.Id, r.Name, r.Crop, r.Holder, r.RegionCode, r.RegionName, r.ApplicationNumber, r.RightNumber,
        r.AppliedOn, r.GrantedOn, r.ValidUntil, r.Status, NameOf(VarietyStatuses, r.Status)!, r.Notes, r.FileCount);

    internal const string Select = """
        SELECT p.id, p.name, p.crop, p.holder, p.region_code, rg.name AS region_name, p.application_number, p.right_number, p.applied_on, p.granted_on,
               p.valid_until, p.status, p.notes, (SELECT count(*)::int FROM registry_unit_files f WHERE f.owner = 'variety' AND f.owner_id = p.id) AS file_count
        FROM plant_varieties p LEFT JOIN ref_regions rg ON rg.code = p.region_code
        """;

    internal static async Task<PlantVarietyDetail> DetailAsync(NpgsqlConnection conn, long id, CurrentUser me)
    {
        var row = await conn.QuerySingleOrDefaultAsync<Row>(Select + " WHERE p.id = @id", new { id }) ?? throw new DomainException($"植物新品种 {id} 不存在", 404);
        UnitRules.EnsureVisible(me, [row.RegionCode], "植物新品种", id);
        var files = await UnitFiles.ForOwnersAsync(conn, "variety", [id]);
        return new PlantVarietyDetail(ToDto(row), files[id].ToList());
    }
}
