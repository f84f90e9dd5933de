using Zhichan.Api.Platform.Files;

namespace Zhichan.Api.Features.Transactions.Custody;

/// <summary>The calendar (with the list's filters) as an XLSX sheet with Chinese headers.</summary>
public static class ExportRenewalCalendar
{
    public static readonly string[] Header = ["权利类型", "号码", "名称", "事项", "期次", "到期日", "宽限期至", "应缴金额（元）", "当前滞纳金（元）", "状态", "剩余天数",
        "来源", "委托企业", "服务机构", "缴费日期", "收据号", "登记人"];

    public static async Task<FileContentHttpResult> HandleAsync(string? window, string? status, string? month, string? itemKind, ZhichanDb db, NpgsqlDataSource data,
        CurrentUser me, TimeProvider clock, CancellationToken ct)
    {
        var filter = new CalendarFilter(window, status, month, itemKind);
        filter.Validate();
        var view = await RenewalCalendar.BuildAsync(db, data, me, ChinaTime.Today(clock), filter, ct);
        var rows = view.Items.Select(i => (IReadOnlyList<string?>)
        [
            i.KindName, i.Number, i.Title, i.ItemKindName, i.PeriodText, i.DueDate.ToString("yyyy-MM-dd"), i.GraceEnd?.ToString("yyyy-MM-dd"), i.Amount?.ToString("0.##"),
            i.Surcharge?.ToString("0.##"), i.StatusName, i.DaysLeft.ToString(), i.Via, i.EntityName, i.AgencyName, i.PaidOn?.ToString("yyyy-MM-dd"), i.ReceiptNo, i.PaidByName,
        ]);
        var bytes = SheetImport.Write(Header, rows);
        AuditLog.Add(db, me, "export", "custody_payments", null, null, new { rows = view.Items.Count, what = "续展日历", window, status, month, itemKind });
        await db.SaveChangesAsync(ct);
        return TypedResults.File(bytes, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "renewal-calendar.xlsx");
    }
}
