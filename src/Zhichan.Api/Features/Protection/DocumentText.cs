using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Zhichan.Api.Features.Protection;

/// <summary>
/// The plain text of an uploaded decision document, for a masked public rendering (ADR 0208): txt (UTF-8, else GB18030) and docx.
/// Other formats (pdf, images) give null: staff paste the text, and the upload itself is never published.
/// </summary>
public static class DocumentText
{
    public static string? Extract(string fileName, byte[] content)
    {
        try
        {
            switch (Path.GetExtension(fileName).ToLowerInvariant())
            {
                case ".txt":
                    try { return Clean(new UTF8Encoding(false, true).GetString(content)); }
                    catch (DecoderFallbackException)
                    {
                        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
                        return Clean(Encoding.GetEncoding("GB18030").GetString(content));
                    }
                case ".docx":
                    using (var doc = WordprocessingDocument.Open(new MemoryStream(content), false))
                    {
                        var body = doc.MainDocumentPart?.Document?.Body;
                        return body is null ? null : Clean(string.Join("\n", body.Descendants<Paragraph>().Select(p => p.InnerText)));
                    }
                default:
                    return null;
            }
        }
        catch (Exception e) when (e is IOException or InvalidDataException or DocumentFormat.OpenXml.Packaging.OpenXmlPackageException or System.Xml.XmlException)
        {
            return null;
        }
    }

    private static string? Clean(string s)
    {
        s = s.TrimStart('\uFEFF').Replace("\r\n", "\n").Trim();
        return s.Length == 0 ? null : s;
    }
}
