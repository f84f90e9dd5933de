using System.Xml;

namespace Zhichan.Api.Features.Records.Sources.Xml;

/// <summary>
/// Reads an XML file once to the end before anything is written, so a file that is malformed halfway through is
/// rejected whole with the line and column of the fault instead of being half imported.
/// </summary>
public static class XmlWellFormed
{
    public static void Check(Stream s, string sourceName)
    {
        var start = s.Position;
        try
        {
            using var reader = XmlReader.Create(s, XmlSecurity.ReaderSettings() is var st ? Close(st) : null);
            while (reader.Read()) { }
        }
        catch (XmlException e)
        {
            throw XmlSecurity.Translate(e, sourceName, 0);
        }
        finally
        {
            s.Position = start;
        }
    }

    private static XmlReaderSettings Close(XmlReaderSettings s)
    {
        s.CloseInput = false;
        return s;
    }
}
