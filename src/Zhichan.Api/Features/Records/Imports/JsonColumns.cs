using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Zhichan.Api.Features.Records.Attribution;

namespace Zhichan.Api.Features.Records.Imports;

/// <summary>
/// The record's five JSON columns written for the COPY with one reused <see cref="Utf8JsonWriter"/> per thread: the
/// same bytes as <c>JsonSerializer</c> with <see cref="RecordJson.Columns"/> (web names, nulls written, CJK text as
/// UTF-8 — a test compares them on 30,000 records of the 2017 file and on values that need escaping), without the
/// serializer's per-call state and result array, five of each a record (ADR 0011). Reading them back still uses the
/// serializer.
/// </summary>
internal sealed class JsonColumns
{
    [ThreadStatic] private static JsonColumns? t_current;

    /// <summary>This thread's writer (each normalising thread has its own).</summary>
    public static JsonColumns Current => t_current ??= new JsonColumns();

    private readonly ArrayBufferWriter<byte> _buffer = new(1024);
    private readonly Utf8JsonWriter _json;

    private JsonColumns() => _json = new Utf8JsonWriter(_buffer, new JsonWriterOptions
    {
        Encoder = RecordJson.Columns.Options.Encoder,
        SkipValidation = true,
    });

    private Utf8JsonWriter Start()
    {
        _buffer.ResetWrittenCount();
        _json.Reset(_buffer);
        return _json;
    }

    private ReadOnlySpan<byte> Done()
    {
        _json.Flush();
        return _buffer.WrittenSpan;
    }

    /// <summary>A JSON array with one object per element, its properties written by <paramref name="properties"/>.</summary>
    private ReadOnlySpan<byte> Objects<T>(List<T> list, Action<Utf8JsonWriter, T> properties)
    {
        var w = Start();
        w.WriteStartArray();
        foreach (var e in list)
        {
            w.WriteStartObject();
            properties(w, e);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        return Done();
    }

    public ReadOnlySpan<byte> Industries(List<IndustryShare> list) => Objects(list, static (w, i) =>
    {
        String(w, "code"u8, i.Code);
        w.WriteNumber("weight"u8, i.Weight);
    });

    public ReadOnlySpan<byte> Events(List<RecordEvent> list) => Objects(list, static (w, e) =>
    {
        String(w, "code"u8, e.Code);
        if (e.Date is { } d)
        {
            Span<char> text = stackalloc char[10];
            d.TryFormat(text, out var n, "yyyy-MM-dd", CultureInfo.InvariantCulture);
            w.WriteString("date"u8, text[..n]);
        }
        else w.WriteNull("date"u8);
        String(w, "description"u8, e.Description);
    });

    public ReadOnlySpan<byte> Parties(List<PartyDraft> list) => Objects(list, static (w, p) =>
    {
        String(w, "role"u8, p.Role);
        String(w, "name"u8, p.Name);
        String(w, "address"u8, p.Address);
        String(w, "country"u8, p.Country);
        String(w, "postcode"u8, p.Postcode);
    });

    public ReadOnlySpan<byte> Extra(Dictionary<string, string> extra)
    {
        var w = Start();
        w.WriteStartObject();
        foreach (var (k, v) in extra) String(w, k, v);
        w.WriteEndObject();
        return Done();
    }

    public ReadOnlySpan<byte> ApplicantRegions(List<ApplicantRegion> list) => Objects(list, static (w, a) =>
    {
        String(w, "code"u8, a.Code);
        String(w, "rule"u8, a.Rule);
        w.WriteNumber("confidence"u8, a.Confidence);
    });

    private static void String(Utf8JsonWriter w, ReadOnlySpan<byte> name, string? value)
    {
        if (value is null) w.WriteNull(name); else w.WriteString(name, value);
    }

    private static void String(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null) w.WriteNull(name); else w.WriteString(name, value);
    }
}

/// <summary>
/// The record's JSON columns for the serializer's generated code, with the web defaults: how they are read back
/// (<see cref="RecordCodec"/>), and the bytes <see cref="JsonColumns"/> writes by hand — CJK text as UTF-8 rather than
/// \u escapes (half the bytes, and less for the server to decode).
/// </summary>
[System.Text.Json.Serialization.JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[System.Text.Json.Serialization.JsonSerializable(typeof(List<IndustryShare>))]
[System.Text.Json.Serialization.JsonSerializable(typeof(List<RecordEvent>))]
[System.Text.Json.Serialization.JsonSerializable(typeof(List<PartyDraft>))]
[System.Text.Json.Serialization.JsonSerializable(typeof(Dictionary<string, string>))]
[System.Text.Json.Serialization.JsonSerializable(typeof(List<ApplicantRegion>))]
internal sealed partial class RecordJson : System.Text.Json.Serialization.JsonSerializerContext
{
    public static RecordJson Columns { get; } = new(new JsonSerializerOptions(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
