using static Zhichan.Api.Features.Registries.Units.UnitVocabulary;

namespace Zhichan.Api.Features.Registries.Units;

public sealed record PilotUnitRequest(string? Kind, string? Level, string? Name, string? RegionCode, string? RecognisingBody, string? DocumentNumber,
    DateOnly? RecognisedOn, DateOnly? ValidUntil, string? Status, string? Notes);

public sealed record PilotUnitDto(long Id, string Kind, string KindName, string? Level, string? LevelName, string Name, string RegionCode, string? RegionName,
    string? RecognisingBody, string? DocumentNumber, DateOnly? RecognisedOn, DateOnly? ValidUntil, string Status, string StatusName, string? Notes,
    string? SourceTitle, string? SourceQuote, int? LastEvaluationYear, string? LastEvaluationResult, int FileCount);

public sealed record PilotEvaluationDto(long Id, int Year, string Result, string ResultName, string? EvaluatedBy, string? Notes, IReadOnlyList<UnitFileDto> Files);

public sealed record PilotUnitDetail(PilotUnitDto Unit, IReadOnlyList<PilotEvaluationDto> Evaluations, IReadOnlyList<UnitFileDto> Files);

/// <summary>What the pilot-unit use cases share: validation, the list query with its filters, and the DTO.</summary>
public static class PilotUnits
{
    internal static void Validate(Validation v, PilotUnitRequest r)
    {
        v.Vocab("kind", r.Kind, PilotKinds, "类别").Vocab("level", r.Level, Levels, "级别", required: false).Vocab("status", r.Status, PilotStatuses, "状态")
            .Text("name", r.Name, 200, "单位名称", required: true).Text("recognisingBody", r.RecognisingBody, 100, "认定机关")
            .Text("documentNumber", r.DocumentNumber, 100, "文号").Text("notes", r.Notes, 2000, "备注")
            .DateOrder("validUntil", r.RecognisedOn, r.ValidUntil, "认定日期", "有效期至");
        if (r.Status is "recognised" or "reviewing" && string.IsNullOrWhiteSpace(r.RecognisingBody) && r.RecognisedOn is not null)
            v.Add("recognisingBody", "填写了认定日期的单位须写明认定机关");
    }

    internal static void Apply(PilotUnit u, PilotUnitRequest r)
    {
        u.Kind = r.Kind!; u.Level = UnitRules.Clean(r.Level); u.Name = r.Name!.Trim(); u.RegionCode = r.RegionCode!.Trim();
        u.RecognisingBody = UnitRules.Clean(r.RecognisingBody); u.DocumentNumber = UnitRules.Clean(r.DocumentNumber);
        u.RecognisedOn = r.RecognisedOn; u.ValidUntil = r.ValidUntil; u.Status = r.Status!; u.Notes = UnitRules.Clean(r.Notes);
        u.UpdatedAt = DateTimeOffset.UtcNow;
    }

    internal sealed class Row
    {
        public long Id { get; set; }
        public string Kind { get; set; } = "";
        public string? Level { get; set; }
        public string Name { get; set; } = "";
        public string RegionCode { get; set; } = "";
        public string? RegionName { get; set; }
        public string? RecognisingBody { get; set; }
        public string? DocumentNumber { get; set; }
        public DateOnly? RecognisedOn { get; set; }
        public DateOnly? ValidUntil { get; set; }
        public string Status { get; set; } = "";
        public string? Notes { get; set; }
        public string? SourceTitle { get; set; }
        public string? SourceQuote { get; set; }
        public int? LastYear { get; set; }
        public string? LastResult { get; set; }
        public int FileCount { get; set; }
    }

    internal static PilotUnitDto ToDto(Row r) => new(r.Id, r.Kind, NameOf(PilotKinds, r.Kind)!, r.Level, NameOf(Levels, r.Level), r.Name, r.RegionCode,
        r.RegionName, r.RecognisingBody, r.DocumentNumber, r.RecognisedOn, r.ValidUntil, r.Status, NameOf(PilotStatuses, r.Status)!, r.Notes, r.SourceTitle,
        r.SourceQuote, r.LastYear, NameOf(EvaluationResults, r.LastResult), r.FileCount);

    internal const string Select = """
        SELECT u.id, u.kind, u.level, u.name, u.region_code, rg.name AS region_name, u.recognising_body, u.document_number, u.recognised_on, u.valid_until,
               u.status, u.notes, u.source_title, u.source_quote, le.year AS last_year, le.result AS last_result,
               (SELECT count(*)::int FROM registry_unit_files f WHERE f.owner = 'pilot' AND f.owner_id = u.id) AS file_count
        FROM pilot_units u LEFT JOIN ref_regions rg ON rg.code = u.region_code
        LEFT JOIN LATERAL (SELECT e.year, e.result FROM pilot_unit_evaluations e WHERE e.unit_id = u.id ORDER BY e.year DESC, e.id DESC LIMIT 1) le ON true
        """;

    public sealed record Filter(string? Q, string? Kind, string? Level, string? Status, string? Region);

    /// <summary>The WHERE clause of the list and the export: the caller's region (districts) and the filters.</summary>
    internal static (string Where, DynamicParameters Args) Where(Filter f, CurrentUser me)
    {
        var conds = new List<string> { "true" };
        var args = new DynamicParameters();
        if (me.RegionPrefix is { } p) { conds.Add("u.region_code LIKE @prefix"); args.Add("prefix", p + "%"); }
        if (UnitRules.Clean(f.Q) is { } q) { conds.Add("(u.name ILIKE @q OR u.recognising_body ILIKE @q OR u.document_number ILIKE @q)"); args.Add("q", "%" + q.Replace("%", "\\%").Replace("_", "\\_") + "%"); }
        if (UnitRules.Clean(f.Kind) is { } k) { conds.Add("u.kind = @kind"); args.Add("kind", k); }
        if (UnitRules.Clean(f.Level) is { } l) { conds.Add("u.level = @level"); args.Add("level", l); }
        if (UnitRules.Clean(f.Status) is { } s) { conds.Add("u.status = @status"); args.Add("status", s); }
        if (UnitRules.Clean(f.Region) is { Length: 6 } rg) { conds.Add("u.region_code LIKE @region"); args.Add("region", CurrentUser.SignificantPrefix(rg) + "%"); }
        return (string.Join(" AND ", conds), args);
    }

    internal static async Task<PilotUnitDetail> DetailAsync(NpgsqlConnection conn, long id, CurrentUser me)
    {
        var row = await conn.QuerySingleOrDefaultAsync<Row>(Select + " WHERE u.id = @id", new { id }) ?? throw new DomainException($"试点示范单位 {id} 不存在", 404);
        UnitRules.EnsureVisible(me, [row.RegionCode], "试点示范单位", id);
        var evals = (await conn.QueryAsync<PilotUnitEvaluation>("SELECT * FROM pilot_unit_evaluations WHERE unit_id = @id ORDER BY year DESC, id DESC", new { id })).ToList();
        var evalFiles = await UnitFiles.ForOwnersAsync(conn, "evaluation", evals.Select(e => e.Id).ToArray());
        var files = await UnitFiles.ForOwnersAsync(conn, "pilot", [id]);
        return new PilotUnitDetail(ToDto(row),
            evals.Select(e => new PilotEvaluationDto(e.Id, e.Year, e.Result, NameOf(EvaluationResults, e.Result)!, e.EvaluatedBy, e.Notes, evalFiles[e.Id].ToList())).ToList(),
            files[id].ToList());
    }
}
