using Zhichan.Api.Features.Records.Sources.Tabular;

namespace Zhichan.Api.Features.Records.Sources;

/// <summary>Which reader a file needs when its format is "auto" (an import, a preview).</summary>
public static class SourceFormat
{
    /// <summary>
    /// "xlsx" for a zip, "xml" when the first character after a BOM and white space is '&lt;' (or, failing that, the name
    /// ends in .xml), else "csv". The stream is left where it was.
    /// </summary>
    public static string Sniff(Stream s, string fileName)
    {
        if (TabularSource.IsZip(s)) return "xlsx";
        var pos = s.Position;
        var buf = new byte[256];
        var n = s.Read(buf, 0, buf.Length);
        s.Position = pos;
        var i = 0;
        if (n >= 3 && buf[0] == 0xEF && buf[1] == 0xBB && buf[2] == 0xBF) i = 3;
        while (i < n && buf[i] is (byte)' ' or (byte)'\r' or (byte)'\n' or (byte)'\t') i++;
        if (i < n && buf[i] == (byte)'<') return "xml";
        return fileName.EndsWith(".xml", StringComparison.OrdinalIgnoreCase) ? "xml" : "csv";
    }
}
