using static Zhichan.Api.Features.Indicators.IndicatorValues;

namespace Zhichan.Api.Features.Indicators;

public sealed record IndicatorDefinitionRequest(string? Name, string? Unit, string? Direction, string? Counting, string? TimeBasis, string? RuleText,
    bool? DomesticOnly, string? DataNote, string? OwnerUnit, bool? Fractional = null);

/// <summary>A new version of an indicator definition (the values computed under older versions keep theirs).</summary>
public static class UpdateIndicatorDefinition
{
    public static async Task<Ok<IndicatorDto>> HandleAsync(string code, IndicatorDefinitionRequest req, NpgsqlDataSource db, CurrentUser me, CancellationToken ct)
    {
        var v = new Validation();
        v.MaxLength("name", req.Name, 100, "指标名称").MaxLength("unit", req.Unit, 20, "单位").MaxLength("ruleText", req.RuleText, 2000, "计数规则说明");
        if (req.Name is not null) v.Required("name", req.Name, "指标名称");
        if (req.Unit is not null) v.Required("unit", req.Unit, "单位");
        if (req.RuleText is not null) v.Required("ruleText", req.RuleText, "计数规则说明");
        v.OneOf("direction", req.Direction, ["higher", "lower"], "方向");
        v.OneOf("counting", req.Counting, CountingRules.All, "计数规则");
        v.OneOf("timeBasis", req.TimeBasis, TimeBases.All, "时间口径");
        v.ThrowIfInvalid();
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await conn.ExecuteAsync(AdvisoryLocks.XactLock(AdvisoryLocks.IndicatorDefinitions), transaction: tx);
        var old = await CurrentAsync(conn, code, tx);
        var next = new IndicatorDefinition
        {
            Code = old.Code, Name = req.Name?.Trim() ?? old.Name, Unit = req.Unit?.Trim() ?? old.Unit, Direction = req.Direction ?? old.Direction,
            Category = old.Category, Source = old.Source, Method = old.Method, RightTypes = old.RightTypes, Counting = req.Counting ?? old.Counting,
            Fractional = req.Fractional ?? old.Fractional, DomesticOnly = req.DomesticOnly ?? old.DomesticOnly, TimeBasis = req.TimeBasis ?? old.TimeBasis,
            PerCapita = old.PerCapita, RuleText = req.RuleText?.Trim() ?? old.RuleText, OwnerUnit = req.OwnerUnit ?? old.OwnerUnit,
            DataNote = req.DataNote ?? old.DataNote,
        };
        if (next.Fingerprint() == old.Fingerprint()) throw new RequestValidationException("name", "定义没有任何变化，未生成新版本");
        if (old.Source == IndicatorSources.Records && next.Counting == CountingRules.NotApplicable)
            throw new RequestValidationException("counting", "数据中心计算的指标必须指定计数规则（第一申请人或全部申请人）");
        if (next.Fractional && (old.Source != IndicatorSources.Records || next.Counting != CountingRules.AllApplicants))
            throw new RequestValidationException("fractional", "分数计数只适用于数据中心计算、按全部申请人归属的指标");
        var saved = await IndicatorCatalogue.SaveNewVersionAsync(conn, tx, next, old, me, ct);
        await tx.CommitAsync(ct);
        saved.CreatedAt = DateTime.UtcNow;
        return TypedResults.Ok(ToDto(saved));
    }
}
