using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Zhichan.Api.Features.Registries.Training;

/// <summary>
/// The certificate of attendance (培训证书) as a Word document (.docx, written with DocumentFormat.OpenXml): participant, unit, event,
/// dates, hours, organiser, number, date of issue. Word is what the bureau prints and stamps; Chromium is not needed for it.
/// </summary>
public static class TrainingCertificate
{
    public static string Number(DateOnly startsOn, long eventId, int seq) => $"PX{startsOn.Year}-{eventId:D4}-{seq:D3}";

    public static byte[] Docx(TrainingEvent e, TrainingRegistration r, DateOnly issuedOn)
    {
        using var ms = new MemoryStream();
        using (var doc = WordprocessingDocument.Create(ms, WordprocessingDocumentType.Document))
        {
            var main = doc.AddMainDocumentPart();
            var dates = e.StartsOn == e.EndsOn ? $"{e.StartsOn:yyyy年M月d日}" : $"{e.StartsOn:yyyy年M月d日}至{e.EndsOn:yyyy年M月d日}";
            var unit = string.IsNullOrEmpty(r.UnitName) ? "" : $"（{r.UnitName}）";
            main.Document = new Document(new Body(
                Para("培 训 证 书", 52, bold: true, JustificationValues.Center, spaceAfter: 600),
                Para($"证书编号：{r.CertificateNumber}", 24, bold: false, JustificationValues.Right, spaceAfter: 400),
                Para($"兹证明 {r.Name}{unit} 于{dates}参加了{e.Organiser}举办的“{e.Title}”培训，完成培训学时 {e.Hours:0.#} 学时，特发此证。",
                    32, bold: false, JustificationValues.Both, spaceAfter: 800, firstLineChars: 200),
                Para(e.Organiser, 28, bold: false, JustificationValues.Right, spaceAfter: 120),
                Para($"{issuedOn:yyyy年M月d日}", 28, bold: false, JustificationValues.Right, spaceAfter: 0),
                new SectionProperties(new PageSize { Width = 11906, Height = 16838 }, new PageMargin { Top = 2000, Bottom = 1800, Left = 1800, Right = 1800 })));
            main.Document.Save();
        }
        return ms.ToArray();
    }

    private static Paragraph Para(string text, int halfPoints, bool bold, JustificationValues align, int spaceAfter, int firstLineChars = 0)
    {
        var props = new ParagraphProperties(new Justification { Val = align }, new SpacingBetweenLines { After = spaceAfter.ToString(), Line = "480", LineRule = LineSpacingRuleValues.Auto });
        if (firstLineChars > 0) props.Append(new Indentation { FirstLineChars = firstLineChars });
        var runProps = new RunProperties(new RunFonts { Ascii = "SimSun", HighAnsi = "SimSun", EastAsia = "宋体" }, new FontSize { Val = halfPoints.ToString() },
            new FontSizeComplexScript { Val = halfPoints.ToString() });
        if (bold) runProps.Append(new Bold());
        return new Paragraph(props, new Run(runProps, new Text(text) { Space = SpaceProcessingModeValues.Preserve }));
    }
}
