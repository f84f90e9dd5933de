using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using static Zhichan.Api.Features.Plans.Assessments.AssessmentQueries;
using static Zhichan.Api.Features.Plans.Assessments.AssessmentScoring;

namespace Zhichan.Api.Features.Plans.Assessments;

/// <summary>Exports the ranking and the reasons as XLSX.</summary>
public static class ExportAssessment
{
    public static async Task<FileContentHttpResult> HandleAsync(long schemeId, NpgsqlDataSource db, CurrentUser me, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var a = await LoadAsync(conn, schemeId, me);
        var title = await conn.ExecuteScalarAsync<string>("SELECT title FROM plans WHERE id = @PlanId", new { a.Scheme.PlanId });
        var header = new List<object?> { "排名", "单位", "地区代码" };
        header.AddRange(a.Items.Select(i => (object?)$"{i.Name}（{(i.Kind == "penalty" ? "-" : "")}{i.Weight:0.##}分）"));
        header.AddRange(["总分", "未评分项"]);
        var ranking = new List<IReadOnlyList<object?>> { new object?[] { $"{title} {a.Scheme.Year} 年度{TargetKindName(a.Scheme.TargetKind)}考核结果（{(a.Scheme.Status == "published" ? "已发布" : "草稿")}）" }, header };
        foreach (var r in a.Ranking)
        {
            var row = new List<object?> { r.Rank, r.Unit, r.RegionCode };
            row.AddRange(a.Items.Select(i => (object?)r.Scores.First(x => x.ItemId == i.Id).Score));
            row.AddRange([r.Total, r.Unscored]);
            ranking.Add(row);
        }
        var reasons = new List<IReadOnlyList<object?>> { new object?[] { "单位", "考核项", "分值", "得分", "评分方式", "评分依据" } };
        foreach (var r in a.Ranking)
        foreach (var i in a.Items)
        {
            var sc = r.Scores.First(x => x.ItemId == i.Id);
            reasons.Add([r.Unit, i.Name, i.Weight, sc.Score, sc.Score is null ? "未评分" : sc.Automatic ? "自动" : "人工", sc.Reason]);
        }
        var items = new List<IReadOnlyList<object?>> { new object?[] { "序号", "考核项", "类型", "分值", "指标", "评分规则" } };
        items.AddRange(a.Items.Select(i => (IReadOnlyList<object?>)[i.Seq, i.Name, i.Kind, i.Weight, i.IndicatorCode, i.Rule]));
        using var ms = new MemoryStream();
        WriteWorkbook(ms, [("排名", ranking), ("评分依据", reasons), ("考核项", items)]);
        await AuditLog.WriteAsync(conn, null, me, "export", "assessment_schemes", schemeId.ToString(), null, new { rows = a.Ranking.Count }, ct);
        return TypedResults.File(ms.ToArray(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"assessment-{a.Scheme.Year}-{schemeId}.xlsx");
    }
}
