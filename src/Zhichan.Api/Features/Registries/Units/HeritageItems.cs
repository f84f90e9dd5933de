using Zhichan.Api.Platform.Security;
using static Zhichan.Api.Features.Registries.Units.UnitVocabulary;

namespace Zhichan.Api.Features.Registries.Units;

public sealed record HeritageInheritorRequest(string? Name, string? Level, int? RecognisedYear, string? Phone, string? IdNumber, string? Notes);

public sealed record HeritageItemRequest(string? Name, string? Level, string? Category, string? RegionCode, string? ProjectNumber, int? ListedYear,
    string? ProtectionUnit, string? Notes, HeritageInheritorRequest[]? Inheritors);

/// <summary>An inheritor as shown: <paramref name="Phone"/> and <paramref name="IdNumber"/> masked unless the caller is staff (ADR 0029).</summary>
public sealed record HeritageInheritorDto(long Id, string Name, string? Level, string? LevelName, int? RecognisedYear, string? Phone, string? IdNumber, string? Notes);

public sealed record HeritageItemDto(long Id, string Name, string Level, string LevelName, string Category, string CategoryName, string RegionCode,
    string? RegionName, string? ProjectNumber, int? ListedYear, string? ProtectionUnit, string? Notes, IReadOnlyList<string> InheritorNames, int FileCount);

public sealed record HeritageItemDetail(HeritageItemDto Item, IReadOnlyList<HeritageInheritorDto> Inheritors, bool PersonalDataMasked, IReadOnlyList<UnitFileDto> Files);

/// <summary>What the 非遗 use cases share.</summary>
public static class HeritageItems
{
    internal static async Task ValidateAsync(NpgsqlConnection conn, HeritageItemRequest r)
    {
        var v = new Validation().Text("name", r.Name, 100, "项目名称", required: true).Vocab("level", r.Level, HeritageLevels, "级别")
            .Vocab("category", r.Category, HeritageCategories, "类别").Text("projectNumber", r.ProjectNumber, 50, "项目编号")
            .Text("protectionUnit", r.ProtectionUnit, 200, "保护单位").Text("notes", r.Notes, 2000, "备注");
        if (r.ListedYear is < 1949 or > 2100) v.Add("listedYear", "公布年份应在 1949 至 2100 之间");
        var inheritors = r.Inheritors ?? [];
        if (inheritors.Length > 200) v.Add("inheritors", "传承人不能超过 200 名");
        for (var i = 0; i < inheritors.Length; i++)
        {
            var h = inheritors[i];
            var label = $"第 {i + 1} 名传承人的";
            v.Text($"inheritors[{i}].name", h.Name, 50, label + "姓名", required: true).Vocab($"inheritors[{i}].level", h.Level, HeritageLevels, label + "级别", required: false)
                .Text($"inheritors[{i}].notes", h.Notes, 500, label + "备注");
            if (h.RecognisedYear is < 1949 or > 2100) v.Add($"inheritors[{i}].recognisedYear", label + "认定年份应在 1949 至 2100 之间");
            if (UnitRules.Clean(h.Phone) is { } ph && (ph.Length > 20 || !ph.All(c => char.IsAsciiDigit(c) || c is '-' or '+' or ' ')))
                v.Add($"inheritors[{i}].phone", label + "联系电话格式不正确");
            if (UnitRules.Clean(h.IdNumber) is { } id && !(id.Length == 18 && id[..17].All(char.IsAsciiDigit) && (char.IsAsciiDigit(id[17]) || id[17] is 'X' or 'x')))
                v.Add($"inheritors[{i}].idNumber", label + "身份证号应为 18 位");
        }
        if (inheritors.GroupBy(h => h.Name?.Trim()).Any(g => g.Key is not null && g.Count() > 1)) v.Add("inheritors", "同一传承人不能重复填写");
        await UnitRules.CheckRegionsAsync(conn, v, "regionCode", string.IsNullOrWhiteSpace(r.RegionCode) ? [] : [r.RegionCode.Trim()], "所在地区");
        v.ThrowIfInvalid();
    }

    internal static void Apply(HeritageItem h, HeritageItemRequest r)
    {
        h.Name = r.Name!.Trim(); h.Level = r.Level!; h.Category = r.Category!; h.RegionCode = r.RegionCode!.Trim(); h.ProjectNumber = UnitRules.Clean(r.ProjectNumber);
        h.ListedYear = r.ListedYear; h.ProtectionUnit = UnitRules.Clean(r.ProtectionUnit); h.Notes = UnitRules.Clean(r.Notes); h.UpdatedAt = DateTimeOffset.UtcNow;
    }

    internal static IEnumerable<HeritageInheritor> Inheritors(long itemId, HeritageItemRequest r) => (r.Inheritors ?? []).Select(h => new HeritageInheritor
    {
        ItemId = itemId, Name = h.Name!.Trim(), Level = UnitRules.Clean(h.Level), RecognisedYear = h.RecognisedYear, Phone = UnitRules.Clean(h.Phone),
        IdNumber = UnitRules.Clean(h.IdNumber)?.ToUpperInvariant(), Notes = UnitRules.Clean(h.Notes),
    });

    internal sealed class Row
    {
        public long Id { get; set; }
        public string Name { get; set; } = "";
        public string Level { get; set; } = "";
        public string Category { get; set; } = "";
        public string RegionCode { get; set; } = "";
        public string? RegionName { get; set; }
        public string? ProjectNumber { get; set; }
        public int? ListedYear { get; set; }
        public string? ProtectionUnit { get; set; }
        public string? Notes { get; set; }
        public string[] InheritorNames { get; set; } = [];
        public int FileCount { get; set; }
    }

    internal static HeritageItemDto ToDto(Row r) => new(r.Id, r.Name, r.Level, NameOf(HeritageLevels, r.Level)!, r.Category, NameOf(HeritageCategories, r.Category)!,
        r.RegionCode, r.RegionName, r.ProjectNumber, r.ListedYear, r.ProtectionUnit, r.Notes, r.InheritorNames, r.FileCount);

    internal const string Select = """
        SELECT h.id, h.name, h.level, h.category, h.region_code, rg.name AS region_name, h.project_number, h.listed_year, h.protection_unit, h.notes,
               ARRAY(SELECT i.name FROM heritage_inheritors i WHERE i.item_id = h.id ORDER BY i.id) AS inheritor_names,
               (SELECT count(*)::int FROM registry_unit_files f WHERE f.owner = 'heritage' AND f.owner_id = h.id) AS file_count
        FROM heritage_items h LEFT JOIN ref_regions rg ON rg.code = h.region_code
        """;

    internal static async Task<HeritageItemDetail> DetailAsync(NpgsqlConnection conn, long id, CurrentUser me)
    {
        var row = await conn.QuerySingleOrDefaultAsync<Row>(Select + " WHERE h.id = @id", new { id }) ?? throw new DomainException($"非遗项目 {id} 不存在", 404);
        UnitRules.EnsureVisible(me, [row.RegionCode], "非遗项目", id);
        var mask = !me.IsStaff;
        var inheritors = (await conn.QueryAsync<HeritageInheritor>("SELECT * FROM heritage_inheritors WHERE item_id = @id ORDER BY id", new { id }))
            .Select(i => new HeritageInheritorDto(i.Id, i.Name, i.Level, NameOf(HeritageLevels, i.Level), i.RecognisedYear,
                mask && i.Phone is not null ? Masking.MaskPhone(i.Phone) : i.Phone, mask && i.IdNumber is not null ? Masking.MaskIdNumber(i.IdNumber) : i.IdNumber, i.Notes))
            .ToList();
        var files = await UnitFiles.ForOwnersAsync(conn, "heritage", [id]);
        return new HeritageItemDetail(ToDto(row), inheritors, mask, files[id].ToList());
    }
}
