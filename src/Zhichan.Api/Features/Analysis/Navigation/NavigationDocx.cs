using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using A = DocumentFormat.OpenXml.Drawing;
using DW = DocumentFormat.OpenXml.Drawing.Wordprocessing;
using PIC = DocumentFormat.OpenXml.Drawing.Pictures;

namespace Zhichan.Api.Features.Analysis.Navigation;

/// <summary>
/// The report as a Word document: a title page, each chapter under a Heading 1 (so Word's navigation pane lists them), each
/// analysis under a Heading 2 with its chart as a PNG and its table, and the chapter's narrative; 宋体 for text, 黑体 for headings.
/// </summary>
public static class NavigationDocx
{
    private const long EmuPerPixel = 9525;

    public static byte[] Write(NavigationReport report, NavigationCharts charts)
    {
        using var ms = new MemoryStream();
        using (var doc = WordprocessingDocument.Create(ms, WordprocessingDocumentType.Document))
        {
            var main = doc.AddMainDocumentPart();
            AddStyles(main);
            var body = new Body();
            main.Document = new Document(body);
            var d = report.Data;
            body.Append(Para("专利导航报告", "Title"));
            body.Append(Para(report.Title, "Subtitle"));
            body.Append(Para($"类型：{report.KindName}（GB/T 39551.{report.Part}-2020）"));
            body.Append(Para($"检索式：{(string.IsNullOrEmpty(d.Expression) ? "（无）" : d.Expression)}"));
            if (d.Ipc.Length > 0) body.Append(Para($"IPC：{string.Join("、", d.Ipc)}"));
            if (d.Industries.Length > 0) body.Append(Para($"行业：{string.Join("、", d.Industries)}"));
            body.Append(Para($"申请年份：{d.YearFrom}–{d.YearTo}；关注地区：{d.RegionName}；对比地区：{string.Join("、", d.Comparison.Select(c => c.Name))}"));
            body.Append(Para($"范围内记录：{d.Total} 件；数据日期：{(d.DataDate is { } dd ? dd.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm") : "未导入数据")}"));
            body.Append(Para(report.Version is { } v ? $"第 {v} 版，{report.PublishedBy} 发布于 {report.PublishedAt!.Value.ToOffset(TimeSpan.FromHours(8)):yyyy-MM-dd HH:mm}" : "草稿（未发布）"));
            body.Append(new Paragraph(new Run(new Break { Type = BreakValues.Page })));

            uint pic = 1;
            foreach (var chapter in report.Chapters)
            {
                body.Append(Para(chapter.Title, "Heading1"));
                foreach (var line in (chapter.Narrative.Length == 0 ? "（本章正文尚未撰写。）" : chapter.Narrative).Split('\n'))
                    body.Append(Para(line.TrimEnd('\r')));
                foreach (var a in chapter.Analyses)
                {
                    body.Append(Para(a.Title, "Heading2"));
                    if (charts.Png(a) is { } png)
                    {
                        var part = main.AddImagePart(ImagePartType.Png);
                        using (var s = new MemoryStream(png)) part.FeedData(s);
                        body.Append(new Paragraph(new Run(Image(main.GetIdOfPart(part), pic++, a.Title))));
                    }
                    if (a.Rows.Length > 0) body.Append(Table(a));
                    if (a.Note is { Length: > 0 } note) body.Append(Para(note, "Caption"));
                }
            }
            body.Append(new SectionProperties(new PageSize { Width = 11906, Height = 16838 },
                new PageMargin { Top = 1440, Bottom = 1440, Left = 1440, Right = 1440, Header = 720, Footer = 720 }));
            main.Document.Save();
        }
        return ms.ToArray();
    }

    private static Paragraph Para(string text, string? style = null)
    {
        var p = new Paragraph();
        if (style is not null) p.Append(new ParagraphProperties(new ParagraphStyleId { Val = style }));
        p.Append(new Run(new Text(text) { Space = SpaceProcessingModeValues.Preserve }));
        return p;
    }

    private static RunFonts Fonts(string eastAsia) => new() { Ascii = "Times New Roman", HighAnsi = "Times New Roman", EastAsia = eastAsia, Hint = FontTypeHintValues.EastAsia };

    private static Style ParagraphStyle(string id, string name, string eastAsia, int halfPoints, bool bold, int? outline = null, string? basedOn = "Normal")
    {
        var rpr = new StyleRunProperties(Fonts(eastAsia), new FontSize { Val = halfPoints.ToString() }, new FontSizeComplexScript { Val = halfPoints.ToString() });
        if (bold) rpr.Append(new Bold());
        var ppr = new StyleParagraphProperties(new SpacingBetweenLines { Before = outline is null ? "0" : "240", After = "120" });
        if (outline is { } o) ppr.Append(new KeepNext(), new OutlineLevel { Val = o });
        var s = new Style(new StyleName { Val = name }, new PrimaryStyle(), ppr, rpr) { Type = StyleValues.Paragraph, StyleId = id };
        if (basedOn is not null) s.InsertAt(new BasedOn { Val = basedOn }, 1);
        if (outline is not null) s.InsertAt(new NextParagraphStyle { Val = "Normal" }, 2);
        return s;
    }

    private static void AddStyles(MainDocumentPart main)
    {
        var part = main.AddNewPart<StyleDefinitionsPart>();
        var normal = ParagraphStyle("Normal", "Normal", "宋体", 24, false, basedOn: null);
        normal.Default = true;
        part.Styles = new Styles(
            new DocDefaults(new RunPropertiesDefault(new RunPropertiesBaseStyle(Fonts("宋体"), new Languages { EastAsia = "zh-CN" }))),
            normal,
            ParagraphStyle("Title", "Title", "黑体", 44, true),
            ParagraphStyle("Subtitle", "Subtitle", "黑体", 32, false),
            ParagraphStyle("Heading1", "heading 1", "黑体", 32, true, 0),
            ParagraphStyle("Heading2", "heading 2", "黑体", 28, true, 1),
            ParagraphStyle("Caption", "caption", "宋体", 20, false),
            new Style(new StyleName { Val = "Table Grid" }, new StyleTableProperties(new TableBorders(
                new TopBorder { Val = BorderValues.Single, Size = 4 }, new BottomBorder { Val = BorderValues.Single, Size = 4 },
                new LeftBorder { Val = BorderValues.Single, Size = 4 }, new RightBorder { Val = BorderValues.Single, Size = 4 },
                new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4 }, new InsideVerticalBorder { Val = BorderValues.Single, Size = 4 })))
            { Type = StyleValues.Table, StyleId = "TableGrid" });
    }

    private static Table Table(NavigationAnalysis a)
    {
        var t = new Table(new TableProperties(new TableStyle { Val = "TableGrid" }, new TableWidth { Type = TableWidthUnitValues.Pct, Width = "5000" }));
        t.Append(Row(a.Columns, true));
        foreach (var r in a.Rows) t.Append(Row(r, false));
        return t;
    }

    private static TableRow Row(IEnumerable<string> cells, bool header)
    {
        var row = new TableRow();
        if (header) row.Append(new TableRowProperties(new TableHeader()));
        foreach (var c in cells)
        {
            var run = new Run(new Text(c) { Space = SpaceProcessingModeValues.Preserve });
            if (header) run.PrependChild(new RunProperties(new Bold(), new RunFonts { EastAsia = "黑体" }));
            row.Append(new TableCell(new Paragraph(run)));
        }
        return row;
    }

    private static Drawing Image(string relId, uint id, string name)
    {
        const long cx = 600 * EmuPerPixel, cy = 320 * EmuPerPixel;
        return new Drawing(new DW.Inline(
            new DW.Extent { Cx = cx, Cy = cy },
            new DW.EffectExtent { LeftEdge = 0, TopEdge = 0, RightEdge = 0, BottomEdge = 0 },
            new DW.DocProperties { Id = id, Name = $"图 {id}", Description = name },
            new DW.NonVisualGraphicFrameDrawingProperties(new A.GraphicFrameLocks { NoChangeAspect = true }),
            new A.Graphic(new A.GraphicData(
                new PIC.Picture(
                    new PIC.NonVisualPictureProperties(new PIC.NonVisualDrawingProperties { Id = id, Name = $"chart{id}.png" }, new PIC.NonVisualPictureDrawingProperties()),
                    new PIC.BlipFill(new A.Blip { Embed = relId }, new A.Stretch(new A.FillRectangle())),
                    new PIC.ShapeProperties(new A.Transform2D(new A.Offset { X = 0, Y = 0 }, new A.Extents { Cx = cx, Cy = cy }),
                        new A.PresetGeometry(new A.AdjustValueList()) { Preset = A.ShapeTypeValues.Rectangle })))
            { Uri = "http://schemas.openxmlformats.org/drawingml/2006/picture" }))
        { DistanceFromTop = 0, DistanceFromBottom = 0, DistanceFromLeft = 0, DistanceFromRight = 0 });
    }
}
