using Zhichan.Api.Features.Indicators;

namespace Zhichan.Api.Features.Portal.Site;

/// <summary>
/// The public values of indicators for a region: the current definition's values computed from the records or accepted from
/// their owner (reported, returned or partial values are not public), with their population basis and publication.
/// </summary>
public static class PortalFigures
{
    private sealed class Row
    {
        public string Code { get; set; } = "";
        public string RegionCode { get; set; } = "";
        public string? RegionName { get; set; }
        public int Year { get; set; }
        public decimal Value { get; set; }
        public string Status { get; set; } = "";
        public long? Population { get; set; }
        public int? PopulationYear { get; set; }
        public string? PopulationBasis { get; set; }
        public string? PopulationSource { get; set; }
        public string? SourceTitle { get; set; }
        public string? SourceUrl { get; set; }
        public DateOnly? SourceDate { get; set; }
        public string? PeriodNote { get; set; }
    }

    private sealed class Def
    {
        public string Code { get; set; } = "";
        public string Name { get; set; } = "";
        public string Unit { get; set; } = "";
        public string Source { get; set; } = "";
        public string? OwnerUnit { get; set; }
        public string? DataNote { get; set; }
    }

    public const string PublicStatuses = "('computed', 'accepted')";

    public static async Task<List<PortalFigureDto>> LoadAsync(NpgsqlConnection conn, IReadOnlyList<string> codes, string region)
    {
        var defs = (await conn.QueryAsync<Def>("""
            SELECT code, name, unit, source, owner_unit, data_note FROM indicator_definitions WHERE code = ANY(@codes) AND superseded_at IS NULL
            """, new { codes = codes.ToArray() })).ToDictionary(d => d.Code);
        var rows = (await ValuesAsync(conn, codes, [region])).ToLookup(r => r.Code);
        var result = new List<PortalFigureDto>();
        foreach (var code in codes)
        {
            if (!defs.TryGetValue(code, out var d)) continue;
            var series = rows[code].OrderBy(r => r.Year).ToList();
            var last = series.LastOrDefault();
            var prev = series.Count >= 2 ? series[^2] : null;
            var sourceName = d.Source switch { "records" => "数据中心记录计算", "module" => "业务模块统计", _ => $"{d.OwnerUnit ?? "责任单位"}填报" };
            var note = last is not null ? null
                : d.Source == "records" ? d.DataNote ?? "数据中心暂无可计算的记录"
                : $"暂无公开数据（由{d.OwnerUnit ?? "责任单位"}提供）";
            result.Add(new PortalFigureDto(d.Code, d.Name, d.Unit, sourceName, last?.Value, last?.Year, prev?.Value,
                last is null || prev is null ? null : (last.Value - prev.Value) switch { > 0 => "up", < 0 => "down", _ => "flat" },
                note, d.DataNote,
                last?.Population is { } p ? new PopulationDto(p, last.PopulationYear ?? last.Year, last.PopulationBasis ?? "", last.PopulationSource ?? "") : null,
                last?.SourceTitle is { } t ? new PublicationDto(t, last.SourceUrl, last.SourceDate, last.PeriodNote) : null,
                series.Select(Point).ToList()));
        }
        return result;
    }

    /// <summary>The public series of each indicator for each region (regions without any value are left out of an indicator).</summary>
    public static async Task<List<PortalStatisticDto>> SeriesAsync(NpgsqlConnection conn, IReadOnlyList<string> codes, IReadOnlyList<(string Code, string Name)> regions)
    {
        var defs = (await conn.QueryAsync<Def>("SELECT code, name, unit, source, owner_unit, data_note FROM indicator_definitions WHERE code = ANY(@codes) AND superseded_at IS NULL",
            new { codes = codes.ToArray() })).ToDictionary(d => d.Code);
        var rows = (await ValuesAsync(conn, codes, regions.Select(r => r.Code).ToArray())).ToLookup(r => (r.Code, r.RegionCode));
        return codes.Where(defs.ContainsKey).Select(c => new PortalStatisticDto(c, defs[c].Name, defs[c].Unit, defs[c].DataNote,
            regions.Where(r => rows[(c, r.Code)].Any()).Select(r => new PortalRegionSeriesDto(r.Code, r.Name, rows[(c, r.Code)].Select(Point).ToList())).ToList())).ToList();
    }

    private static PortalPointDto Point(Row r) => new(r.Year, r.Value, IndicatorValues.StatusNames.GetValueOrDefault(r.Status, r.Status), r.SourceTitle, r.SourceUrl, r.PeriodNote);

    private static async Task<List<Row>> ValuesAsync(NpgsqlConnection conn, IReadOnlyList<string> codes, string[] regions) =>
        (await conn.QueryAsync<Row>($"""
            SELECT d.code, v.region_code, rg.name AS region_name, v.year, v.value, v.status, v.population, v.population_year, v.population_basis,
                   v.population_source, v.source_title, v.source_url, v.source_date, v.period_note
            FROM indicator_values v JOIN indicator_definitions d ON d.id = v.definition_id AND d.superseded_at IS NULL
            LEFT JOIN ref_regions rg ON rg.code = v.region_code
            WHERE d.code = ANY(@codes) AND v.region_code = ANY(@regions) AND v.value IS NOT NULL AND v.status IN {PublicStatuses}
            ORDER BY d.code, v.region_code, v.year
            """, new { codes = codes.ToArray(), regions })).ToList();
}
