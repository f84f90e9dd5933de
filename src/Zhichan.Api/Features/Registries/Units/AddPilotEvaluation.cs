using static Zhichan.Api.Features.Registries.Units.UnitVocabulary;

namespace Zhichan.Api.Features.Registries.Units;

public sealed record PilotEvaluationRequest(int? Year, string? Result, string? EvaluatedBy, string? Notes);

/// <summary>Records a yearly evaluation or review (年度评价、复核) of a pilot unit (staff); its materials are attached afterwards.</summary>
public static class AddPilotEvaluation
{
    public static async Task<Created<PilotUnitDetail>> HandleAsync(long id, PilotEvaluationRequest req, ZhichanDb db, NpgsqlDataSource ds, CurrentUser me,
        CancellationToken ct)
    {
        var u = await db.Set<PilotUnit>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new DomainException($"试点示范单位 {id} 不存在", 404);
        var v = new Validation();
        if (req.Year is null) v.Add("year", "请填写评价年度");
        else if (req.Year is < 1985 or > 2100) v.Add("year", "评价年度应在 1985 至 2100 之间");
        else if (u.RecognisedOn is { } r && req.Year < r.Year) v.Add("year", $"评价年度不能早于认定年度 {r.Year}");
        v.Vocab("result", req.Result, EvaluationResults, "评价结果").Text("evaluatedBy", req.EvaluatedBy, 100, "评价单位").Text("notes", req.Notes, 2000, "说明");
        v.ThrowIfInvalid();
        if (await db.Set<PilotUnitEvaluation>().AnyAsync(e => e.UnitId == id && e.Year == req.Year, ct))
            throw new RequestValidationException("year", $"{req.Year} 年度已有评价记录，请先删除原记录");
        db.Set<PilotUnitEvaluation>().Add(new PilotUnitEvaluation
        {
            UnitId = id, Year = req.Year!.Value, Result = req.Result!, EvaluatedBy = UnitRules.Clean(req.EvaluatedBy), Notes = UnitRules.Clean(req.Notes),
        });
        await db.SaveChangesAsync(ct);
        await using var conn = await ds.OpenConnectionAsync(ct);
        return TypedResults.Created($"/api/registries/pilots/{id}", await PilotUnits.DetailAsync(conn, id, me));
    }
}
