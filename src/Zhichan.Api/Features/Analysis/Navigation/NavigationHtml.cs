using System.Net;
using System.Text;

namespace Zhichan.Api.Features.Analysis.Navigation;

/// <summary>The report as a printable HTML page (charts inline as PNG), printed to PDF by headless Chromium.</summary>
public static class NavigationHtml
{
    private static string E(string s) => WebUtility.HtmlEncode(s);

    public static string Render(NavigationReport report, NavigationCharts charts)
    {
        var d = report.Data;
        var sb = new StringBuilder("""
            <!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>专利导航报告</title><style>
            body{font-family:"WenQuanYi Micro Hei","Noto Sans CJK SC",sans-serif;font-size:12pt;margin:2cm;color:#222}
            h1{font-size:22pt;margin-top:0} h2{font-size:16pt;page-break-before:always} h3{font-size:13pt}
            table{border-collapse:collapse;width:100%;margin:6pt 0} td,th{border:1px solid #999;padding:3pt 5pt;font-size:10pt}
            img{width:100%;max-width:16cm} .note{color:#666;font-size:9.5pt} .meta p{margin:3pt 0}
            </style></head><body>
            """);
        sb.Append($"<h1>专利导航报告</h1><h1>{E(report.Title)}</h1><div class=\"meta\">");
        sb.Append($"<p>类型：{E(report.KindName)}（GB/T 39551.{report.Part}-2020）</p>");
        sb.Append($"<p>检索式：{E(string.IsNullOrEmpty(d.Expression) ? "（无）" : d.Expression)}</p>");
        if (d.Ipc.Length > 0) sb.Append($"<p>IPC：{E(string.Join("、", d.Ipc))}</p>");
        sb.Append($"<p>申请年份：{d.YearFrom}–{d.YearTo}；关注地区：{E(d.RegionName)}；对比地区：{E(string.Join("、", d.Comparison.Select(c => c.Name)))}</p>");
        sb.Append($"<p>范围内记录：{d.Total} 件；数据日期：{(d.DataDate is { } dd ? dd.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm") : "未导入数据")}</p>");
        sb.Append(report.Version is { } v ? $"<p>第 {v} 版，{E(report.PublishedBy ?? "")} 发布于 {report.PublishedAt!.Value.ToOffset(TimeSpan.FromHours(8)):yyyy-MM-dd HH:mm}</p>" : "<p>草稿（未发布）</p>");
        sb.Append("</div>");
        foreach (var c in report.Chapters)
        {
            sb.Append($"<h2>{E(c.Title)}</h2>");
            foreach (var line in (c.Narrative.Length == 0 ? "（本章正文尚未撰写。）" : c.Narrative).Split('\n')) sb.Append($"<p>{E(line)}</p>");
            foreach (var a in c.Analyses)
            {
                sb.Append($"<h3>{E(a.Title)}</h3>");
                if (charts.Png(a) is { } png) sb.Append($"<img alt=\"{E(a.Title)}\" src=\"data:image/png;base64,{Convert.ToBase64String(png)}\">");
                if (a.Rows.Length > 0)
                {
                    sb.Append("<table><tr>").AppendJoin("", a.Columns.Select(x => $"<th>{E(x)}</th>")).Append("</tr>");
                    foreach (var r in a.Rows) sb.Append("<tr>").AppendJoin("", r.Select(x => $"<td>{E(x)}</td>")).Append("</tr>");
                    sb.Append("</table>");
                }
                if (a.Note is { Length: > 0 } note) sb.Append($"<p class=\"note\">{E(note)}</p>");
            }
        }
        return sb.Append("</body></html>").ToString();
    }
}
