using System.Buffers.Binary;
using System.Text;

namespace Zhichan.Api.Features.Records.Imports;

/// <summary>
/// Encodes fields in PostgreSQL's binary COPY format (each field: a 4-byte big-endian length, -1 for NULL, then the
/// type's binary "send" form) into a reusable buffer, so that a row's fields can be encoded on any thread ahead of the
/// COPY and written as one block with <see cref="PgBinaryCopy"/>. Npgsql's binary importer resolves a converter for
/// every field it writes, a measurable share of an import's CPU (ADR 0011); this writes the bytes directly. Only the
/// types the bulk writers need.
/// </summary>
public sealed class PgBinaryFields
{
    /// <summary>Element type OIDs of the arrays written here (fixed in PostgreSQL's catalogue).</summary>
    private const int TextOid = 25, Int4Oid = 23, Int8Oid = 20;
    /// <summary>PostgreSQL's binary dates count days from 2000-01-01.</summary>
    internal static readonly int Epoch2000 = new DateOnly(2000, 1, 1).DayNumber;

    private byte[] _buf = new byte[4096];
    private int _len;

    public void Clear() => _len = 0;
    public byte[] ToArray() => _buf.AsSpan(0, _len).ToArray();
    public ReadOnlySpan<byte> Span => _buf.AsSpan(0, _len);

    private Span<byte> Take(int n)
    {
        if (_len + n > _buf.Length) Array.Resize(ref _buf, Math.Max(_buf.Length * 2, _len + n));
        var s = _buf.AsSpan(_len, n);
        _len += n;
        return s;
    }

    private void Int32(int v) => BinaryPrimitives.WriteInt32BigEndian(Take(4), v);

    public void Null() => Int32(-1);

    public void Text(string? v)
    {
        if (v is null) { Null(); return; }
        var max = Encoding.UTF8.GetMaxByteCount(v.Length);
        var at = _len;
        Take(4 + max);
        var n = Encoding.UTF8.GetBytes(v, _buf.AsSpan(at + 4));
        BinaryPrimitives.WriteInt32BigEndian(_buf.AsSpan(at), n);
        _len = at + 4 + n;
    }

    public void Date(DateOnly? v)
    {
        if (v is not { } d) { Null(); return; }
        Int32(4);
        Int32(d.DayNumber - Epoch2000);
    }

    public void Real(float? v)
    {
        if (v is not { } f) { Null(); return; }
        Int32(4);
        BinaryPrimitives.WriteSingleBigEndian(Take(4), f);
    }

    public void Int64(long v)
    {
        Int32(8);
        BinaryPrimitives.WriteInt64BigEndian(Take(8), v);
    }

    /// <summary>A value already in its binary form (e.g. a tsvector's).</summary>
    public void Raw(ReadOnlySpan<byte> value)
    {
        Int32(value.Length);
        value.CopyTo(Take(value.Length));
    }

    /// <summary>json: the JSON text in UTF-8 (the server checks its syntax and keeps it as written).</summary>
    public void Json(ReadOnlySpan<byte> utf8Json) => Raw(utf8Json);

    /// <summary>jsonb: format version 1 followed by the JSON text in UTF-8.</summary>
    public void Jsonb(ReadOnlySpan<byte> utf8Json)
    {
        Int32(utf8Json.Length + 1);
        Take(1)[0] = 1;
        utf8Json.CopyTo(Take(utf8Json.Length));
    }

    public void TextArray(IReadOnlyList<string?> items)
    {
        var at = _len;
        Take(4);
        var hasNull = false;
        foreach (var s in items) hasNull |= s is null;
        ArrayHeader(items.Count, hasNull, TextOid);
        foreach (var s in items) Text(s);
        BinaryPrimitives.WriteInt32BigEndian(_buf.AsSpan(at), _len - at - 4);
    }

    public void Int4Array(IReadOnlyList<int> items)
    {
        Int32(items.Count == 0 ? 12 : 20 + 8 * items.Count);
        ArrayHeader(items.Count, false, Int4Oid);
        foreach (var v in items) { Int32(4); Int32(v); }
    }

    public void Int8Array(IReadOnlyList<long> items)
    {
        Int32(items.Count == 0 ? 12 : 20 + 12 * items.Count);
        ArrayHeader(items.Count, false, Int8Oid);
        foreach (var v in items) { Int32(8); BinaryPrimitives.WriteInt64BigEndian(Take(8), v); }
    }

    // array_send: dimensions, has-nulls flag, element type, then per dimension its size and lower bound (1); an empty
    // array has no dimensions
    private void ArrayHeader(int count, bool hasNull, int elementOid)
    {
        Int32(count == 0 ? 0 : 1);
        Int32(hasNull ? 1 : 0);
        Int32(elementOid);
        if (count == 0) return;
        Int32(count);
        Int32(1);
    }
}

/// <summary>A binary COPY written as raw bytes: the header, rows of pre-encoded fields, the trailer.</summary>
public sealed class PgBinaryCopy : IDisposable
{
    private static readonly byte[] Header = [(byte)'P', (byte)'G', (byte)'C', (byte)'O', (byte)'P', (byte)'Y', (byte)'\n', 0xFF, (byte)'\r', (byte)'\n', 0, 0, 0, 0, 0, 0, 0, 0, 0];
    private readonly NpgsqlRawCopyStream _stream;
    private readonly byte[] _count = new byte[2];
    private bool _done;

    public PgBinaryCopy(NpgsqlConnection conn, string copyCommand)
    {
        _stream = conn.BeginRawBinaryCopy(copyCommand);
        _stream.Write(Header);
    }

    /// <summary>Starts a row of <paramref name="fields"/> fields; their encodings follow with <see cref="Write"/>.</summary>
    public void StartRow(short fields)
    {
        BinaryPrimitives.WriteInt16BigEndian(_count, fields);
        _stream.Write(_count);
    }

    public void Write(ReadOnlySpan<byte> encodedFields) => _stream.Write(encodedFields);

    /// <summary>Writes the trailer and ends the COPY (the server then reports any error in the data).</summary>
    public void Complete()
    {
        BinaryPrimitives.WriteInt16BigEndian(_count, -1);
        _stream.Write(_count);
        _done = true;
        _stream.Dispose();
    }

    public void Dispose()
    {
        if (!_done)
        {
            _done = true;
            try { _stream.Cancel(); } catch (PostgresException) { /* the cancellation is reported as an error; the caller's own exception matters */ }
            _stream.Dispose();
        }
    }
}

/// <summary>Reads fields written by <see cref="PgBinaryFields"/> back, in the same order.</summary>
public ref struct PgBinaryFieldReader(ReadOnlySpan<byte> data)
{
    private readonly ReadOnlySpan<byte> _data = data;
    private int _at;

    private int Int32()
    {
        var v = BinaryPrimitives.ReadInt32BigEndian(_data[_at..]);
        _at += 4;
        return v;
    }

    /// <summary>The next field's bytes, or null for NULL (as a default span with <paramref name="isNull"/> set).</summary>
    private ReadOnlySpan<byte> Field(out bool isNull)
    {
        var n = Int32();
        isNull = n < 0;
        if (isNull) return default;
        var s = _data.Slice(_at, n);
        _at += n;
        return s;
    }

    public void Skip() => Field(out _);

    public string? Text()
    {
        var s = Field(out var isNull);
        return isNull ? null : Encoding.UTF8.GetString(s);
    }

    public DateOnly? Date()
    {
        var s = Field(out var isNull);
        return isNull ? null : DateOnly.FromDayNumber(BinaryPrimitives.ReadInt32BigEndian(s) + PgBinaryFields.Epoch2000);
    }

    public float? Real()
    {
        var s = Field(out var isNull);
        return isNull ? null : BinaryPrimitives.ReadSingleBigEndian(s);
    }

    /// <summary>The JSON text of a jsonb field (after its version byte).</summary>
    public ReadOnlySpan<byte> Jsonb() => Field(out _)[1..];

    /// <summary>The JSON text of a json field.</summary>
    public ReadOnlySpan<byte> Json() => Field(out _);

    public string[] TextArray()
    {
        var n = ArrayHeader();
        var items = new string[n];
        for (var i = 0; i < n; i++) items[i] = Text()!;
        return items;
    }

    public int[] Int4Array()
    {
        var n = ArrayHeader();
        var items = new int[n];
        for (var i = 0; i < n; i++) { Int32(); items[i] = Int32(); }
        return items;
    }

    private int ArrayHeader()
    {
        Int32(); // the field's length
        var dims = Int32();
        Int32(); // has nulls
        Int32(); // element type
        if (dims == 0) return 0;
        var n = Int32();
        Int32(); // lower bound
        return n;
    }
}
