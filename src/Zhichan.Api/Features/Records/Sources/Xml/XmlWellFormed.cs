using System.Xml;

namespace Zhichan.Api.Features.Records.Sources.Xml;

/// <summary>
/// Reads an XML file once to the end before anything is written, so a file that is malformed halfway through is
/// rejected whole with the line and column of the fault instead of being half imported. A file of several complete
/// documents one after the other (USPTO weekly files: an <c>&lt;?xml</c> declaration per document) is checked document by
/// document, as <see cref="XmlDocumentWalker"/> reads it.
/// </summary>
public static class XmlWellFormed
{
    /// <summary>Checks every document of the stream; returns how many there are.</summary>
    public static int Check(Stream s, string sourceName)
    {
        var start = s.Position;
        var splitter = new XmlDocumentSplitter(s);
        try
        {
            while (splitter.NextSegment() is { } segment)
            {
                using var reader = XmlReader.Create(segment, XmlSecurity.ReaderSettings());
                while (reader.Read()) { }
            }
            return splitter.SegmentCount;
        }
        catch (XmlException e)
        {
            throw XmlSecurity.Translate(e, sourceName, splitter.LinesBefore);
        }
        finally
        {
            s.Position = start;
        }
    }
}
