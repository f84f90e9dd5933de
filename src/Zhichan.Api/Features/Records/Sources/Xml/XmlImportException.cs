namespace Zhichan.Api.Features.Records.Sources.Xml;

/// <summary>
/// An XML file that cannot be imported: malformed XML (with the line and column of the error, counted from the start
/// of the file), an empty file, or a format that is not recognised. <see cref="Exception.Message"/> is Chinese and
/// meant to be shown to the user as is.
/// </summary>
public sealed class XmlImportException : Exception
{
    public XmlImportException(string message, string? sourceName = null, int lineNumber = 0, int linePosition = 0, Exception? innerException = null)
        : base(message, innerException)
    {
        SourceName = sourceName;
        LineNumber = lineNumber;
        LinePosition = linePosition;
    }

    /// <summary>File name given to the reader, when known.</summary>
    public string? SourceName { get; }

    /// <summary>1-based line of the error in the file; 0 when the error is not tied to a position.</summary>
    public int LineNumber { get; }

    /// <summary>1-based column of the error; 0 when unknown.</summary>
    public int LinePosition { get; }

    internal static XmlImportException Empty(string? sourceName) => new("文件为空", sourceName);
}
