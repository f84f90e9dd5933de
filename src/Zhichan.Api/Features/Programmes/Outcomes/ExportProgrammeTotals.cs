using Zhichan.Api.Platform.Files;

namespace Zhichan.Api.Features.Programmes.Outcomes;

/// <summary>The totals per call as XLSX (Chinese headers), with the per-type sums after the calls and the overall line last.</summary>
public static class ExportProgrammeTotals
{
    public static async Task<FileContentHttpResult> HandleAsync(int? year, ZhichanDb db, CurrentUser me, CancellationToken ct)
    {
        var t = await GetProgrammeTotals.BuildAsync(db, year, ct);
        string[] header = ["类别", "项目类型", "批次", "年度", "示例数据", "申报数", "认定/立项数", "不予数", "核定金额（元）", "已拨付（元）", "预算（元）", "预算使用率（%）", "各等次"];
        static string? N(decimal? d) => d?.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);
        IReadOnlyList<string?> Line(string kind, TotalsRow r) =>
        [
            kind, r.TypeName ?? (kind == "项目类型" ? r.Name : null), kind == "批次" ? r.Name : null, r.Year?.ToString(), r.IsExample ? "是" : "",
            r.Applications.ToString(), r.Approved.ToString(), r.Refused.ToString(), N(r.Granted), N(r.Paid), N(r.Budget), N(r.BudgetUsedPercent),
            string.Join("；", r.Levels.Select(l => $"{l.Label} {l.Approved} 项 {N(l.Granted)} 元")),
        ];
        var rows = t.Calls.Select(r => Line("批次", r)).Concat(t.Types.Select(r => Line("项目类型", r))).Append(Line("合计", t.Overall)).ToList();
        var bytes = SheetImport.Write(header, rows);
        AuditLog.Add(db, me, "export", "programme_payments", null, null, new { year, rows = rows.Count });
        await db.SaveChangesAsync(ct);
        return TypedResults.File(bytes, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"programme-totals{(year is null ? "" : $"-{year}")}.xlsx");
    }
}
