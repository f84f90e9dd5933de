namespace Zhichan.Api.Features.Records.Sources.Xml;

/// <summary>
/// Splits a byte stream that is a concatenation of complete XML documents, each starting with its own
/// <c>&lt;?xml …?&gt;</c> declaration (the way USPTO and some CNIPA bulk files are delivered), into one stream per
/// document, without buffering more than a small window. A file holding a single document yields one segment.
/// A boundary is an XML declaration (optionally preceded by a UTF-8 BOM) that appears after markup of the current
/// segment; byte-level matching is safe for UTF-8, ASCII and the GB code pages (a '&lt;' is never a trail byte).
/// UTF-16 files are never split. Leading whitespace of each segment is skipped.
/// </summary>
internal sealed class XmlDocumentSplitter
{
    private const int Lookahead = 16;
    private static readonly byte[] Declaration = "<?xml"u8.ToArray();

    private readonly Stream _inner;
    private readonly byte[] _buffer = new byte[1 << 16];
    private int _pos;
    private int _len;
    private bool _eof;
    private bool _segmentOpen;
    private bool _segmentEnded;
    private bool _sawMarkup;
    private int _newlines;

    public XmlDocumentSplitter(Stream inner) => _inner = inner;

    /// <summary>Number of line breaks in the file before the current segment (to turn segment lines into file lines).</summary>
    public int LinesBefore { get; private set; }

    /// <summary>Number of segments returned so far.</summary>
    public int SegmentCount { get; private set; }

    /// <summary>The next document, or null when only whitespace remains.</summary>
    public Stream? NextSegment()
    {
        if (_segmentOpen)
        {
            // Drain what the XML reader of the previous segment left unread.
            var scratch = new byte[4096];
            while (ReadSegment(scratch) > 0) { }
        }

        _segmentOpen = false;
        _segmentEnded = false;
        _sawMarkup = false;

        // Skip whitespace between documents.
        while (true)
        {
            if (_pos == _len)
            {
                Fill();
                if (_pos == _len) return null;
            }

            var b = _buffer[_pos];
            if (b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
            {
                if (b == (byte)'\n') _newlines++;
                _pos++;
                continue;
            }

            break;
        }

        LinesBefore = _newlines;
        SegmentCount++;
        _segmentOpen = true;
        return new SegmentStream(this);
    }

    private void Fill()
    {
        if (_eof) return;
        if (_pos > 0)
        {
            Buffer.BlockCopy(_buffer, _pos, _buffer, 0, _len - _pos);
            _len -= _pos;
            _pos = 0;
        }

        while (_len < _buffer.Length && !_eof)
        {
            var n = _inner.Read(_buffer, _len, _buffer.Length - _len);
            if (n == 0) _eof = true;
            else _len += n;
            if (_len - _pos >= Lookahead) break;
        }
    }

    private int ReadSegment(Span<byte> destination)
    {
        if (_segmentEnded || destination.Length == 0) return 0;
        if (_len - _pos < Lookahead) Fill();
        var available = _len - _pos;
        if (available == 0)
        {
            _segmentEnded = true;
            return 0;
        }

        // Only scan positions where a whole boundary pattern (BOM + declaration + space) is visible.
        var limit = _eof ? available : available - Lookahead + 1;
        limit = Math.Min(limit, destination.Length);
        var count = 0;
        for (; count < limit; count++)
        {
            var at = _pos + count;
            var b = _buffer[at];
            if (b == (byte)'<')
            {
                if (_sawMarkup && IsDeclaration(at))
                {
                    _segmentEnded = true;
                    break;
                }

                _sawMarkup = true;
            }
            else if (b == 0xEF && _sawMarkup && at + 3 < _len && _buffer[at + 1] == 0xBB && _buffer[at + 2] == 0xBF && IsDeclaration(at + 3))
            {
                _segmentEnded = true;
                break;
            }
            else if (b == (byte)'\n')
            {
                _newlines++;
            }
        }

        _buffer.AsSpan(_pos, count).CopyTo(destination);
        _pos += count;
        return count;
    }

    private bool IsDeclaration(int at)
    {
        if (at + Declaration.Length >= _len) return false;
        for (var i = 0; i < Declaration.Length; i++)
            if (_buffer[at + i] != Declaration[i]) return false;
        var next = _buffer[at + Declaration.Length];
        return next is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n';
    }

    private sealed class SegmentStream(XmlDocumentSplitter owner) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => owner.ReadSegment(buffer.AsSpan(offset, count));
        public override int Read(Span<byte> buffer) => owner.ReadSegment(buffer);
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
