using System.Net;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Zhichan.Api.Features.Analysis.Appraisals;

/// <summary>
/// The opinion (知识产权分析评议意见书) as Word (.docx, OpenXml, Word's own heading styles so the navigation pane and a table of
/// contents work, 宋体/黑体 as East Asian fonts) and as HTML for the PDF: project, scope, method, the findings per checklist item
/// with their risk levels, the linked records, the opinion, conclusion and recommendations, the signature block and the date.
/// </summary>
public static class AppraisalOpinionDocument
{
    public sealed record Content(AppraisalDetail A, DateOnly Date);

    public static readonly string[] Headings = ["一、项目概况", "二、评议范围", "三、评议方法", "四、核查结论", "五、关联专利", "六、评议意见", "七、结论与建议"];

    private static List<(string Label, string Value)> Overview(AppraisalDetail a) =>
    [
        ("项目名称", a.Summary.ProjectName), ("项目主体", a.Summary.OwnerName + (a.OwnerCreditCode is null ? "" : $"（统一社会信用代码 {a.OwnerCreditCode}）")),
        ("活动类型", a.Summary.ActivityKindName), ("评议事由", a.Reason), ("涉及技术", a.Technologies + (a.IpcCodes.Length > 0 ? $"（IPC：{string.Join("、", a.IpcCodes)}）" : "")),
        ("项目金额", a.Amount is { } m ? $"{m:0.##} 万元" : "未填写"), ("服务机构", a.AgencyName ?? "无"), ("当前状态", a.Summary.StatusName),
    ];

    private static List<EvidenceItem> LinkedRecords(AppraisalDetail a) => a.Checks.FirstOrDefault(c => c.Code == "records")?.Evidence ?? [];

    private static string Or(string? s, string empty) => string.IsNullOrWhiteSpace(s) ? empty : s;

    public static byte[] Docx(Content c)
    {
        var a = c.A;
        using var ms = new MemoryStream();
        using (var doc = WordprocessingDocument.Create(ms, WordprocessingDocumentType.Document))
        {
            var main = doc.AddMainDocumentPart();
            main.AddNewPart<StyleDefinitionsPart>().Styles = Styles();
            var body = new Body();
            body.Append(P("知识产权分析评议意见书", "Title"));
            body.Append(P($"评议编号：PY-{a.Summary.CreatedAt:yyyy}-{a.Summary.Id:D4}", null, JustificationValues.Right));
            body.Append(P(Headings[0], "Heading1"));
            body.Append(Table(["事项", "内容"], Overview(a).Select(x => new[] { x.Label, x.Value })));
            body.Append(P(Headings[1], "Heading1"), P(Or(a.ScopeText, "（未填写）")));
            body.Append(P(Headings[2], "Heading1"), P(Or(a.MethodText, "（未填写）")));
            body.Append(P(Headings[3], "Heading1"));
            body.Append(Table(["核查项", "阶段", "结论", "说明", "平台证据"], a.Checks.Select(k => new[]
                { k.Label, k.StageName, k.StateName, Or(k.Note, "—"), k.Evidence.Count == 0 ? "—" : $"{k.Evidence.Count} 条" })));
            body.Append(P(Headings[4], "Heading1"));
            var linked = LinkedRecords(a);
            if (linked.Count == 0) body.Append(P("未检索到关联专利（申请未列明申请号或检索式，或尚未从平台数据检索）。"));
            else body.Append(Table(["申请号", "名称", "申请人及授权", "申请日"], linked.Select(r => new[] { r.Ref, r.Title, r.Detail ?? "", r.Date ?? "" })));
            body.Append(P(Headings[5], "Heading1"), P(Or(a.OpinionText, "（未填写）")));
            body.Append(P(Headings[6], "Heading1"), P("结论", "Heading2"), P(Or(a.ConclusionText, "（未填写）")), P("建议", "Heading2"), P(Or(a.Recommendations, "（未填写）")));
            body.Append(P(""), P($"评议机构（盖章）：{a.AgencyName ?? "连云港市知识产权局"}", null, JustificationValues.Right),
                P($"评议人：{a.Summary.HandlerName ?? ""}　　　审核人：", null, JustificationValues.Right), P($"{c.Date:yyyy年M月d日}", null, JustificationValues.Right));
            body.Append(new SectionProperties(new PageSize { Width = 11906, Height = 16838 }, new PageMargin { Top = 1440, Bottom = 1440, Left = 1800, Right = 1800 }));
            main.Document = new Document(body);
            main.Document.Save();
        }
        return ms.ToArray();
    }

    private static Styles Styles()
    {
        Style S(string id, string name, string font, int halfPoints, bool bold, int? outline = null)
        {
            var run = new StyleRunProperties(new RunFonts { Ascii = font == "黑体" ? "SimHei" : "SimSun", HighAnsi = font == "黑体" ? "SimHei" : "SimSun", EastAsia = font },
                new FontSize { Val = halfPoints.ToString() }, new FontSizeComplexScript { Val = halfPoints.ToString() });
            if (bold) run.Append(new Bold());
            var para = new StyleParagraphProperties(new SpacingBetweenLines { Before = outline is null ? "0" : "240", After = "120", Line = "360", LineRule = LineSpacingRuleValues.Auto });
            if (outline is { } o) para.Append(new KeepNext(), new OutlineLevel { Val = o });
            if (id == "Title") para.Append(new Justification { Val = JustificationValues.Center });
            var s = new Style(new StyleName { Val = name }, new PrimaryStyle(), para, run) { Type = StyleValues.Paragraph, StyleId = id };
            if (id != "Normal") s.Append(new BasedOn { Val = "Normal" }, new NextParagraphStyle { Val = "Normal" });
            if (id == "Normal") s.Default = true;
            return s;
        }
        return new Styles(S("Normal", "Normal", "宋体", 24, false), S("Title", "Title", "黑体", 36, true), S("Heading1", "heading 1", "黑体", 30, true, 0),
            S("Heading2", "heading 2", "黑体", 26, true, 1));
    }

    private static Paragraph P(string text, string? style = null, JustificationValues? align = null)
    {
        var props = new ParagraphProperties();
        if (style is not null) props.Append(new ParagraphStyleId { Val = style });
        if (align is { } j) props.Append(new Justification { Val = j });
        var p = new Paragraph(props);
        var lines = text.Replace("\r\n", "\n").Split('\n');
        var run = new Run();
        for (var i = 0; i < lines.Length; i++)
        {
            if (i > 0) run.Append(new Break());
            run.Append(new Text(lines[i]) { Space = SpaceProcessingModeValues.Preserve });
        }
        p.Append(run);
        return p;
    }

    private static Table Table(string[] header, IEnumerable<string[]> rows)
    {
        var border = new TableBorders(new TopBorder { Val = BorderValues.Single, Size = 4 }, new BottomBorder { Val = BorderValues.Single, Size = 4 },
            new LeftBorder { Val = BorderValues.Single, Size = 4 }, new RightBorder { Val = BorderValues.Single, Size = 4 },
            new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4 }, new InsideVerticalBorder { Val = BorderValues.Single, Size = 4 });
        var t = new Table(new TableProperties(border, new TableWidth { Type = TableWidthUnitValues.Pct, Width = "5000" }));
        TableRow Row(string[] cells, bool head) => new(cells.Select(x =>
        {
            var run = new Run(new Text(x) { Space = SpaceProcessingModeValues.Preserve });
            if (head) run.PrependChild(new RunProperties(new Bold()));
            return new TableCell(new Paragraph(run));
        }));
        t.Append(Row(header, true));
        foreach (var r in rows) t.Append(Row(r, false));
        return t;
    }

    public static string Html(Content c)
    {
        var a = c.A;
        string E(string? s) => WebUtility.HtmlEncode(s ?? "").Replace("\n", "<br>");
        string Tbl(string[] header, IEnumerable<string[]> rows) =>
            "<table><tr>" + string.Concat(header.Select(h => $"<th>{E(h)}</th>")) + "</tr>" +
            string.Concat(rows.Select(r => "<tr>" + string.Concat(r.Select(x => $"<td>{E(x)}</td>")) + "</tr>")) + "</table>";
        var sb = new StringBuilder("""
            <!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>知识产权分析评议意见书</title><style>
            body{font-family:"WenQuanYi Micro Hei","Noto Sans CJK SC",SimSun,sans-serif;font-size:12pt;margin:2cm;line-height:1.6}
            h1{text-align:center;font-size:20pt}h2{font-size:15pt;margin-top:1.2em}h3{font-size:13pt}
            table{border-collapse:collapse;width:100%;margin:.5em 0}th,td{border:1px solid #333;padding:4px 6px;font-size:10.5pt;vertical-align:top}
            .right{text-align:right}</style></head><body>
            """);
        sb.Append($"<h1>知识产权分析评议意见书</h1><p class=\"right\">评议编号：PY-{a.Summary.CreatedAt:yyyy}-{a.Summary.Id:D4}</p>");
        sb.Append($"<h2>{Headings[0]}</h2>").Append(Tbl(["事项", "内容"], Overview(a).Select(x => new[] { x.Label, x.Value })));
        sb.Append($"<h2>{Headings[1]}</h2><p>{E(Or(a.ScopeText, "（未填写）"))}</p><h2>{Headings[2]}</h2><p>{E(Or(a.MethodText, "（未填写）"))}</p>");
        sb.Append($"<h2>{Headings[3]}</h2>").Append(Tbl(["核查项", "阶段", "结论", "说明", "平台证据"], a.Checks.Select(k => new[]
            { k.Label, k.StageName, k.StateName, Or(k.Note, "—"), k.Evidence.Count == 0 ? "—" : $"{k.Evidence.Count} 条" })));
        sb.Append($"<h2>{Headings[4]}</h2>");
        var linked = LinkedRecords(a);
        sb.Append(linked.Count == 0 ? "<p>未检索到关联专利（申请未列明申请号或检索式，或尚未从平台数据检索）。</p>"
            : Tbl(["申请号", "名称", "申请人及授权", "申请日"], linked.Select(r => new[] { r.Ref, r.Title, r.Detail ?? "", r.Date ?? "" })));
        sb.Append($"<h2>{Headings[5]}</h2><p>{E(Or(a.OpinionText, "（未填写）"))}</p>");
        sb.Append($"<h2>{Headings[6]}</h2><h3>结论</h3><p>{E(Or(a.ConclusionText, "（未填写）"))}</p><h3>建议</h3><p>{E(Or(a.Recommendations, "（未填写）"))}</p>");
        sb.Append($"<p class=\"right\" style=\"margin-top:3em\">评议机构（盖章）：{E(a.AgencyName ?? "连云港市知识产权局")}</p>");
        sb.Append($"<p class=\"right\">评议人：{E(a.Summary.HandlerName)}　　　审核人：</p><p class=\"right\">{c.Date:yyyy年M月d日}</p></body></html>");
        return sb.ToString();
    }
}
